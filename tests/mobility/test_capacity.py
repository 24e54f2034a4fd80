"""Capacity of placements across matching runs: lanes for booked placements, lock and
recount when storing, and two concurrent runs on real PostgreSQL."""

import datetime
import threading
from dataclasses import replace

import pytest
from django.db import connection

from verbund.mobility.models import Application, Stay
from verbund.mobility.services import capacity, matching
from verbund.mobility.solver import cpsat

from .conftest import D, make_application


def test_lanes_hold_exactly_the_free_places(world):
    placement = world["a"].placement  # capacity 2, 01.02.-31.07.2027, one stay in March
    counts = capacity.occupancy(placement)
    stay = world["a"].stay
    assert counts[stay.start] == 1 and counts[stay.start - datetime.timedelta(days=1)] == 0
    lanes = capacity.lanes(placement, counts)
    assert lanes[0] == (placement.start, placement.end)  # one place is free all the time
    assert lanes[1:] == [
        (placement.start, stay.start - datetime.timedelta(days=1)),
        (stay.end + datetime.timedelta(days=1), placement.end),
    ]


def test_a_second_run_never_overbooks_a_placement(world):
    a = world["a"]
    a.placement.capacity = 1
    a.placement.save()
    for first in ("Finn", "Lea", "Paul", "Ida", "Tom", "Eva", "Max"):
        make_application(a.project, a.application.occupation, a.company, first=first)
    matching.start_run(a.project, None, time_limit=2)
    stays = list(Stay.objects.filter(placement=a.placement).order_by("start"))
    # 01.02.-31.07.2027 holds six stays of 28 days one after another (with the first one)
    assert 2 <= len(stays) <= 6
    for before, after in zip(stays, stays[1:], strict=False):
        assert after.start > before.end


def test_storing_skips_a_stay_booked_meanwhile(world):
    a = world["a"]
    a.placement.capacity = 1
    a.placement.save()
    Stay.objects.filter(placement=a.placement).delete()
    second = make_application(a.project, a.application.occupation, a.company, first="Finn")
    a.application.refresh_from_db()
    Application.objects.filter(pk=a.application.pk).update(status=Application.Status.APPROVED)
    instance, by_id, rows = matching.build_instance(a.project)
    plan = cpsat.match(instance, time_limit=1)
    # another run books the same days first
    Stay.objects.create(
        project=a.project,
        person=second.person,
        participant_type="learner_short",
        placement=a.placement,
        host=a.host,
        start=a.placement.start,
        end=a.placement.end,
        home_city="Hannover",
    )
    assert matching.store_plan(a.project, plan, by_id, rows, None) == 0


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_book_a_place_once(chamber_a, occupation):
    from .conftest import make_partnership

    a = make_partnership("P", chamber_a, occupation)
    a.placement.capacity = 1
    a.placement.end = D(2027, 3, 31)  # room for exactly one 28-day stay
    a.placement.save()
    Stay.objects.all().delete()
    Application.objects.update(status=Application.Status.APPROVED)
    make_application(a.project, occupation, a.company, first="Finn")
    instance, by_id, rows = matching.build_instance(a.project)
    plan = cpsat.match(instance, time_limit=1)  # places one of the two (room for one)
    assert len(plan.stays) == 1
    stay = plan.stays[0]
    # a second run planned the other application on the same days
    rival_id = next(key for key in by_id if key != stay.participant)
    rival = type(plan)((replace(stay, participant=rival_id),), ())
    plans = [(type(plan)((stay,), ()), by_id, rows), (rival, by_id, rows)]
    barrier = threading.Barrier(2)
    results = []

    def store(plan, by_id, rows):
        try:
            barrier.wait()
            results.append(matching.store_plan(a.project, plan, by_id, rows, None))
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=store, args=args) for args in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert Stay.objects.filter(placement=a.placement).count() == 1
