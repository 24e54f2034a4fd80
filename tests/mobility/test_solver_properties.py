"""Properties on random small instances: every plan the matcher returns passes the
independent checker, never places fewer than the greedy baseline and never exceeds its
own bound."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verbund.mobility.solver import checker, cpsat, greedy
from verbund.mobility.solver.model import CEFR_LEVELS, Home

from .solver_cases import D, instance, learner, placement

OCCUPATIONS = ["mechatroniker", "koch"]
PROPERTY_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,  # no .hypothesis folder in the shared checkout
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def learners(draw, ident: str):
    earliest = D(2027, 3, 1) + dt.timedelta(days=draw(st.integers(0, 60)))
    days = draw(st.sampled_from([7, 14, 21, 28]))
    return learner(
        ident,
        occupation=draw(st.sampled_from(OCCUPATIONS)),
        home=Home("X", draw(st.floats(51.0, 53.0)), draw(st.floats(8.0, 12.0))),
        languages={"fr": draw(st.sampled_from(CEFR_LEVELS[:3]))},
        earliest=earliest,
        latest=earliest + dt.timedelta(days=days + draw(st.integers(-1, 30))),
        days=days,
        needs=draw(st.sampled_from([(), (), ("wheelchair",)])),
        fewer_opportunities=draw(st.booleans()),
        green_travel=draw(st.booleans()),
        preferences=tuple(
            draw(st.lists(st.sampled_from(["H1", "H2", "H3"]), unique=True, max_size=2))
        ),
    )


@st.composite
def placements(draw, ident: str):
    start = D(2027, 3, 1) + dt.timedelta(days=draw(st.integers(0, 40)))
    return placement(
        ident,
        occupations=tuple(draw(st.sets(st.sampled_from(OCCUPATIONS), min_size=1))),
        min_level=draw(st.sampled_from(CEFR_LEVELS[:2])),
        lat=draw(st.floats(43.0, 50.0)),
        lon=draw(st.floats(-1.0, 7.0)),
        start=start,
        end=start + dt.timedelta(days=draw(st.integers(10, 80))),
        capacity=draw(st.integers(0, 2)),
        accessible=draw(st.sampled_from([(), ("wheelchair",)])),
    )


@st.composite
def instances(draw):
    people = [draw(learners(f"L{n}")) for n in range(draw(st.integers(1, 7)))]
    hosts = [draw(placements(f"H{n}")) for n in range(1, draw(st.integers(1, 3)) + 1)]
    return instance(people, hosts)


@PROPERTY_SETTINGS
@given(instances())
def test_matcher_plans_pass_the_checker_and_beat_greedy(problem):
    plan = cpsat.match(problem, time_limit=1)
    assert checker.check(problem, plan) == []
    baseline = greedy.greedy(problem)
    assert checker.check(problem, baseline) == []
    assert plan.objective["placed"] >= baseline.objective["placed"]
    assert plan.objective["placed"] <= plan.bound["placed"]
    assert len(plan.stays) + len(plan.unplaced) == len(problem.participants)


def _fits_statically(person, host) -> bool:
    """Every rule but capacity, written out independently of the solver."""
    order = ["A1", "A2", "B1", "B2", "C1", "C2"]
    level = person.languages.get(host.language)
    first = max(person.earliest, host.start)
    last = min(person.latest, host.end) - dt.timedelta(days=person.days - 1)
    return (
        person.occupation in host.occupations
        and level is not None
        and order.index(level) >= order.index(host.min_level)
        and set(person.needs) <= set(host.accessible)
        and first <= last
        and host.capacity > 0
        and 10 <= person.days <= 89
    )


@PROPERTY_SETTINGS
@given(instances())
def test_unplaced_for_a_rule_really_fit_no_placement(problem):
    plan = cpsat.match(problem, time_limit=1)
    people = {p.id: p for p in problem.participants}
    for unplaced in plan.unplaced:
        fitting = [
            h for h in problem.placements if _fits_statically(people[unplaced.participant], h)
        ]
        if unplaced.reason.startswith("every fitting placement is full"):
            assert fitting
        else:
            assert not fitting, unplaced
