"""Phase 2: CP-SAT improves board continuity, then load, then travel, block by block.

Phase 1 (flow.py) already fills the most seats any plan can fill. Here each *block* (a
few occupations' boards with all their sittings, ~BLOCK_TARGET_PAIRS eligible pairs) is
re-optimised with everything outside it fixed, lexicographically: first the number of
distinct examiners per board (continuity), then load above fair share, then travel, each
phase keeping the optimum of the previous one and never filling fewer seats. Blocks are
small enough for CP-SAT to prove most phases optimal in seconds; passes with regrouped
blocks repeat while time is left and something improves. A model over all 9,000 x 6,000
pairs at once would not even finish presolve in the time a planner waits.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .eligibility import Problem, Slot, Staffing, busy_days, loads
from .flow import merge
from .goals import CONTINUITY, LOAD, TRAVEL, Goals

CONTINUITY_FIRST = Goals("continuity")

# Eligible (examiner, slot) pairs per CP-SAT block (a few boards). Measured on generated
# 2,000/1,500 instances: blocks of ~2,000 pairs improve continuity faster per second than
# blocks of ~12,000, where CP-SAT's neighbourhood search crawls.
BLOCK_TARGET_PAIRS = 2_000
# The balanced mode's euro sum under the no-worse constraints: one board per block. Measured
# on the same instance (55 s): 2,000 pairs 187,020 km / 532 / 1,583, 500 pairs 179,218 km,
# 200 pairs 173,427 km, one board 172,026 km / 518 / 1,579 - CP-SAT rarely gets past the
# hint of a large weighted block within its second.
BALANCED_BLOCK_TARGET_PAIRS = 1
# Time split of a block's budget between the lexicographic phases (first goal, second,
# third); a phase that finishes early hands its rest to the next. The balanced mode has
# one phase, which gets all of it.
PHASE_SHARES = (0.6, 0.15, 0.25)
# The machine has two cores; CP-SAT's portfolio needs at least two workers to be useful.
NUM_WORKERS = 2
# Below this a block solve is not worth starting (model building alone takes longer).
MIN_BLOCK_SECONDS = 0.05

# Progress is reported as (fraction, stage); stages are fixed keys that callers translate
# for their users (the CLI prints them, the web page shows German texts).
Progress = Callable[[float, str], None]
FILLING, IMPROVING, DONE = "filling", "improving", "done"


@dataclass
class BlockOutcome:
    staffing: Staffing  # the block's slots only, locked examiners included
    optimal: bool  # all three phases proven optimal (for this block, rest fixed)
    improved: bool
    # how much each soft goal improved in this block (term units; negative: worse)
    gains: dict[str, int] = field(default_factory=dict)


def improve_block(
    problem: Problem,
    block: Sequence[Slot],
    staffing: Staffing,
    locked: Staffing,
    seconds: float,
    seed: int = 0,
    goals: Goals = CONTINUITY_FIRST,
    slack: dict[str, int] | None = None,
) -> BlockOutcome:
    """Re-optimise the slots in ``block``; everything else in ``staffing`` stays fixed.

    ``slack`` (balanced mode): how much each goal may get worse in this block, because
    earlier blocks improved it by that much; the plan as a whole stays no worse than its
    start (the greedy plan) on every goal.
    """
    in_block = set(block)
    fixed_inside = {slot: list(locked[slot]) for slot in block if slot in locked}
    outside = {slot: people for slot, people in staffing.items() if slot not in in_block}
    fixed = merge(outside, fixed_inside)
    load = loads(problem, fixed)
    busy = busy_days(problem, fixed)
    on_board = {(ei, problem.board(slot)) for slot, people in fixed.items() for ei in people}
    current = {
        (slot, ei)
        for slot in block
        for ei in staffing.get(slot, ())
        if ei not in fixed_inside.get(slot, ())
    }

    model = cp_model.CpModel()
    x: dict[tuple[Slot, int], cp_model.IntVar] = {}
    per_day: dict[tuple, list] = defaultdict(list)
    per_examiner: dict[int, list] = defaultdict(list)
    per_board: dict[tuple, list] = defaultdict(list)
    for slot in block:
        free = problem.seats[slot] - len(fixed_inside.get(slot, ()))
        day, board = problem.date(slot), problem.board(slot)
        seat_vars = []
        for ei in problem.candidates[slot]:
            if day in busy.get(ei, ()) or load[ei] >= problem.examiners[ei].max_sittings:
                continue
            if free <= 0 or ei in fixed_inside.get(slot, ()):
                continue
            var = x[slot, ei] = model.new_bool_var(f"x{slot[0]}{slot[1][:2]}_{ei}")
            seat_vars.append(var)
            per_day[ei, day].append(var)
            per_examiner[ei].append(var)
            per_board[ei, board].append(var)
        if len(seat_vars) > free:
            model.add(cp_model.LinearExpr.sum(seat_vars) <= free)
    for day_vars in per_day.values():
        if len(day_vars) > 1:
            model.add_at_most_one(day_vars)
    for ei, vars_ in per_examiner.items():
        room = problem.examiners[ei].max_sittings - load[ei]
        if len(vars_) > room:
            model.add(cp_model.LinearExpr.sum(vars_) <= room)
    if not x:
        return BlockOutcome({s: fixed_inside.get(s, []) for s in block}, True, False)
    model.add(cp_model.LinearExpr.sum(list(x.values())) >= len(current))

    hint = {var: int(key in current) for key, var in x.items()}
    board_terms = []
    for key, vars_ in per_board.items():
        if key in on_board:
            continue  # the examiner already sits on this board: more sittings are free
        if len(vars_) == 1:
            board_terms.append(vars_[0])
            continue
        present = model.new_bool_var("")
        for var in vars_:
            model.add_implication(var, present)
        board_terms.append(present)
        hint[present] = max(hint[v] for v in vars_)
    load_terms = []
    for ei, vars_ in per_examiner.items():
        fair = problem.fair[ei]
        if load[ei] + len(vars_) <= fair:
            continue
        over = model.new_int_var(0, load[ei] + len(vars_), "")
        model.add(over >= load[ei] + cp_model.LinearExpr.sum(vars_) - fair)
        load_terms.append(over)
        hint[over] = max(0, load[ei] + sum(hint[v] for v in vars_) - fair)
    travel_terms = [(var, problem.travel[ei, slot[0]]) for (slot, ei), var in x.items()]
    terms_of = {
        CONTINUITY: [(v, 1) for v in board_terms],
        LOAD: [(v, 1) for v in load_terms],
        TRAVEL: travel_terms,
    }
    phases = [
        [(v, c * coef) for term, coef in weights.items() for v, c in terms_of[term] if coef]
        for weights in goals.phases()
    ]
    before = {term: _value(terms, hint) for term, terms in terms_of.items()}
    if goals.pareto_from_greedy:
        # No goal may end worse than in the starting plan (see goals.py).
        for term, terms in terms_of.items():
            if terms:
                expr = cp_model.LinearExpr.weighted_sum(
                    [v for v, _ in terms], [c for _, c in terms]
                )
                model.add(expr <= before[term] + max(0, (slack or {}).get(term, 0)))
    shares = PHASE_SHARES if len(phases) == len(PHASE_SHARES) else (1.0,) * len(phases)
    start_score = [_value(terms, hint) for terms in phases]
    deadline = time.monotonic() + seconds
    optimal = True
    for phase, (terms, share) in enumerate(zip(phases, shares, strict=True)):
        if not terms:
            continue
        expr = cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms])
        shares_left = sum(shares[phase:])
        budget = max(0.0, deadline - time.monotonic()) * share / shares_left
        hint_value = _value(terms, hint)
        status, solver = _solve(model, expr, hint, budget, seed) if budget > 0.01 else (None, None)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = round(solver.objective_value)
            if found <= hint_value:
                hint = {var: solver.value(var) for var in hint}
            optimal &= status == cp_model.OPTIMAL and found <= hint_value
        else:
            optimal = False
        model.add(expr <= _value(terms, hint))

    result: Staffing = {slot: list(fixed_inside.get(slot, ())) for slot in block}
    for (slot, ei), var in x.items():
        if hint[var]:
            result[slot].append(ei)
    end_score = [_value(terms, hint) for terms in phases]
    gains = {term: before[term] - _value(terms, hint) for term, terms in terms_of.items()}
    return BlockOutcome(result, optimal, end_score < start_score, gains)


def _value(terms, values) -> int:
    return sum(coef * values[var] for var, coef in terms)


def _solve(model, expr, hint, seconds, seed):
    model.minimize(expr)
    model.clear_hints()
    for var, value in hint.items():
        model.add_hint(var, value)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = NUM_WORKERS
    solver.parameters.random_seed = seed

    return solver.solve(model), solver


def make_blocks(
    problem: Problem, slots: Sequence[Slot], seed: int, target: int = BLOCK_TARGET_PAIRS
) -> list[list[Slot]]:
    """Group whole boards into blocks, keeping boards that share examiners together."""
    units: dict[str, list[Slot]] = defaultdict(list)  # board -> its slots
    for slot in slots:
        units[problem.board(slot)].append(slot)
    people = {u: {ei for s in ss for ei in problem.candidates[s]} for u, ss in units.items()}
    size = {u: sum(len(problem.candidates[s]) for s in ss) for u, ss in units.items()}
    order = sorted(units, key=lambda u: (-size[u], u))
    random.Random(seed).shuffle(order)
    blocks: list[list[Slot]] = []
    left = set(order)
    for first in order:
        if first not in left:
            continue
        left.discard(first)
        block, members, pairs = list(units[first]), set(people[first]), size[first]
        while left and pairs < target:
            nearest = max(sorted(left), key=lambda u: (len(members & people[u]), -size[u]))
            if not members & people[nearest] or pairs + size[nearest] > 2 * target:
                break
            left.discard(nearest)
            block += units[nearest]
            members |= people[nearest]
            pairs += size[nearest]
        blocks.append(block)
    return blocks


def improve(
    problem: Problem,
    staffing: Staffing,
    locked: Staffing,
    slots: Sequence[Slot],
    deadline: float,
    seed: int = 0,
    progress: Progress | None = None,
    goals: Goals = CONTINUITY_FIRST,
    slack: dict[str, int] | None = None,
) -> tuple[Staffing, bool]:
    """Improve ``staffing`` on ``slots`` until ``deadline``; returns (staffing, proven).

    ``proven`` is True only when one block covered everything and every phase was optimal.
    ``slack`` (balanced mode): how far each goal is below its ceiling at the start.
    """
    staffing = dict(staffing)
    start = time.monotonic()
    stale_passes = 0
    # improvement banked against the ceiling (the greedy plan's value of each goal)
    slack = {CONTINUITY: 0, LOAD: 0, TRAVEL: 0, **(slack or {})}
    for pass_no in range(1000):
        target = BALANCED_BLOCK_TARGET_PAIRS if goals.pareto_from_greedy else BLOCK_TARGET_PAIRS
        blocks = make_blocks(problem, slots, seed + pass_no, target)
        sizes = [sum(len(problem.candidates[s]) for s in b) + 1 for b in blocks]
        left_pairs = sum(sizes)
        improved, proven = False, True
        for block, pairs in zip(blocks, sizes, strict=True):
            seconds = (deadline - time.monotonic()) * pairs / left_pairs
            left_pairs -= pairs
            if seconds < MIN_BLOCK_SECONDS:
                proven = False
                continue
            outcome = improve_block(
                problem, block, staffing, locked, seconds, seed + pass_no, goals, slack
            )
            staffing.update(outcome.staffing)
            for term, gain in outcome.gains.items():
                slack[term] += gain
            improved |= outcome.improved
            proven &= outcome.optimal
            if progress:
                done = (time.monotonic() - start) / max(1e-9, deadline - start)
                progress(min(1.0, done), IMPROVING)
        if proven and len(blocks) == 1:
            return staffing, True
        stale_passes = 0 if improved else stale_passes + 1
        if stale_passes >= 2 or (proven and not improved):
            break
        if deadline - time.monotonic() < MIN_BLOCK_SECONDS * len(blocks):
            break
    return staffing, False
