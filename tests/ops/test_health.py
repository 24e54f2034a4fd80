"""/healthz, /readyz and the 503 answers while the database is away (issue 21)."""

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.utils import timezone

from tests.courses.conftest import offers, provider_a, provider_b, topic  # noqa: F401
from verbund.core.services import health
from verbund.courses.services import changefeed, indexing


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.INDEX_DIR = tmp_path / "index"
    yield settings.INDEX_DIR / "courses"
    indexing.forget_index(settings.INDEX_DIR / "courses")


def _lost_connection():
    """Every new database use fails as when the server is down or restarting."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("connection to server at 127.0.0.1 failed"),
    )


def test_healthz_answers_without_the_database(db, client):
    with _lost_connection():
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_ok_when_database_index_and_worker_are(offers, client):  # noqa: F811
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"] == {"database": "ok", "worker": "ok", "search_index": "ok"}


def test_readyz_names_a_missing_index(db, client):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "search_index" in response.json()["failing"]


def test_readyz_names_a_replica_behind(offers, settings, client):  # noqa: F811
    from verbund.courses.models import IndexChange

    settings.COURSES_INDEX_ON_COMMIT = False
    change = IndexChange.objects.create(offer_id=offers["welding"].pk, version=9, op="upsert")
    IndexChange.objects.filter(pk=change.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    body = client.get("/readyz").json()
    assert body["failing"]["search_index"].startswith("1 changes pending")
    indexing.apply_pending()
    assert client.get("/readyz").status_code == 200


def test_readyz_names_a_restored_database(offers, client):  # noqa: F811
    directory = indexing.current_dir()
    changefeed.write_position(directory, changefeed.Position(id=10**9, snapshot=None))
    failing = client.get("/readyz").json()["failing"]
    assert "restored" in failing["search_index"]


@mock.patch.object(health, "uses_worker", return_value=True)
def test_readyz_names_a_missing_worker(_queue, db, client):
    from django_tasks_db.models import DBTaskResult

    assert health.check_worker() is None  # nothing waits
    waiting = DBTaskResult.objects.create(
        task_path="verbund.core.tasks.nothing",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        status="READY",
    )
    DBTaskResult.objects.filter(pk=waiting.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=3)
    )
    assert health.check_worker() == "no worker seen in the last minute while tasks wait"
    assert client.get("/readyz").json()["failing"]["worker"] == health.check_worker()
    DBTaskResult.objects.filter(pk=waiting.pk).update(started_at=timezone.now())
    assert health.check_worker() is None


def test_readyz_fails_on_the_database_during_an_outage(db, client):
    with _lost_connection():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == {"database": "database unreachable: OperationalError"}


def test_outage_gives_a_german_503_page_and_api_json_then_recovers(offers):  # noqa: F811
    client = Client(raise_request_exception=False)
    with _lost_connection():
        page = client.get("/kurse/?q=Excel")
        api = client.get("/api/v1/courses/search?q=Excel")
    assert page.status_code == 503
    assert "verbund ist gleich wieder da" in page.content.decode()
    assert page["Retry-After"] == "10"
    assert api.status_code == 503
    assert "vorübergehend nicht erreichbar" in api.json()["detail"]
    # the database is back: the same client gets answers again, nothing to restart
    assert client.get("/kurse/?q=Excel").status_code == 200
