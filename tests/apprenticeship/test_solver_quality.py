"""Solver quality pieces: planted instances, lower bounds, the part-by-part search, the
regret start and the partner finder's prefilter (small instances; the scale is in the bench)."""

import itertools
import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verbund.apprenticeship.solver import bounds, checker, cpsat, generate, greedy, lns, model
from verbund.apprenticeship.solver import partners as finder
from verbund.apprenticeship.solver.model import Location, Stay
from verbund.apprenticeship.solver.rules import haversine_km

from .test_solver import INSTANCE


def _rank(plan):
    return (sum(u.weeks for u in plan.uncovered), plan.cost["total"])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(companies=st.integers(1, 5), apprentices=st.integers(1, 8), seed=st.integers(0, 10_000))
def test_planted_plan_is_complete_and_lawful(companies, apprentices, seed):
    raw = generate.generate(companies, apprentices, stations=6, seed=seed, complete=False)
    instance, planted = generate.plant(raw, random.Random(seed))
    assert checker.check(instance, planted) == []
    # complete up to the positions that no station teaches (few stations for many gaps)
    taught = {s.position for s in instance.stations}
    assert all(u.position not in taught for u in planted.uncovered)
    assert bounds.uncovered_bound(instance) == sum(u.weeks for u in planted.uncovered)
    # the planted instance only ever adds places
    assert all(
        s.capacity >= r.capacity for s, r in zip(instance.stations, raw.stations, strict=True)
    )


def _one_station(capacity=1, open_weeks=6):
    """Two apprentices, each 4 weeks of position 9 in year 1, one station open 6 weeks."""
    data = json.loads(json.dumps(INSTANCE))
    data["companies"] = [
        {"id": "C1", "location": {"lat": 51.30, "lon": 7.34}, "covers": {"11": {"2": 4}}}
    ]
    data["occupation"]["positions"][0]["weeks"] = {"1": 4}
    data["apprentices"] = [
        {"id": "A1", "company": "C1", "blocked_weeks": []},
        {"id": "A2", "company": "C1", "blocked_weeks": []},
    ]
    station = data["stations"][0]
    station.update(
        capacity=capacity,
        min_weeks=1,
        max_weeks=6,
        cost_per_week=100,
        location={"lat": 51.30, "lon": 7.34},  # at the company: no travel
        available_weeks=list(range(1, open_weeks + 1)),
    )
    data["stations"] = [station]
    return model.instance_from_dict(data)


def test_capacity_bound_counts_the_weeks_no_plan_can_cover():
    instance = _one_station(capacity=1, open_weeks=6)
    assert bounds.uncovered_bound(instance) == 2  # 8 weeks wanted, 6 station weeks
    plan = cpsat.plan_rotation(instance, time_limit=10)
    assert sum(u.weeks for u in plan.uncovered) == 2
    assert plan.bound["uncovered_weeks"] == 2
    assert checker.check(instance, plan) == []


def test_cost_bound_by_hand():
    instance = _one_station(capacity=2, open_weeks=20)
    # 8 weeks at 100 EUR, no travel, one partner for the company: 800 + 300
    assert bounds.cost_bound(instance, 0) == 1100
    # leaving 4 weeks open: 4 weeks, but a position the company cannot leave still needs P1
    assert bounds.cost_bound(instance, 4) == 700
    # leaving all 8 open: nothing to pay
    assert bounds.cost_bound(instance, 8) == 0
    plan = cpsat.plan_rotation(instance, time_limit=10)
    assert plan.cost["total"] == 1100 == plan.bound["cost"]
    assert plan.solver["status"] == "OPTIMAL"


def test_cost_bound_charges_the_shortest_stay():
    instance = _one_station(capacity=2, open_weeks=20)
    data = model.instance_to_dict(instance)
    data["stations"][0]["min_weeks"] = 5  # a 4-week gap still pays 5 weeks
    instance = model.instance_from_dict(data)
    assert bounds.cost_bound(instance, 0) == 2 * 500 + 300
    plan = cpsat.plan_rotation(instance, time_limit=10)
    assert plan.cost["total"] == 1300
    assert checker.check(instance, plan) == []


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_part_by_part_search_is_lawful_and_never_worse_than_greedy(seed):
    instance = generate.generate(6, 10, stations=8, seed=seed)
    whole, cpsat.WHOLE_MODEL_CANDIDATES = cpsat.WHOLE_MODEL_CANDIDATES, 0  # force the parts
    try:
        plan = lns.plan_rotation(instance, time_limit=4, seed=seed)
    finally:
        cpsat.WHOLE_MODEL_CANDIDATES = whole
    assert plan.solver["status"] in ("FEASIBLE", "GREEDY")
    assert checker.check(instance, plan) == []
    assert _rank(plan) <= _rank(greedy.solve(instance))
    assert plan.bound["cost"] <= plan.cost["total"]


def test_part_by_part_search_keeps_locked_stays(monkeypatch):
    instance = generate.generate(4, 6, stations=6, seed=5)
    first = greedy.solve(instance)
    locked = [Stay(**{**vars(first.stays[0]), "locked": True})]
    monkeypatch.setattr(cpsat, "WHOLE_MODEL_CANDIDATES", 0)
    plan = lns.plan_rotation(instance, locked=locked, time_limit=3)
    assert locked[0] in plan.stays
    assert checker.check(instance, plan) == []


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(companies=st.integers(1, 5), apprentices=st.integers(1, 8), seed=st.integers(0, 10_000))
def test_regret_start_is_lawful(companies, apprentices, seed):
    instance = generate.generate(companies, apprentices, stations=6, seed=seed)
    assert checker.check(instance, greedy.solve(instance, regret=True)) == []


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_partner_prefilter_keeps_the_best_set(seed):
    rng = random.Random(seed)
    home = Location(51.30, 7.36)
    positions = ["6", "9", "12"]
    offers = [
        finder.Offer(
            station=f"S{n}",
            partner=f"P{rng.randint(1, 4)}",
            position=rng.choice(positions),
            location=Location(51.30 + rng.uniform(-0.3, 0.3), 7.36 + rng.uniform(-0.3, 0.3)),
            cost_per_week=float(rng.randrange(80, 400, 10)),
        )
        for n in range(8)
    ]
    gaps = [finder.Gap(p, 1, rng.randint(1, 6)) for p in positions]
    search = finder.find(home, gaps, offers, results=1)
    options = [[o for o in offers if o.position == g.position] for g in gaps]
    if not all(options):
        return
    best = min(
        sum(
            g.weeks * (o.cost_per_week + 5 * 2 * haversine_km(home, o.location) * 0.30)
            for g, o in zip(gaps, choice, strict=True)
        )
        + 300 * len({o.partner for o in choice})
        for choice in itertools.product(*options)
    )
    assert abs(search.sets[0].total - best) < 0.05


def test_two_stays_back_to_back_at_one_station():
    """8 weeks to cover, the station takes at most 4 at a time and is open weeks 1..8 only."""
    data = model.instance_to_dict(_one_station(capacity=1, open_weeks=8))
    data["apprentices"] = data["apprentices"][:1]
    data["occupation"]["positions"][0]["weeks"] = {"1": 8}
    data["stations"][0]["max_weeks"] = 4
    instance = model.instance_from_dict(data)
    plan = cpsat.plan_rotation(instance, time_limit=10)
    assert plan.uncovered == []
    assert sorted((s.start_week, s.weeks) for s in plan.stays) == [(1, 4), (5, 4)]
    assert checker.check(instance, plan) == []
