"""Solving, locks, partial re-solve, declines and the reasons for unfilled seats."""

import dataclasses
import datetime as dt

import pytest

from tests.exams.solver_cases import DAY1, DAY2, case, examiner, sitting
from verbund.exams.solver import cpsat
from verbund.exams.solver.checker import check
from verbund.exams.solver.eligibility import LockError
from verbund.exams.solver.goals import Goals, Weights
from verbund.exams.solver.greedy import greedy
from verbund.exams.solver.model import Assignment

FAST = 5.0  # seconds; the tiny cases are proven optimal in well under a second


def test_solves_the_base_case_with_one_board_crew():
    instance = case()
    plan = cpsat.solve(instance, time_limit=FAST, goals=Goals("continuity"))
    assert check(instance, plan) == []
    assert plan.unfilled == ()
    assert plan.objective["unfilled"] == 0
    assert plan.bound == {"unfilled": 0}
    # the same three people on both sittings of the board
    assert plan.objective["board_changes"] == 0
    assert plan.solver["status"] == "OPTIMAL"


def _near_and_far():
    near = dataclasses.replace(examiner("A2", "employer"), home=case().sittings[0].location)
    # A1 can sit both days; A2 lives next door but only on day 2
    return case(
        examiners=[
            examiner("A1", "employer"),
            dataclasses.replace(near, available=(DAY2,)),
            examiner("N1", "employee"),
            examiner("T1", "teacher"),
        ]
    )


def _employers(plan, sitting_id=None):
    return {
        a.examiner
        for a in plan.assignments
        if a.group == "employer" and sitting_id in (None, a.sitting)
    }


def test_prefers_continuity_over_travel():
    plan = cpsat.solve(_near_and_far(), time_limit=FAST, goals=Goals("continuity"))
    assert _employers(plan) == {"A1"}


def test_travel_mode_takes_the_examiner_next_door():
    plan = cpsat.solve(_near_and_far(), time_limit=FAST, goals=Goals("travel"))
    assert _employers(plan, "S2") == {"A2"}


def test_balanced_mode_is_no_worse_than_greedy_on_any_goal():
    from verbund.exams.solver.generate import generate

    instance = generate(120, 40, planted=True, seed=3)
    baseline = greedy(instance).objective
    goals = Goals(weights=Weights(euro_per_km=0.42, euro_per_board_change=50))
    plan = cpsat.solve(instance, time_limit=3, goals=goals)
    assert check(instance, plan) == []
    for goal in ("unfilled", "board_changes", "load_spread", "travel_km"):
        assert plan.objective[goal] <= baseline[goal], goal
    assert goals.weights.plan_euros(plan.objective) <= goals.weights.plan_euros(baseline)


def test_balanced_weights_become_cents_per_term():
    goals = Goals(weights=Weights(0.42, euro_per_board_change=50, euro_per_sitting_above_fair=20))
    # one travel unit is 100 m one way, i.e. 200 m paid at 0.42 EUR/km = 8.4 cents
    assert goals.phases() == [{"travel": 8, "continuity": 5000, "load": 2000}]
    assert Goals("travel").phases()[0] == {"travel": 1}


def test_goal_modes_are_validated():
    with pytest.raises(ValueError):
        Goals("cheapest")
    with pytest.raises(ValueError):
        Goals(weights=Weights(euro_per_km=-1))


def test_plan_euros_count_travel_both_ways():
    weights = Weights(euro_per_km=0.30, euro_per_board_change=20, euro_per_sitting_above_fair=10)
    objective = {"travel_km": 100.0, "board_changes": 2, "load_spread": 3}
    assert weights.plan_euros(objective) == pytest.approx(60 + 40 + 30)


def test_locked_assignments_are_kept():
    instance = case()
    locked = [Assignment("S1", "A2", "employer"), Assignment("S2", "T2", "teacher")]
    plan = cpsat.solve(instance, locked=locked, time_limit=FAST)
    assert set(locked) <= set(plan.assignments)
    assert check(instance, plan) == []


def test_unlawful_lock_is_refused_with_reason():
    instance = case()
    with pytest.raises(LockError) as caught:
        cpsat.solve(instance, locked=[Assignment("S1", "N1", "employer")], time_limit=FAST)
    assert caught.value.errors == ["locked S1/N1: N1 is a employee, not a employer"]


