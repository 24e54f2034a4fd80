"""Replicas follow commits, not ids: nothing committed is ever lost (issue 21)."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.models import F

from tests.courses.conftest import search_ids
from verbund.courses.models import IndexChange, IndexReplica, Offer
from verbund.courses.services import changefeed, follower, indexing
from verbund.courses.services import offers as offer_service
from verbund.courses.services import search as search_service


def test_a_change_log_behind_the_replica_is_a_restore_and_rebuilds(
    offers, staff_a, tmp_path, settings
):
    settings.COURSES_INDEX_ON_COMMIT = False
    replica = tmp_path / "server2" / "courses"
    indexing.rebuild(replica)
    offer_service.save_offer(offers["welding"], {"title": "WIG-Schweißen"}, staff_a)
    assert indexing.apply_pending(replica) == 1
    # An older copy of the database: the change log ends below the replica's position and
    # the offer has its old title again.
    IndexChange.objects.all().delete()
    Offer.objects.filter(pk=offers["welding"].pk).update(
        title="Schweißen für Einsteiger", version=F("version") - 1
    )
    with pytest.raises(changefeed.Restored):
        changefeed.read(changefeed.read_position(indexing.current_dir(replica)))
    assert not indexing.check(replica).ok
    indexing.apply_pending(replica)  # detects it and rebuilds
    assert indexing.check(replica).ok
    indexing.forget_index(replica)


def test_a_replica_dropped_from_the_registry_rebuilds(offers, tmp_path, settings):
    replica = tmp_path / "server2" / "courses"
    indexing.rebuild(replica)
    generation = indexing.current_dir(replica)
    IndexReplica.objects.all().delete()  # housekeeping forgot it: the log may lack changes
    changefeed._reported.clear()
    indexing.apply_pending(replica)
    assert indexing.current_dir(replica) != generation
    assert IndexReplica.objects.filter(name=changefeed.replica_name(replica)).exists()
    indexing.forget_index(replica)


def test_follower_applies_committed_changes(offers, staff_a, tmp_path, settings):
    settings.COURSES_INDEX_ON_COMMIT = False
    replica = tmp_path / "server2" / "courses"
    indexing.rebuild(replica)
    offer_service.save_offer(offers["welding"], {"title": "MAG-Schweißen"}, staff_a)
    assert follower.follow(replica, interval=0, rounds=2) == 1
    assert indexing.check(replica).ok
    indexing.forget_index(replica)


def test_count_and_list_agree_while_a_delete_is_not_applied(offers, staff_a, settings):
    settings.COURSES_INDEX_ON_COMMIT = False
    offer_service.delete_offer(offers["welding"], staff_a)
    parsed = search_service.parse_params({"q": ["Schweißen"]})
    result, items = search_service.search(parsed.request)
    assert items == []
    assert result.total == 0


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="ids out of commit order and pg_restore need PostgreSQL (CI runs it)",
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_transactions_committing_out_of_id_order_both_reach_a_replica(
    offers, staff_a, tmp_path, settings
):
    settings.COURSES_INDEX_ON_COMMIT = False
    replica = tmp_path / "server2" / "courses"
    indexing.rebuild(replica)
    inserted, release = threading.Event(), threading.Event()
    errors = []

    def slow_edit():
        try:
            with transaction.atomic():
                offer_service.save_offer(offers["excel"], {"title": "Tabellen Langsam"}, staff_a)
                inserted.set()  # holds the lower change id, commits last
                release.wait(timeout=30)
        except Exception as error:  # noqa: BLE001 - asserted below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=slow_edit)
    thread.start()
    assert inserted.wait(timeout=30)
    offer_service.save_offer(offers["welding"], {"title": "Schweißen Schnell"}, staff_a)
    follower.follow(replica, interval=0, rounds=1)  # sees the later id only
    release.set()
    thread.join(timeout=30)
    assert not errors
    # Committed now, below the id the replica applied: a position "last id" would skip it.
    assert indexing.check(replica).outdated == [offers["excel"].pk]
    slow = IndexChange.objects.get(offer_id=offers["excel"].pk)
    assert slow.pk < IndexChange.objects.get(offer_id=offers["welding"].pk).pk
    follower.follow(replica, interval=0, rounds=1)
    assert indexing.check(replica).ok
    settings.INDEX_DIR = replica.parent
    assert search_ids(q="Langsam") == [offers["excel"].pk]
    assert search_ids(q="Schnell") == [offers["welding"].pk]
    indexing.forget_index(replica)
