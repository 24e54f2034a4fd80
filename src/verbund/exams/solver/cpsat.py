"""Examiner assignment with OR-Tools: solve, re-solve part of a plan, re-plan a decline.

How a plan is made (the lexicographic goals of exams.md):

1. min-cost max-flow (flow.py) fills the most seats any lawful plan can fill — an exact,
   proven bound — at the least cost of the chosen goals that a flow can express;
2. balanced (the default): from the greedy plan, block moves (moves.py: descent, then
   simulated annealing) lower the planner's euro sum without lifting any goal above
   greedy's value; CP-SAT's board blocks and a last descent polish;
3. CP-SAT (blocks.py) re-optimises blocks of boards for the goals (goals.py: the
   balanced euro sum under those ceilings, or one goal first, lexicographic), never
   filling fewer seats, until the time limit.

The UI workflow maps onto three calls: ``solve`` (optionally with locked assignments the
planner fixed by hand), ``resolve`` (re-plan only some sittings, keep everything else) and
``decline`` (an examiner drops out: only that seat changes).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable

from . import moves
from .blocks import DONE, FILLING, IMPROVING, Progress, improve
from .eligibility import (
    LockError,
    Problem,
    Slot,
    Staffing,
    build_problem,
    busy_days,
    loads,
    make_plan,
    resolve_locks,
    to_assignments,
)
from .flow import consolidate, merge, seats_filled
from .goals import CONTINUITY, LOAD, TRAVEL, Goals
from .greedy import greedy_staffing
from .model import Assignment, Instance, Plan
from .objective import evaluate

# Share of the time limit kept back for building the plan and its reasons at the end.
FINISH_RESERVE = 0.03
# Balanced mode (greedy start, moves.py, then CP-SAT blocks): the share of the time after
# the first descent left to CP-SAT's blocks, and the share of theirs left to the final
# descent. Measured on the 2,000/1,500 instance: annealing improves all three goals
# much more per second than CP-SAT's single-board blocks, which only polish.
BLOCKS_SHARE = 0.15
POLISH_SHARE = 0.2
# The goal terms in the order of ``totals``.
TERMS = (CONTINUITY, LOAD, TRAVEL)
BALANCED = Goals()


def solve(
    instance: Instance,
    *,
    locked: Iterable[Assignment] = (),
    forbidden: Iterable[tuple[str, str]] = (),
    time_limit: float = 60.0,
    seed: int = 0,
    progress: Progress | None = None,
    goals: Goals = BALANCED,
    start: Iterable[Assignment] = (),
) -> Plan:
    """A plan for every seat of ``instance``, best for ``goals`` (default: balanced).

    ``locked`` assignments are kept as they are (LockError if one breaks a hard rule);
    ``forbidden`` lists (sitting id, examiner id) pairs never to use, e.g. declines.
    ``start`` (balanced mode), e.g. the period's current plan: the search starts from it
    instead of the greedy plan when it is lawful, keeps the locks, fills as many seats and
    is on no goal worse than greedy but cheaper — so a re-plan never ends worse than it.
    """
    return _solve(
        instance, locked, forbidden, None, time_limit, seed, progress, goals, tuple(start)
    )


def resolve(
    instance: Instance,
    plan: Plan,
    sittings: Collection[str],
    *,
    locked: Iterable[Assignment] = (),
    forbidden: Iterable[tuple[str, str]] = (),
    time_limit: float = 30.0,
    seed: int = 0,
    progress: Progress | None = None,
    goals: Goals = BALANCED,
) -> Plan:
    """Re-plan only ``sittings``; every other assignment of ``plan`` is kept.

    Inside ``sittings``, ``locked`` assignments are kept too; the rest is planned anew.
    """
    wanted = set(sittings)
    keep = [a for a in plan.assignments if a.sitting not in wanted]
    locks = list(dict.fromkeys([*keep, *locked]))
    return _solve(instance, locks, forbidden, wanted, time_limit, seed, progress, goals)


def decline(
    instance: Instance,
    plan: Plan,
    sitting: str,
    examiner: str,
    *,
    forbidden: Iterable[tuple[str, str]] = (),
) -> Plan:
    """``examiner`` declines ``sitting``: refill only that seat, everything else unchanged.

    The replacement is the best eligible examiner who is free that day and below
    max_sittings: already on the board first, then within fair share, then nearest.
    """
    started = time.monotonic()
    problem = build_problem(instance, {*forbidden, (sitting, examiner)})
    gone = [a for a in plan.assignments if (a.sitting, a.examiner) == (sitting, examiner)]
    if not gone:
        raise ValueError(f"{examiner} is not assigned to sitting {sitting}")
    kept = [a for a in plan.assignments if a not in gone]
    staffing = _staffing(resolve_locks(problem, kept))
    slot: Slot = (problem.sitting_index[sitting], gone[0].group)
    choice = _replacement(problem, staffing, slot)
    if choice is not None:
        staffing.setdefault(slot, []).append(choice)
    unfilled = sum(problem.seats.values()) - seats_filled(staffing)
    # Nothing else may change, so this single choice is the optimum of the re-plan.
    return make_plan(problem, staffing, unfilled, "OPTIMAL", time.monotonic() - started)


def _replacement(problem: Problem, staffing: Staffing, slot: Slot) -> int | None:
    load = loads(problem, staffing)
    busy = busy_days(problem, staffing)
    day, board = problem.date(slot), problem.board(slot)
    on_board = {ei for s, people in staffing.items() if problem.board(s) == board for ei in people}
    options = [
        ei
        for ei in problem.candidates[slot]
        if day not in busy.get(ei, ()) and load[ei] < problem.examiners[ei].max_sittings
    ]
    if not options:
        return None
    return min(
        options,
        key=lambda ei: (
            ei not in on_board,
            load[ei] + 1 > problem.fair[ei],
            problem.travel[ei, slot[0]],
            problem.examiners[ei].id,
        ),
    )


def _staffing(pairs: Iterable[tuple[Slot, int]]) -> Staffing:
    staffing: Staffing = {}
    for slot, ei in pairs:
        staffing.setdefault(slot, []).append(ei)
    return staffing


def totals(problem: Problem, staffing: Staffing) -> tuple[int, int, int]:
    """(board changes, load spread, travel units) of ``staffing``, as the searches count."""
    objective = evaluate(problem.instance, to_assignments(problem, staffing))
    travel = sum(problem.travel[ei, slot[0]] for slot, ps in staffing.items() for ei in ps)
    return objective["board_changes"], objective["load_spread"], travel


def _better_start(problem, start, fixed, baseline, ceiling, goals) -> Staffing:
    """``start`` as staffing when it may replace the greedy ``baseline`` (see solve)."""
    if not start:
        return baseline
    try:
        staffing = _staffing(resolve_locks(problem, start))
    except LockError:
        return baseline  # the plan no longer fits the data: greedy it is
    if any(len(people) > problem.seats[slot] for slot, people in staffing.items()):
        return baseline
    if any(ei not in staffing.get(slot, ()) for slot, people in fixed.items() for ei in people):
        return baseline
    if seats_filled(staffing) < seats_filled(baseline):
        return baseline
    mine = totals(problem, staffing)
    if any(m > c for m, c in zip(mine, ceiling, strict=True)):
        return baseline
    return staffing if _cents(mine, goals) < _cents(totals(problem, baseline), goals) else baseline


def _cents(values: tuple[int, int, int], goals: Goals) -> float:
    board, load, travel = values
    w = goals.weights
    # one travel unit is 100 m one way, paid both ways
    return (
        board * w.euro_per_board_change
        + load * w.euro_per_sitting_above_fair
        + travel * (0.2 * w.euro_per_km)
    )


def _rescaled(progress: Progress, offset: float) -> Progress:
    """Progress of the rest of the run after ``offset`` (a share of it) is done."""
    return lambda fraction, stage: progress(offset + (1 - offset) * fraction, stage)


def _solve(
    instance: Instance,
    locked: Iterable[Assignment],
    forbidden: Iterable[tuple[str, str]],
    only_sittings: set[str] | None,
    time_limit: float,
    seed: int,
    progress: Progress | None,
    goals: Goals,
    start: tuple[Assignment, ...] = (),
) -> Plan:
    started = time.monotonic()
    deadline = started + time_limit * (1 - FINISH_RESERVE)
    problem = build_problem(instance, forbidden)
    fixed = _staffing(resolve_locks(problem, locked))
    slots = [
        slot
        for slot in problem.seats
        if only_sittings is None or problem.sittings[slot[0]].id in only_sittings
    ]
    if progress:
        progress(0.0, FILLING)
    filled, flow_value = consolidate(problem, fixed, slots, goals.flow_costs())
    staffing = merge(fixed, filled)
    bound = sum(problem.seats.values()) - seats_filled(fixed) - flow_value
    ceiling = None
    if goals.pareto_from_greedy and only_sittings is None:
        # Start from the greedy plan when it fills as many seats: the balanced search
        # then only accepts changes that make no soft goal worse than greedy's (ceiling).
        baseline = greedy_staffing(problem, fixed)
        if seats_filled(baseline) >= seats_filled(staffing):
            ceiling = totals(problem, baseline)
            baseline = _better_start(problem, start, fixed, baseline, ceiling, goals)
            staffing, now = moves.improve(
                problem,
                baseline,
                fixed,
                deadline,
                goals.weights,
                totals(problem, baseline),
                ceiling,
                seed,
            )
            until = deadline - (deadline - time.monotonic()) * BLOCKS_SHARE
            share = (until - started) / max(1e-9, deadline - started)
            staffing, _ = moves.anneal(
                problem,
                staffing,
                fixed,
                until,
                goals.weights,
                now,
                ceiling,
                seed,
                report=(lambda done: progress(done * share, IMPROVING)) if progress else None,
            )
            if progress:
                progress = _rescaled(progress, share)

    proven = False
    if time.monotonic() < deadline:
        search_end = deadline
        slack = None
        if ceiling is not None:
            now = totals(problem, staffing)
            slack = {term: ceiling[k] - now[k] for k, term in enumerate(TERMS)}
            search_end -= (deadline - time.monotonic()) * POLISH_SHARE
        staffing, proven = improve(
            problem, staffing, fixed, slots, search_end, seed, progress, goals, slack
        )
    if ceiling is not None and time.monotonic() < deadline:
        # CP-SAT's blocks changed the plan: the block moves get the last word
        now = totals(problem, staffing)
        staffing, _ = moves.improve(
            problem, staffing, fixed, deadline, goals.weights, now, ceiling, seed + 1
        )
    status = "OPTIMAL" if proven else "FEASIBLE"
    if progress:
        progress(1.0, DONE)
    return make_plan(problem, staffing, bound, status, time.monotonic() - started)
