"""Phase 1: fill as many seats as possible, fairly and with short travel, by min-cost flow.

Without board continuity the assignment is a network flow, solved exactly in seconds
even for a large chamber::

    source -> examiner        capacity max_sittings (minus locked), cost: load above fair share
    examiner -> examiner-day  capacity 1 (one sitting a day)
    examiner-day -> slot      capacity 1 per eligible pair, cost: travel
    slot -> sink              capacity free seats

The maximum flow is the largest number of seats any plan can fill, so its value gives a
proven bound on ``unfilled``; the cheapest maximum flow is optimal for (fill, load, travel)
and the CP-SAT phase only trades some of that for board continuity.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from ortools.graph.python import min_cost_flow

from .eligibility import Problem, Slot, Staffing, busy_days, loads
from .goals import FlowCosts, Goals

# The costs of the flow come from the goal mode (goals.FlowCosts): the default is the
# continuity-first order of exams.md. All stay small enough that OR-Tools' cost scaling
# (cost x nodes) cannot overflow int64 for a large chamber (~2e5 nodes).
CONTINUITY_FIRST = Goals("continuity").flow_costs()


class FlowError(RuntimeError):
    pass


def fill(
    problem: Problem,
    fixed: Staffing,
    slots: Iterable[Slot] | None = None,
    board_cost: Mapping[tuple[int, str], int] | None = None,
    costs: FlowCosts = CONTINUITY_FIRST,
) -> tuple[Staffing, int]:
    """Best fill of the seats left by ``fixed``; returns (new assignments, seats filled).

    ``fixed`` (e.g. locked assignments) is kept: its seats, days and loads are used up.
    ``slots`` limits the fill to those slots (a partial re-solve); default: all.
    ``board_cost`` adds a cost per sitting of examiner on board (see consolidate).
    """
    load = loads(problem, fixed)
    busy = busy_days(problem, fixed)
    wanted = problem.seats if slots is None else slots
    free = {slot: problem.seats[slot] - len(fixed.get(slot, ())) for slot in wanted}
    open_slots = [slot for slot, n in free.items() if n > 0]

    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    arc_costs: list[int] = []

    def arc(tail: int, head: int, cap: int, cost: int) -> None:
        tails.append(tail)
        heads.append(head)
        caps.append(cap)
        arc_costs.append(cost)

    source, sink = 0, 1
    examiner_node = {}
    day_node: dict[tuple[int, dt.date], int] = {}
    slot_node = {slot: 2 + k for k, slot in enumerate(open_slots)}
    next_node = 2 + len(open_slots)
    pair_arcs: list[tuple[int, Slot, int]] = []  # (arc index, slot, examiner)
    for slot in open_slots:
        day, board = problem.date(slot), problem.board(slot)
        for ei in problem.candidates[slot]:
            if day in busy.get(ei, ()) or load[ei] >= problem.examiners[ei].max_sittings:
                continue
            if ei not in examiner_node:
                examiner_node[ei] = next_node
                next_node += 1
            if (ei, day) not in day_node:
                day_node[ei, day] = next_node
                next_node += 1
                arc(examiner_node[ei], day_node[ei, day], 1, 0)
            pair_arcs.append((len(tails), slot, ei))
            extra = board_cost.get((ei, board), 0) if board_cost else 0
            arc(
                day_node[ei, day],
                slot_node[slot],
                1,
                problem.travel[ei, slot[0]] * costs.travel_unit + extra,
            )
        arc(slot_node[slot], sink, free[slot], 0)
    for ei, node in examiner_node.items():
        room = problem.examiners[ei].max_sittings - load[ei]
        within_fair = max(0, min(room, problem.fair[ei] - load[ei]))
        if within_fair:
            arc(source, node, within_fair, 0)
        if room > within_fair:
            arc(source, node, room - within_fair, costs.load_above_fair)

    if not pair_arcs:
        return {}, 0
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32),
        np.array(heads, dtype=np.int32),
        np.array(caps, dtype=np.int64),
        np.array(arc_costs, dtype=np.int64),
    )
    # Offer every open seat at the source; "max flow with min cost" ships what it can.
    demand = sum(free[slot] for slot in open_slots)
    flow.set_node_supply(source, demand)
    flow.set_node_supply(sink, -demand)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise FlowError(f"min-cost flow failed with status {status}")
    arc_flow = flow.flows(np.array([k for k, _, _ in pair_arcs], dtype=np.int32))
    staffing: Staffing = defaultdict(list)
    for (_, slot, ei), used in zip(pair_arcs, arc_flow, strict=True):
        if used:
            staffing[slot].append(ei)
    return dict(staffing), int(flow.maximum_flow())


def consolidate(
    problem: Problem, fixed: Staffing, slots: Sequence[Slot], costs: FlowCosts = CONTINUITY_FIRST
) -> tuple[Staffing, int]:
    """A maximum fill that keeps examiners together on boards.

    Continuity is a fixed charge (an examiner *joining* a board), which a flow cannot
    express. Spreading that charge over the sittings the examiner *could* take on the board
    (board entry cost / potential, as in the first round of dynamic slope scaling, Kim &
    Pardalos 1999) makes examiners who can cover many of a board's days cheap per sitting,
    so boards are staffed by few people. Further slope-scaling rounds were measured to make
    it worse on generated instances, hence one round. Still an exact maximum fill.
    """
    present = {(ei, problem.board(slot)) for slot, people in fixed.items() for ei in people}
    potential: Counter[tuple[int, str]] = Counter()
    for slot in slots:
        for ei in problem.candidates[slot]:
            potential[ei, problem.board(slot)] += 1
    slope = {
        key: 0
        if key in present
        else costs.board_entry // min(n, problem.examiners[key[0]].max_sittings)
        for key, n in potential.items()
    }
    return fill(problem, fixed, slots, slope, costs)


def merge(*parts: Staffing) -> Staffing:
    merged: Staffing = defaultdict(list)
    for part in parts:
        for slot, people in part.items():
            merged[slot].extend(people)
    return dict(merged)


def seats_filled(staffing: Staffing) -> int:
    return sum(len(people) for people in staffing.values())


def total_seats(problem: Problem) -> int:
    return sum(problem.seats.values())


def drop(staffing: Staffing, slots: Sequence[Slot]) -> Staffing:
    gone = set(slots)
    return {slot: people for slot, people in staffing.items() if slot not in gone}
