"""A simple greedy baseline: what a careful planner with a spreadsheet would do.

Seats with the fewest eligible examiners go first; each takes the free examiner who is
already on the board, else the least loaded relative to max_sittings, else the nearest.
It is the yardstick in the benchmark and a witness in the tests ("a full plan exists").
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable

from .eligibility import (
    Problem,
    Staffing,
    build_problem,
    busy_days,
    loads,
    make_plan,
    resolve_locks,
)
from .model import Assignment, Instance, Plan


def greedy(
    instance: Instance,
    *,
    locked: Iterable[Assignment] = (),
    forbidden: Iterable[tuple[str, str]] = (),
) -> Plan:
    started = time.monotonic()
    problem = build_problem(instance, forbidden)
    fixed: Staffing = defaultdict(list)
    for slot, ei in resolve_locks(problem, locked):
        fixed[slot].append(ei)
    staffing = greedy_staffing(problem, fixed)
    return make_plan(problem, staffing, None, "FEASIBLE", time.monotonic() - started)


def greedy_staffing(problem: Problem, fixed: Staffing) -> Staffing:
    """The greedy fill of every seat left by ``fixed`` (kept as it is), as a staffing."""
    staffing: Staffing = defaultdict(list)
    for slot, people in fixed.items():
        staffing[slot].extend(people)
    load = loads(problem, staffing)
    busy = busy_days(problem, staffing)
    on_board: dict[str, set[int]] = defaultdict(set)
    for slot, people in staffing.items():
        on_board[problem.board(slot)].update(people)

    order = sorted(
        problem.seats,
        key=lambda s: (len(problem.candidates[s]), problem.date(s), problem.sittings[s[0]].id),
    )
    for slot in order:
        day, board = problem.date(slot), problem.board(slot)
        while len(staffing[slot]) < problem.seats[slot]:
            options = [
                ei
                for ei in problem.candidates[slot]
                if day not in busy[ei] and load[ei] < problem.examiners[ei].max_sittings
            ]
            if not options:
                break
            best = min(
                options,
                key=lambda ei: (
                    ei not in on_board[board],
                    load[ei] / problem.examiners[ei].max_sittings,
                    problem.travel[ei, slot[0]],
                ),
            )
            staffing[slot].append(best)
            load[best] += 1
            busy[best].add(day)
            on_board[board].add(best)
    return dict(staffing)
