"""``verbund housekeeping`` prunes what nobody needs, never what a replica still needs."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from tests.courses.conftest import offers, provider_a, provider_b, topic  # noqa: F401
from verbund.core.job_models import Job
from verbund.core.models import ApiToken
from verbund.core.services import housekeeping, periodic
from verbund.courses.models import IndexChange, IndexReplica
from verbund.courses.services import changefeed, indexing

LONG_AGO = timezone.now() - datetime.timedelta(days=60)


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.INDEX_DIR = tmp_path / "index"
    yield settings.INDEX_DIR / "courses"
    indexing.forget_index(settings.INDEX_DIR / "courses")


@pytest.mark.django_db(transaction=True)  # committed changes, as in production
def test_housekeeping_prunes_sessions_tokens_jobs_and_applied_changes(offers, capsys):  # noqa: F811
    account = factories.user("lotte")
    Session.objects.create(session_key="a" * 32, session_data="", expire_date=LONG_AGO)
    Session.objects.create(
        session_key="b" * 32,
        session_data="",
        expire_date=timezone.now() + datetime.timedelta(days=1),
    )
    ApiToken.objects.create(user=account, name="alt", prefix="x", key_hash="1", expires_at=LONG_AGO)
    ApiToken.objects.create(user=account, name="gültig", prefix="y", key_hash="2")
    Job.objects.create(kind="k", title="alt", status=Job.Status.DONE, finished_at=LONG_AGO)
    Job.objects.create(kind="k", title="läuft", status=Job.Status.RUNNING)
    for version in (2, 3, 4):
        IndexChange.objects.create(offer_id=offers["welding"].pk, version=version, op="upsert")
    IndexChange.objects.update(created_at=LONG_AGO)
    indexing.apply_pending()
    changefeed._reported.clear()
    # A second replica that has applied the first of those changes only.
    first, second, _third = IndexChange.objects.order_by("pk")
    if _third.txid is not None:
        # A snapshot's xmin is cluster-wide: another database's open transaction may hold
        # it below these changes (pruning then waits). Here: as on a quiet cluster.
        IndexReplica.objects.update(position_xmin=_third.txid + 1)
    IndexReplica.objects.create(
        name="server2:/var/lib/verbund/index/courses",
        position_id=first.pk,
        position_xmin=second.txid,  # PostgreSQL: the second was running at its snapshot
        seen_at=timezone.now(),
    )
    call_command("housekeeping")
    assert "Abgelaufene Sitzungen: 1" in capsys.readouterr().out
    assert list(Session.objects.values_list("session_key", flat=True)) == ["b" * 32]
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["gültig"]
    assert list(Job.objects.values_list("title", flat=True)) == ["läuft"]
    assert list(IndexChange.objects.order_by("pk")) == [second, _third]
    IndexReplica.objects.filter(name__startswith="server2").update(seen_at=LONG_AGO)
    assert housekeeping.run()["Änderungsprotokoll der Kurssuche"] == 1  # the newest stays
    assert not IndexReplica.objects.filter(name__startswith="server2").exists()


def test_housekeeping_is_a_daily_periodic_task():
    entry = {e.path: e for e in periodic.registered()}["verbund.core.tasks.housekeeping"]
    assert entry.every == datetime.timedelta(days=1)
