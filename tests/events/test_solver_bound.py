"""The idle-gap lower bound, the compact start, the ejection search and the generator."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.events.solver_cases import forum
from verbund.events.solver import bound, checker, generate, greedy, scheduler
from verbund.events.solver.localsearch import Search
from verbund.events.solver.model import evaluate


def test_blocked_middle_slot_forces_a_gap():
    # P1 meets three people in four slots but is away in T2 and T3: no run of three.
    meetings = (("P1", "P2"), ("P1", "P3"), ("P1", "P4"))
    instance = forum(slots=4, tables=3, meetings=meetings, unavailable={"P1": ["T2"]})
    assert bound.idle_gap_bound(instance) == 1
    result = scheduler.solve(instance, time_limit=2)
    assert result.objective["idle_gaps"] == 1
    assert result.bound == {"scheduled": 3, "idle_gaps": 1}
    assert result.solver["status"] == "OPTIMAL"
    assert checker.check(instance, result) == []


def test_session_wishes_count_in_the_bound():
    # Two morning-only meetings and one afternoon-only with one morning slot free at the end.
    meetings = (("P1", "P2"), ("P1", "P3"), ("P1", "P4"))
    sessions = {"M1": "morning", "M2": "morning", "M3": "afternoon"}
    blocked = forum(slots=6, tables=3, meetings=meetings, sessions=sessions, unavailable={})
    assert bound.idle_gap_bound(blocked) == 0
    away = forum(
        slots=6, tables=3, meetings=meetings, sessions=sessions, unavailable={"P1": ["T3"]}
    )
    # morning T1-T3 (T3 away), afternoon T4-T6: M1, M2 in T1-T2, M3 from T4 on -> one gap.
    assert bound.idle_gap_bound(away) == 1


def test_gap_free_forum_reaches_the_bound_and_is_optimal():
    instance = forum(slots=4, tables=1, meetings=(("P3", "P4"), ("P1", "P2"), ("P2", "P3")))
    assert bound.idle_gap_bound(instance) == 0
    result = scheduler.solve(instance, time_limit=10)
    assert result.objective["idle_gaps"] == 0
    assert result.solver["status"] == "OPTIMAL"


def test_compact_start_places_blocks_together():
    # First free slot: M1, M2 in T1, M3 in T2, then M4 only in T3 (P2 idle in T2); the
    # compact start places the meetings of the busiest (P2, P5) first, next to each other.
    meetings = (("P1", "P2"), ("P3", "P4"), ("P5", "P6"), ("P2", "P5"))
    instance = forum(slots=4, tables=2, meetings=meetings)
    assert evaluate(instance, greedy.first_free_slots(instance))["idle_gaps"] == 1
    compact = greedy.compact_slots(instance)
    assert len(compact) == 4
    assert evaluate(instance, compact)["idle_gaps"] == 0


@settings(max_examples=15, deadline=None)
@given(
    pairs=st.lists(
        st.tuples(st.integers(0, 9), st.integers(0, 9)).filter(lambda pair: pair[0] != pair[1]),
        min_size=1,
        max_size=20,
        unique_by=lambda pair: tuple(sorted(pair)),
    ),
    slots=st.integers(2, 8),
    tables=st.integers(1, 3),
    seed=st.integers(0, 1000),
)
def test_property_search_never_loses_a_meeting_and_never_worsens(pairs, slots, tables, seed):
    instance = forum(slots, tables, tuple((f"P{a}", f"P{b}") for a, b in pairs))
    start = greedy.first_free_slots(instance)
    result = Search(instance, start, seed=seed).run(0.2)
    assert set(result) >= set(start)
    assert evaluate(instance, result)["idle_gaps"] <= evaluate(instance, start)["idle_gaps"]
    for a in result:
        for b in result:
            if a < b and result[a] == result[b]:
                ma = next(m for m in instance.meetings if m.id == a)
                mb = next(m for m in instance.meetings if m.id == b)
                assert not set(ma.participants) & set(mb.participants)
    assert max((list(result.values()).count(s) for s in set(result.values())), default=0) <= (
        tables
    )
    if len(result) == len(instance.meetings):  # the bound assumes every meeting placed
        assert bound.idle_gap_bound(instance) <= evaluate(instance, result)["idle_gaps"]


def test_generator_turns_about_half_of_the_requests_into_meetings():
    instance = generate.generate(200, 1000, seed=1)
    shape = generate.structure(instance)
    assert 400 <= shape["meetings"] <= 600
    assert shape["max_degree"] <= len(instance.slots)
    dense = generate.generate(200, 1000, seed=1, acceptance=1.0)
    assert generate.structure(dense)["meetings"] == 1000
    roomy = generate.generate(50, 200, seed=1, spare_tables=0.6)
    assert len(roomy.tables) > len(generate.generate(50, 200, seed=1).tables)
