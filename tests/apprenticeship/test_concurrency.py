"""Two planners move stays onto the same station at the same time (real PostgreSQL):
the run row is locked, the second edit is checked against the first and refused."""

import threading

import pytest
from django.db import connections

from tests import factories
from verbund.apprenticeship.models import RotationRun
from verbund.apprenticeship.services import rotation
from verbund.core.models import Occupation
from verbund.networks.models import Network

INSTANCE = {
    "occupation": {
        "code": "x",
        "weeks": 52,
        "years": [{"year": 1, "from_week": 1, "to_week": 52}],
        "positions": [{"id": "9", "title": "Prüfen", "weeks": {"1": 4}}],
    },
    "companies": [{"id": "C1", "location": {"lat": 51.3, "lon": 7.3}, "covers": {}}],
    "apprentices": [
        {"id": "A1", "company": "C1", "blocked_weeks": []},
        {"id": "A2", "company": "C1", "blocked_weeks": []},
    ],
    "stations": [
        {
            "id": "S1",
            "partner": "P1",
            "position": "9",
            "location": {"lat": 51.3, "lon": 7.4},
            "capacity": 1,
            "min_weeks": 1,
            "max_weeks": 6,
            "cost_per_week": 100,
        },
    ],
    "costs": {},
}
PLAN = {
    "stays": [
        {
            "apprentice": "A1",
            "station": "S1",
            "position": "9",
            "year": 1,
            "start_week": 1,
            "weeks": 4,
        },
        {
            "apprentice": "A2",
            "station": "S1",
            "position": "9",
            "year": 1,
            "start_week": 10,
            "weeks": 4,
        },
    ],
    "uncovered": [],
}


@pytest.mark.django_db(transaction=True)
def test_concurrent_edits_never_overbook_a_station():
    network = factories.network("Verbund", kind=Network.Kind.AUSBILDUNGSVERBUND)
    occupation = Occupation.objects.create(code="x", name="Testberuf")
    run = RotationRun.objects.create(
        network=network,
        occupation=occupation,
        cohort=2026,
        status="done",
        instance=INSTANCE,
        plan=PLAN,
    )
    user = factories.user("pia")
    barrier = threading.Barrier(2)
    results = {}

    def move(index):
        try:
            barrier.wait()
            # both move their stay to weeks 20..23: each alone is lawful, together not
            results[index] = rotation.edit_stay(run, index, 20, 4, False, user)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcomes = sorted(bool(broken) for broken in results.values())
    assert outcomes == [False, True]  # one saved, one refused with the broken rule
    refused = next(broken for broken in results.values() if broken)
    assert any("more than 1 apprentices" in line for line in refused)
    run.refresh_from_db()
    starts = sorted(s["start_week"] for s in run.plan["stays"])
    assert 20 in starts and starts != [20, 20]
