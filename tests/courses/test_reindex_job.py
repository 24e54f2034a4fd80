"""Rebuilding the search index is a background job started by an administrator; the new
generation is swapped in atomically and every process's handle follows the swap."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests import factories
from tests.courses.conftest import make_offer, search_ids
from verbund.core.models import Job
from verbund.courses.jobs import REINDEX
from verbund.courses.search import CourseIndex
from verbund.courses.services import changefeed, indexing

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
URL = "/kurse/suchindex/"


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """The worker closes "old" connections between tasks (our test's own on PostgreSQL)."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


@pytest.fixture
def admin(db):
    return factories.user("indexadmin", is_superuser=True, is_staff=True)


def test_url_name():
    assert reverse("courses:search_index") == URL


def test_permissions(client, offers, staff_a):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert client.post(URL).status_code == 302  # to the login, nothing started
    client.force_login(staff_a)  # provider staff: no administrator
    assert client.get(URL).status_code == 403
    assert client.post(URL).status_code == 403
    assert not Job.objects.filter(kind=REINDEX).exists()


def test_an_administrator_confirms_and_the_job_rebuilds_the_index(client, offers, admin):
    client.force_login(admin)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ja, Suchindex neu aufbauen" in html and 'method="post"' in html
    before = indexing.current_dir()
    response = client.post(URL)
    job = Job.objects.get(kind=REINDEX)
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.result["offers"] == 2
    assert job.result["generation"] == indexing.current_dir().name != before.name
    assert indexing.check().ok
    assert search_ids(q="Schweißen") == [offers["welding"].pk]
    assert "Letzter Neuaufbau" in client.get(URL).content.decode()


def test_an_open_handle_follows_a_rebuild_done_elsewhere(offers, provider_a, settings):
    """What a web process sees when the worker swapped the generation: its next search
    opens the new directory (the search in this process would use the old one otherwise)."""
    index = indexing.get_index()
    settings.COURSES_INDEX_ON_COMMIT = False  # the "web process" does not apply it itself
    added = make_offer(provider_a, "Gabelstaplerschein kompakt")
    assert search_ids(q="Gabelstaplerschein") == []
    indexing.rebuild()
    assert indexing.get_index() is not index
    assert search_ids(q="Gabelstaplerschein") == [added.pk]
    link = settings.INDEX_DIR / "courses"
    assert link.is_symlink()


def test_an_index_of_the_older_layout_becomes_a_generation(offers, tmp_path):
    legacy = tmp_path / "server2" / "courses"
    CourseIndex(legacy)  # a plain directory, as before generations, at the log's end
    changefeed.write_position(legacy, changefeed.current())
    changefeed.report(legacy, changefeed.current(), register=True)
    assert indexing.apply_pending(legacy) == 0
    assert legacy.is_dir() and not legacy.is_symlink()
    indexing.rebuild(legacy)
    assert legacy.is_symlink()
    assert (tmp_path / "server2" / "courses.gen-0").is_dir()  # kept as the previous one
    assert indexing.check(legacy).ok
    indexing.forget_index(legacy)


def test_generations_are_swapped_and_old_ones_dropped(offers, settings):
    link = settings.INDEX_DIR / "courses"
    first = indexing.current_dir()
    assert link.is_symlink() and first.name.startswith("courses.gen-")
    indexing.rebuild()
    second = indexing.current_dir()
    indexing.rebuild()
    generations = sorted(p.name for p in settings.INDEX_DIR.glob("courses.gen-*"))
    # the one in use and the previous one (searches may still read it)
    assert generations == sorted([second.name, indexing.current_dir().name])
    assert indexing.check().ok


def test_changes_logged_during_the_rebuild_are_in_the_new_generation(offers, provider_a, settings):
    settings.COURSES_INDEX_ON_COMMIT = False
    added = []

    def meanwhile(count):
        if not added:  # saved by a provider after the rebuild read the offer list
            added.append(make_offer(provider_a, "Motorsägenkurs für Einsteiger"))
            indexing.log_change(added[0])

    indexing.rebuild(progress=meanwhile)
    assert search_ids(q="Motorsägenkurs") == [added[0].pk]
    assert indexing.check().ok


@override_settings(TASKS=DATABASE_TASKS)
def test_queued_one_rebuild_at_a_time_and_the_worker_runs_it(
    client, offers, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL)
    job = Job.objects.get(kind=REINDEX)
    assert first.url == job.get_absolute_url() and job.status == Job.Status.QUEUED
    other = factories.user("zweiteradmin", is_superuser=True, is_staff=True)
    client.force_login(other)
    assert "wird gerade neu aufgebaut" in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(URL)
    assert second.url == job.get_absolute_url()
    assert Job.objects.filter(kind=REINDEX).count() == 1
    call_command("worker", batch=True)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["offers"] == 2
    assert indexing.check().ok