def test_decline_replans_only_that_seat():
    instance = case()
    plan = cpsat.solve(instance, time_limit=FAST)
    gone = next(a for a in plan.assignments if a.sitting == "S1" and a.group == "employer")
    after = cpsat.decline(instance, plan, "S1", gone.examiner)
    removed = set(plan.assignments) - set(after.assignments)
    added = set(after.assignments) - set(plan.assignments)
    assert removed == {gone}
    assert len(added) == 1
    (replacement,) = added
    assert (replacement.sitting, replacement.group) == ("S1", "employer")
    assert replacement.examiner != gone.examiner
    assert check(instance, after) == []


def test_decline_without_replacement_reports_the_seat():
    examiners = [examiner("A1", "employer"), examiner("N1", "employee"), examiner("T1", "teacher")]
    instance = case(examiners=examiners)
    plan = cpsat.solve(instance, time_limit=FAST)
    after = cpsat.decline(instance, plan, "S2", "T1")
    assert len(after.assignments) == len(plan.assignments) - 1
    assert [(u.sitting, u.group) for u in after.unfilled] == [("S2", "teacher")]
    assert after.unfilled[0].reason == "every qualified teacher available on 2027-05-11 declined"
    assert check(instance, after) == []


def test_resolve_changes_only_the_chosen_sittings():
    instance = case(sittings=[sitting("S1", DAY1), sitting("S2", DAY2), sitting("S3", DAY1)])
    plan = cpsat.solve(instance, time_limit=FAST)
    # the planner puts the other employer into S2 by hand and re-plans S2 around it
    on_s2 = next(
        a.examiner for a in plan.assignments if a.sitting == "S2" and a.group == "employer"
    )
    wanted = Assignment("S2", "A2" if on_s2 == "A1" else "A1", "employer")
    after = cpsat.resolve(instance, plan, {"S2"}, locked=[wanted], time_limit=FAST)
    untouched = {a for a in plan.assignments if a.sitting != "S2"}
    assert untouched == {a for a in after.assignments if a.sitting != "S2"}
    assert wanted in after.assignments
    assert after.unfilled == ()
    assert check(instance, after) == []


def test_forbidden_pairs_are_never_used():
    instance = case()
    plan = cpsat.solve(instance, forbidden=[("S1", "A1"), ("S2", "A1")], time_limit=FAST)
    assert all(a.examiner != "A1" for a in plan.assignments)
    assert plan.unfilled == ()


def unfilled_reasons(instance):
    plan = cpsat.solve(instance, time_limit=FAST)
    assert check(instance, plan) == []
    assert greedy(instance).objective["unfilled"] >= plan.objective["unfilled"]
    return {(u.sitting, u.group): u.reason for u in plan.unfilled}


def test_reason_no_teacher_available():
    examiners = [
        examiner("A1", "employer"),
        examiner("N1", "employee"),
        examiner("T1", "teacher", available=(DAY2,)),
    ]
    reasons = unfilled_reasons(case(examiners=examiners))
    assert reasons == {("S1", "teacher"): "no qualified teacher available on 2027-05-10"}


def test_reason_everybody_at_max_sittings():
    examiners = [
        examiner("A1", "employer", max_sittings=1),
        examiner("N1", "employee"),
        examiner("T1", "teacher"),
    ]
    reasons = unfilled_reasons(case(examiners=examiners))
    assert len(reasons) == 1
    ((sitting_id, group), reason), day = *reasons.items(), {"S1": DAY1, "S2": DAY2}
    assert group == "employer"
    assert (
        reason == f"all qualified employers available on {day[sitting_id]} already at max_sittings"
    )


def test_reason_conflict_of_interest():
    examiners = [
        examiner("A1", "employer"),
        examiner("N1", "employee", company="C0042"),
        examiner("N2", "employee", relatives=("P-S1",)),
        examiner("T1", "teacher"),
    ]
    reasons = unfilled_reasons(case(examiners=examiners))
    # S2 can take N2 (related to the S1 candidate only); S1 has nobody left
    assert reasons == {
        ("S1", "employee"): "conflict of interest with every available qualified employee"
    }


def test_reason_appointment_ended():
    examiners = [
        examiner("A1", "employer", appointed_until=dt.date(2027, 5, 10)),
        examiner("N1", "employee"),
        examiner("T1", "teacher"),
    ]
    reasons = unfilled_reasons(case(examiners=examiners))
    assert reasons == {
        (
            "S2",
            "employer",
        ): "no qualified employer available on 2027-05-11 is appointed on that date"
    }
