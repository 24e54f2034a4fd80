"""The index follows committed changes only; reindex --check finds every difference."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from tests.courses.conftest import days, make_offer, search_ids
from verbund.courses.models import IndexChange, Offer, Run
from verbund.courses.services import indexing
from verbund.courses.services import offers as offer_service


def test_rebuild_indexes_only_searchable_offers(offers):
    report = indexing.check()
    assert report.ok
    assert search_ids(q="Schweißen") == [offers["welding"].pk]
    assert search_ids(q="Alter") == []  # archived


def test_create_update_delete_follow_on_commit(
    offers, provider_a, staff_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_service.save_offer(
            Offer(),
            {
                "provider": provider_a,
                "external_id": "NEU-1",
                "title": "Gabelstaplerschein kompakt",
                "description": "Mit Prüfung.",
                "format": "praesenz",
                "price": 300,
            },
            staff_a,
        )
        offer_service.save_run(
            Run(offer=offer),
            {"start_date": days(14), "end_date": days(15), "city": "Hameln"},
            staff_a,
        )
    assert search_ids(q="Gabelstapler") == [offer.pk]
    assert indexing.check().ok

    with django_capture_on_commit_callbacks(execute=True):
        offer_service.save_offer(offer, {"title": "Staplerfahrer Grundkurs"}, staff_a)
    assert search_ids(q="Gabelstapler") == []
    assert search_ids(q="Staplerfahrer") == [offer.pk]
    assert indexing.check().ok

    offer_id = offer.pk
    with django_capture_on_commit_callbacks(execute=True):
        offer_service.delete_offer(offer, staff_a)
    assert search_ids(q="Staplerfahrer") == []
    assert indexing.check().ok
    assert IndexChange.objects.filter(offer_id=offer_id, op="delete").exists()


def test_failed_transaction_leaves_index_untouched(
    offers, staff_a, django_capture_on_commit_callbacks
):
    welding = offers["welding"]
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        offer_service.save_offer(welding, {"title": "Umbenannt"}, staff_a)
        raise RuntimeError("rollback")
    assert callbacks == []
    welding.refresh_from_db()
    assert welding.title == "Schweißen für Einsteiger"
    assert not IndexChange.objects.exists()
    assert search_ids(q="Umbenannt") == []
    assert search_ids(q="Schweißen") == [welding.pk]
    assert indexing.check().ok


def test_check_reports_every_difference(offers, provider_a, capsys):
    # Changed behind the index's back: outdated, missing and extra documents.
    Offer.objects.filter(pk=offers["welding"].pk).update(version=5)
    added = make_offer(provider_a, "Neu ohne Index")
    Offer.objects.filter(pk=offers["excel"].pk).update(status="archived")
    report = indexing.check()
    assert report.outdated == [offers["welding"].pk]
    assert report.missing == [added.pk]
    assert report.extra == [offers["excel"].pk]
    with pytest.raises(CommandError, match="3 Abweichungen"):
        call_command("courses", "reindex", "--check")
    output = capsys.readouterr().out
    assert f"Angebot {added.pk}: fehlt im Index" in output
    call_command("courses", "reindex")
    assert indexing.check().ok


def test_replicas_catch_up_from_the_change_log(
    offers, staff_a, tmp_path, django_capture_on_commit_callbacks
):
    replica = tmp_path / "replica"
    indexing.rebuild(replica)
    with django_capture_on_commit_callbacks(execute=True):
        offer_service.save_offer(offers["welding"], {"title": "WIG-Schweißen"}, staff_a)
    assert not indexing.check(replica).ok  # the second server has not applied it yet
    assert indexing.apply_pending(replica) == 1
    assert indexing.check(replica).ok
    assert indexing.apply_pending(replica) == 0


def test_expired_runs_drop_out_and_grace_period_hides(offers, provider_a, settings):
    settings.COURSES_GRACE_DAYS = 30
    recent = make_offer(provider_a, "Kurz vorbei Elektrotechnik", runs=((-10, "Holzminden"),))
    old = make_offer(provider_a, "Lange vorbei Elektrotechnik", runs=((-60, "Holzminden"),))
    indexing.rebuild()
    # Within the grace period: still found, but its past run no longer counts for place/date.
    assert search_ids(q="Elektrotechnik") == [recent.pk]
    assert search_ids(q="Elektrotechnik", place="Holzminden", radius="10") == []
    assert search_ids(q="Elektrotechnik", start_from=str(days(-30))) == []
    assert old.pk not in search_ids(q="Lange")
    dormant = offer_service.dormant_offers(Offer.objects.filter(provider=provider_a))
    assert set(dormant.values_list("pk", flat=True)) == {recent.pk, old.pk}
    assert offer_service.hidden_ids(Offer.objects.filter(provider=provider_a)) == {old.pk}
    settings.COURSES_GRACE_DAYS = 5
    assert indexing.refresh() >= 1
    assert search_ids(q="Elektrotechnik") == []
    assert indexing.check().ok


def test_index_unavailable_is_reported(index_dir, db, client):
    index_dir.mkdir(parents=True)
    (index_dir / "meta.json").write_text("{not json")
    response = client.get("/kurse/?q=Excel")
    assert response.status_code == 503
    assert "vorübergehend nicht verfügbar" in response.content.decode()
