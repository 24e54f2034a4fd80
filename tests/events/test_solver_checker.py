"""One test per hard rule of the batch interface: the checker names each violation."""

from tests.events.solver_cases import forum
from verbund.events.solver.checker import check
from verbund.events.solver.model import schedule_from_dict


def schedule(*rows, unscheduled=(), objective=None):
    return schedule_from_dict(
        {
            "scheduled": [{"meeting": m, "slot": s, "table": t} for m, s, t in rows],
            "unscheduled": [{"meeting": m, "reason": "test"} for m in unscheduled],
            "objective": objective or {},
        }
    )


TWO = forum(meetings=(("P1", "P2"), ("P1", "P3")))


def test_a_valid_schedule_has_no_violations():
    assert check(TWO, schedule(("M1", "T1", "1"), ("M2", "T2", "1"))) == []


def test_meeting_at_most_once():
    assert "M1 is scheduled 2 times" in check(
        TWO, schedule(("M1", "T1", "1"), ("M1", "T3", "1"), ("M2", "T2", "1"))
    )


def test_meeting_in_its_session():
    instance = forum(meetings=(("P1", "P2"),), sessions={"M1": "morning"})
    violations = check(instance, schedule(("M1", "T4", "1")))
    assert any("wants the morning session" in line for line in violations)


def test_table_holds_one_meeting_per_slot():
    instance = forum(meetings=(("P1", "P2"), ("P3", "P4")))
    violations = check(instance, schedule(("M1", "T1", "1"), ("M2", "T1", "1")))
    assert "table 1 holds M1, M2 at once in T1" in violations


def test_participant_one_meeting_per_slot():
    violations = check(TWO, schedule(("M1", "T1", "1"), ("M2", "T1", "2")))
    assert "P1 has M1, M2 at once in T1" in violations


def test_unavailable_slot_is_respected():
    instance = forum(meetings=(("P1", "P2"),), unavailable={"P2": ["T1"]})
    assert "P2 is unavailable in T1 but meets in M1" in check(instance, schedule(("M1", "T1", "1")))


def test_unknown_slot_table_and_meeting():
    violations = check(
        TWO, schedule(("M1", "T9", "1"), ("M2", "T2", "7"), ("M8", "T1", "1"), unscheduled=["M1"])
    )
    assert "M1: unknown slot T9" in violations
    assert "M2: unknown table 7" in violations
    assert "M8 is not a meeting of the instance" in violations


def test_every_meeting_is_scheduled_or_explained():
    assert "M2 is neither scheduled nor listed as unscheduled" in check(
        TWO, schedule(("M1", "T1", "1"))
    )
    assert "M1 is both scheduled and listed as unscheduled" in check(
        TWO, schedule(("M1", "T1", "1"), ("M2", "T2", "1"), unscheduled=["M1"])
    )


def test_claimed_objective_must_match():
    # P1 meets in T1 and T3: one idle gap.
    violations = check(
        TWO,
        schedule(
            ("M1", "T1", "1"),
            ("M2", "T3", "1"),
            objective={"scheduled": 2, "idle_gaps": 0, "max_gaps_per_participant": 1},
        ),
    )
    assert violations == ["objective idle_gaps claims 0 but the schedule has 1"]
