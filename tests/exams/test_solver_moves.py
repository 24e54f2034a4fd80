"""Block moves of the balanced mode (solver/moves.py): hand a board block or one sitting
to another examiner, never breaking a hard rule, a lock or a goal's ceiling."""

import time

from tests.exams.solver_cases import DAY2, case, examiner
from verbund.exams.solver import cpsat, moves
from verbund.exams.solver.checker import check
from verbund.exams.solver.eligibility import build_problem, make_plan
from verbund.exams.solver.generate import generate
from verbund.exams.solver.goals import Goals, Weights
from verbund.exams.solver.greedy import greedy_staffing
from verbund.exams.solver.model import Point

FAR = Point(53.25, 10.41)  # Lüneburg, ~110 km from the sittings in Braunschweig


def _staffing(problem, *rows):
    staffing = {}
    for sitting, person, group in rows:
        slot = (problem.sitting_index[sitting], group)
        staffing.setdefault(slot, []).append(problem.examiner_index[person])
    return staffing


def _far_crew(**near_changes):
    instance = case(
        examiners=[
            examiner("A1", "employer", home=FAR),
            examiner("A2", "employer", **near_changes),
            examiner("N1", "employee"),
            examiner("T1", "teacher"),
        ]
    )
    problem = build_problem(instance)
    rows = [(s, p, g) for s in ("S1", "S2") for p, g in (("A1", "employer"), ("N1", "employee"))]
    rows += [("S1", "T1", "teacher"), ("S2", "T1", "teacher")]
    return instance, problem, _staffing(problem, *rows)


def _employers(problem, staffing):
    return {
        problem.examiners[ei].id
        for slot, people in staffing.items()
        if slot[1] == "employer"
        for ei in people
    }


def test_a_far_examiners_board_block_goes_to_the_one_next_door():
    instance, problem, staffing = _far_crew()
    start = cpsat.totals(problem, staffing)
    result, totals = moves.improve(
        problem, staffing, {}, time.monotonic() + 5, Weights(), start, start
    )
    assert _employers(problem, result) == {"A2"}
    assert totals == cpsat.totals(problem, result)
    assert totals[0] == start[0]  # still one employer on the board
    assert totals[2] < start[2]
    assert check(instance, make_plan(problem, result, 0, "FEASIBLE", 0)) == []


def test_locked_assignments_never_move():
    _instance, problem, staffing = _far_crew()
    locked = _staffing(problem, ("S1", "A1", "employer"))
    start = cpsat.totals(problem, staffing)
    result, _ = moves.improve(
        problem, staffing, locked, time.monotonic() + 5, Weights(), start, start
    )
    assert problem.examiner_index["A1"] in result[problem.sitting_index["S1"], "employer"]


def test_no_goal_rises_above_its_ceiling():
    """A2 is free on day 2 only: taking S2 saves travel but brings a second employer."""
    _instance, problem, staffing = _far_crew(available=(DAY2,))
    start = cpsat.totals(problem, staffing)
    cheap_people = Weights(euro_per_board_change=0)
    kept, _ = moves.improve(problem, staffing, {}, time.monotonic() + 5, cheap_people, start, start)
    assert _employers(problem, kept) == {"A1"}
    loose = (start[0] + 1, start[1], start[2])
    moved, totals = moves.improve(
        problem, staffing, {}, time.monotonic() + 5, cheap_people, start, loose
    )
    assert _employers(problem, moved) == {"A1", "A2"}
    assert totals[0] == start[0] + 1


def test_annealing_keeps_every_rule_and_the_greedy_ceiling():
    instance = generate(150, 60, planted=True, seed=4)
    problem = build_problem(instance)
    staffing = greedy_staffing(problem, {})
    ceiling = cpsat.totals(problem, staffing)
    result, totals = moves.anneal(
        problem, staffing, {}, time.monotonic() + 2, Weights(), ceiling, ceiling, seed=1
    )
    assert totals == cpsat.totals(problem, result)
    assert all(now <= top for now, top in zip(totals, ceiling, strict=True))
    assert check(instance, make_plan(problem, result, 0, "FEASIBLE", 0)) == []


def test_balanced_replanning_never_ends_worse_than_a_better_start():
    """A start plan cheaper than greedy (e.g. the current plan) is where the search begins."""
    instance = generate(150, 60, planted=True, seed=4)
    goals = Goals()
    first = cpsat.solve(instance, time_limit=3, seed=1, goals=goals)
    again = cpsat.solve(instance, time_limit=0.5, seed=2, goals=goals, start=first.assignments)
    assert check(instance, again) == []
    # the search counts travel in 100 m per trip, the objective in exact km: allow that
    before, after = (goals.weights.plan_euros(p.objective) for p in (first, again))
    assert after <= before * 1.001
    # a start that breaks a rule is ignored (greedy is the start then), never an error
    broken = (*first.assignments, first.assignments[0])
    assert check(instance, cpsat.solve(instance, time_limit=0.5, start=broken)) == []
