"""Properties on random small periods: every plan is lawful, and no seat is left empty
when a complete plan is known to exist (planted, or found by the greedy baseline)."""

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from verbund.exams.solver import bounds, cpsat
from verbund.exams.solver.checker import check
from verbund.exams.solver.generate import generate
from verbund.exams.solver.goals import MODES, Goals
from verbund.exams.solver.greedy import greedy
from verbund.exams.solver.model import (
    GROUPS,
    Candidate,
    Examiner,
    Instance,
    Period,
    Point,
    Seats,
    Sitting,
)

QUICK = 0.5  # seconds per solve: enough for these sizes, keeps the suite fast
DAYS = [dt.date(2027, 5, 10) + dt.timedelta(days=n) for n in range(3)]
OCCUPATIONS = ["2611", "6170"]
COMPANIES = ["C1", "C2", "C3", "C4"]
PROPERTY_SETTINGS = settings(
    max_examples=20,
    deadline=None,
    database=None,  # no .hypothesis folder in the shared checkout
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def examiners(draw, ident: str):
    return Examiner(
        id=ident,
        group=draw(st.sampled_from(GROUPS)),
        occupations=tuple(draw(st.sets(st.sampled_from(OCCUPATIONS), min_size=1))),
        home=Point(draw(st.floats(52.0, 53.5)), draw(st.floats(10.0, 11.2))),
        available=tuple(sorted(draw(st.sets(st.sampled_from(DAYS), min_size=1)))),
        max_sittings=draw(st.integers(0, 3)),
        appointed_until=draw(st.sampled_from([DAYS[1], dt.date(2030, 1, 1)])),
        company=draw(st.sampled_from([*COMPANIES, None])),
        relatives=tuple(draw(st.sets(st.sampled_from(["P1", "P2", "P3"]), max_size=1))),
    )


@st.composite
def sittings(draw, ident: str):
    wide = draw(st.booleans())
    return Sitting(
        id=ident,
        board=f"B-{draw(st.integers(1, 2))}",
        occupation=draw(st.sampled_from(OCCUPATIONS)),
        date=draw(st.sampled_from(DAYS)),
        location=Point(draw(st.floats(52.0, 53.5)), draw(st.floats(10.0, 11.2))),
        seats=Seats(2, 2, 1) if wide else Seats(1, 1, 1),
        candidates=tuple(
            Candidate(p, draw(st.sampled_from(COMPANIES)))
            for p in draw(st.sets(st.sampled_from(["P1", "P2", "P3", "P4"]), min_size=1))
        ),
    )


@st.composite
def instances(draw):
    n_examiners = draw(st.integers(3, 14))
    n_sittings = draw(st.integers(1, 6))
    return Instance(
        Period("Test", dt.date(2027, 5, 3), dt.date(2027, 7, 9)),
        tuple(draw(examiners(f"E{n}")) for n in range(n_examiners)),
        tuple(draw(sittings(f"S{n}")) for n in range(n_sittings)),
    )


@PROPERTY_SETTINGS
@given(instances())
def test_random_plans_are_lawful_and_fill_what_greedy_fills(instance):
    plan = cpsat.solve(instance, time_limit=QUICK)
    assert check(instance, plan) == []
    assert plan.objective["unfilled"] == plan.bound["unfilled"] == len(plan.unfilled)
    baseline = greedy(instance)
    assert check(instance, baseline) == []
    assert plan.objective["unfilled"] <= baseline.objective["unfilled"]
    assert all(u.reason for u in plan.unfilled)


@PROPERTY_SETTINGS
@given(
    st.integers(6, 45),
    st.integers(1, 12),
    st.integers(0, 10**6),
)
def test_planted_periods_are_filled_completely(n_examiners, n_sittings, seed):
    try:
        instance = generate(n_examiners, n_sittings, planted=True, seed=seed)
    except ValueError:  # too few examiners of a group to plant a plan
        assume(False)
    plan = cpsat.solve(instance, time_limit=QUICK)
    assert check(instance, plan) == []
    assert plan.unfilled == ()
    assert plan.bound == {"unfilled": 0}


@settings(max_examples=8, deadline=None, database=None)
@given(st.integers(20, 45), st.integers(4, 12), st.integers(0, 10**6))
def test_no_plan_beats_the_travel_load_frontier(n_examiners, n_sittings, seed):
    """The frontier's bounds hold for the plan of every goal mode (all fill the most seats)."""
    try:
        instance = generate(n_examiners, n_sittings, planted=True, seed=seed)
    except ValueError:
        assume(False)
    points = bounds.travel_load_frontier(instance)
    best = bounds.goal_bounds(instance)
    assert points[0].travel_km == best["travel_km"]  # weight 0: travel alone
    assert points[-1].load_spread == best["load_spread"]  # load strictly first
    for mode in MODES:
        plan = cpsat.solve(instance, time_limit=QUICK, goals=Goals(mode))
        travel, load = plan.objective["travel_km"], plan.objective["load_spread"]
        assert travel >= bounds.least_travel_km(points, load) - 1e-6
        assert load >= bounds.least_load_spread(points, travel)
