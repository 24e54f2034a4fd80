"""The scheduler against the independent checker: hand-made cases and random instances."""

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.events.solver_cases import forum
from verbund.events.solver import checker, cli, generate, greedy, model, scheduler


def test_chain_of_meetings_gets_no_gaps():
    # In input order, first-free-slot leaves P3 idle between its meetings (T1, T3).
    instance = forum(slots=4, tables=1, meetings=(("P3", "P4"), ("P1", "P2"), ("P2", "P3")))
    assert greedy.greedy(instance).objective["idle_gaps"] == 1
    result = scheduler.solve(instance, time_limit=3)
    assert checker.check(instance, result) == []
    assert result.objective["scheduled"] == 3
    assert result.objective["idle_gaps"] == 0


def test_impossible_meeting_is_listed_with_reason():
    instance = forum(meetings=(("P1", "P2"),), unavailable={"P1": ["T1", "T2"], "P2": ["T3", "T4"]})
    result = scheduler.solve(instance, time_limit=2)
    assert result.scheduled == []
    assert result.unscheduled == [{"meeting": "M1", "reason": "P1 and P2 have no common free slot"}]
    assert checker.check(instance, result) == []


def test_table_shortage_leaves_a_meeting_out_with_reason():
    instance = forum(slots=1, tables=1, meetings=(("P1", "P2"), ("P3", "P4")))
    result = scheduler.solve(instance, time_limit=2)
    assert result.objective["scheduled"] == 1
    assert "taken by other meetings" in result.unscheduled[0]["reason"]
    assert checker.check(instance, result) == []


def test_published_meetings_stay_where_possible():
    instance = forum(slots=4, tables=2, meetings=(("P1", "P2"), ("P1", "P3"), ("P3", "P4")))
    result = scheduler.solve(instance, time_limit=2, keep={"M1": "T4", "M3": "T2"})
    slots = {a.meeting: a.slot for a in result.scheduled}
    assert slots["M1"] == "T4" and slots["M3"] == "T2"
    assert checker.check(instance, result) == []


def test_scheduler_beats_greedy_on_a_generated_forum():
    instance = generate.generate(40, 120, seed=3)
    baseline = greedy.greedy(instance)
    result = scheduler.solve(instance, time_limit=4)
    assert checker.check(instance, result) == []
    assert checker.check(instance, baseline) == []
    assert result.objective["scheduled"] >= baseline.objective["scheduled"]
    assert result.objective["idle_gaps"] < baseline.objective["idle_gaps"]


pairs = st.lists(
    st.tuples(st.integers(0, 7), st.integers(0, 7)).filter(lambda pair: pair[0] != pair[1]),
    min_size=1,
    max_size=14,
    unique_by=lambda pair: tuple(sorted(pair)),
)


@settings(max_examples=15, deadline=None)
@given(
    pairs=pairs,
    slots=st.integers(1, 6),
    tables=st.integers(1, 3),
    blocked=st.lists(st.tuples(st.integers(0, 7), st.integers(1, 6)), max_size=5),
    morning=st.sets(st.integers(0, 13), max_size=3),
)
def test_property_scheduler_output_passes_the_checker(pairs, slots, tables, blocked, morning):
    unavailable = {}
    for person, slot in blocked:
        unavailable.setdefault(f"P{person}", []).append(f"T{slot}")
    meetings = tuple((f"P{a}", f"P{b}") for a, b in pairs)
    sessions = {f"M{n + 1}": "morning" for n in morning if n < len(meetings)}
    instance = forum(slots, tables, meetings, unavailable, sessions)
    result = scheduler.solve(instance, time_limit=0.6)
    assert checker.check(instance, result) == []
    baseline = greedy.greedy(instance)
    assert result.objective["scheduled"] >= baseline.objective["scheduled"]


def test_cli_generate_schedule_check(tmp_path):
    instance_path, schedule_path = tmp_path / "forum.json", tmp_path / "plan.json"
    options = {"action": "generate", "participants": 20, "requests": 40, "seed": 1}
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    assert cli.dispatch({**options, "out": str(instance_path)}, **quiet) == 0
    solve = {
        "action": "schedule",
        "instance": str(instance_path),
        "out": str(schedule_path),
        "time_limit": 2.0,
        "seed": 0,
    }
    assert cli.dispatch(solve, **quiet) == 0
    written = json.loads(schedule_path.read_text())
    assert set(written) == {"scheduled", "unscheduled", "objective", "bound", "solver"}
    assert set(written["objective"]) == {"scheduled", "idle_gaps", "max_gaps_per_participant"}
    check = {"action": "check", "instance": str(instance_path), "schedule": str(schedule_path)}
    assert cli.dispatch(check, **quiet) == 0
    written["scheduled"].append(dict(written["scheduled"][0]))
    schedule_path.write_text(json.dumps(written))
    out = io.StringIO()
    assert cli.dispatch(check, stdout=out) == 1
    assert "scheduled 2 times" in out.getvalue()


def test_cli_reports_a_bad_instance(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "slots": [],
                "tables": [],
                "participants": [],
                "meetings": [{"id": "M1", "participants": ["X"]}],
            }
        )
    )
    err = io.StringIO()
    check = {"action": "check", "instance": str(bad), "schedule": str(bad)}
    assert cli.dispatch(check, stderr=err) == 2
    assert "needs at least two participants" in err.getvalue()


def test_instance_round_trip():
    instance = generate.generate(10, 15, seed=2)
    again = model.instance_from_dict(model.instance_to_dict(instance))
    assert again.meetings == instance.meetings and again.slots == instance.slots
