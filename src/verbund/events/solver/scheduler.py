"""Central B2B scheduling with CP-SAT: every meeting it can, then fewest idle gaps, then
the smallest worst case per participant (lexicographic, by weights that cannot trade).

Structure used (why it scales): tables are interchangeable, so a schedule is a meeting ->
slot map with at most ``tables`` meetings per slot; tables are dealt out afterwards
(tables.py). Phase 1 places the most meetings with CP-SAT (one model for small instances;
for large ones a few missing meetings at a time, with every meeting of their participants
free and the rest fixed). Phase 2 removes idle gaps by local search over Kempe chains
(localsearch.py), which keeps every participant conflict-free by construction and is far
faster per move than a time-indexed gap model. Phase 3 (small instances only) hands the
result as a hint to the exact CP-SAT model, where gaps are counted with one "busy" and one
"block starts" literal per participant and slot (gaps = blocks - 1), which may prove it
optimal.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from .bound import idle_gap_bound
from .greedy import compact_slots, first_free_slots
from .localsearch import Search
from .model import Instance, Meeting, Schedule, evaluate, idle_gaps
from .tables import build_schedule, schedulable_bound

# Solve as one model when meetings x slots stays below this; otherwise start LNS at once.
FULL_MODEL_SIZE = 12_000
# Share of the time limit for placing the meetings (phase 1); on small instances the
# search gets this share of the rest and the exact model the remainder.
ASSIGN_SHARE = 0.3
POLISH_SHARE_SMALL = 0.5
# Placing meetings outranks removing gaps: on large instances the placement steps may use
# up to this share of the time limit (they stop as soon as every meeting is placed).
PLACE_SHARE_MAX = 0.6
# Large instances place missing meetings a few at a time (with all meetings of their
# participants free), each step with its own short time limit.
MISSING_PER_STEP = 6
STEP_SECONDS = 2.0

Progress = Callable[[float, str], None]


def _key(instance: Instance, slot_of: dict[str, int]) -> tuple:
    """Lexicographic quality (bigger is better): weighted meetings, -gaps, -max gaps."""
    weight = {m.id: m.priority for m in instance.meetings}
    objective = evaluate(instance, slot_of)
    return (
        sum(weight[m] for m in slot_of),
        -objective["idle_gaps"],
        -objective["max_gaps_per_participant"],
    )


def _solve_part(
    instance: Instance,
    free: list[Meeting],
    slot_of: dict[str, int],
    time_limit: float,
    seed: int,
    workers: int,
    with_gaps: bool = True,
) -> tuple[dict[str, int] | None, str]:
    """Re-place the ``free`` meetings with every other meeting of ``slot_of`` fixed."""
    n_slots = len(instance.slots)
    free_ids = {m.id for m in free}
    fixed = {m: s for m, s in slot_of.items() if m not in free_ids}
    meetings = {m.id: m for m in instance.meetings}
    fixed_busy: set[tuple[str, int]] = set()
    tables_left = [len(instance.tables)] * n_slots
    for meeting_id, slot in fixed.items():
        tables_left[slot] -= 1
        fixed_busy.update((p, slot) for p in meetings[meeting_id].participants)

    model = cp_model.CpModel()
    x: dict[tuple[str, int], cp_model.IntVar] = {}
    by_slot: dict[int, list] = defaultdict(list)
    by_person_slot: dict[tuple[str, int], list] = defaultdict(list)
    for meeting in free:
        options = []
        for slot in instance.allowed_slots(meeting):
            if any((p, slot) in fixed_busy for p in meeting.participants):
                continue
            var = model.new_bool_var(f"x_{meeting.id}_{slot}")
            x[(meeting.id, slot)] = var
            options.append(var)
            by_slot[slot].append(var)
            for person in meeting.participants:
                by_person_slot[(person, slot)].append(var)
        if len(options) > 1:
            model.add_at_most_one(options)
    for slot, variables in by_slot.items():
        model.add(sum(variables) <= tables_left[slot])
    for variables in by_person_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)

    affected = sorted({p for m in free for p in m.participants})
    affected_set = set(affected)
    gap_terms = []
    max_gap = model.new_int_var(0, n_slots, "max_gap")
    unaffected_busy: dict[str, list[int]] = defaultdict(list)
    for meeting_id, slot in fixed.items():
        for person in meetings[meeting_id].participants:
            if person not in affected_set:
                unaffected_busy[person].append(slot)
    floor = max((idle_gaps(s) for s in unaffected_busy.values()), default=0)
    model.add(max_gap >= floor)
    for person in affected if with_gaps else ():
        busy = []
        for slot in range(n_slots):
            if (person, slot) in fixed_busy:
                busy.append(1)
            elif by_person_slot.get((person, slot)):
                busy.append(sum(by_person_slot[(person, slot)]))
            else:
                busy.append(0)
        starts = []
        for slot in range(n_slots):
            before = busy[slot - 1] if slot else 0
            if isinstance(busy[slot], int) and busy[slot] == 0:
                continue
            start = model.new_bool_var(f"b_{person}_{slot}")
            model.add(start >= busy[slot] - before)
            starts.append(start)
        if not starts:
            continue
        has_meeting = model.new_bool_var(f"any_{person}")
        model.add(has_meeting <= sum(busy[s] for s in range(n_slots)))
        gaps = model.new_int_var(0, n_slots, f"gaps_{person}")
        model.add(gaps >= sum(starts) - has_meeting)
        model.add(max_gap >= gaps)
        gap_terms.append(gaps)

    gap_weight = n_slots + 1
    meeting_weight = gap_weight * (len(affected) * n_slots + 1) + 1
    model.maximize(
        meeting_weight * sum(meetings[m].priority * var for (m, _slot), var in x.items())
        - gap_weight * sum(gap_terms)
        - max_gap
    )
    for (meeting_id, slot), var in x.items():
        model.add_hint(var, 1 if slot_of.get(meeting_id) == slot else 0)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.05)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, solver.status_name(status)
    placed = dict(fixed)
    for (meeting_id, slot), var in x.items():
        if solver.boolean_value(var):
            placed[meeting_id] = slot
    return placed, solver.status_name(status)


def _place_missing(
    instance: Instance,
    slot_of: dict[str, int],
    kept: dict[str, int],
    until: float,
    seed: int,
    workers: int,
) -> dict[str, int]:
    """Large instances: re-place, a few missing meetings at a time, every meeting of their
    participants (everything else fixed) until all fit or the time share is used."""
    rng = random.Random(seed)
    by_person: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in instance.meetings:
        for person in meeting.participants:
            by_person[person].append(meeting)
    hopeless = {m.id for m in instance.meetings if not instance.allowed_slots(m)}
    while time.monotonic() < until - 0.2:
        missing = [m for m in instance.meetings if m.id not in slot_of and m.id not in hopeless]
        if not missing:
            break
        chosen = rng.sample(missing, min(MISSING_PER_STEP, len(missing)))
        free = {m.id: m for m in chosen}
        for meeting in chosen:
            for person in meeting.participants:
                free.update((m.id, m) for m in by_person[person] if m.id not in kept)
        placed, _status = _solve_part(
            instance,
            list(free.values()),
            slot_of,
            min(STEP_SECONDS, until - time.monotonic()),
            rng.randrange(1 << 30),
            workers,
            with_gaps=False,
        )
        if placed is not None and _key(instance, placed)[0] >= _key(instance, slot_of)[0]:
            slot_of = placed
    return slot_of


def solve(
    instance: Instance,
    *,
    time_limit: float = 60.0,
    keep: dict[str, str] | None = None,
    previous_tables: dict[str, str] | None = None,
    seed: int = 0,
    workers: int = 2,
    progress: Progress | None = None,
) -> Schedule:
    """Schedule ``instance``. ``keep`` (meeting -> slot id, e.g. the published agenda) is
    held fixed wherever it is still allowed and conflict-free."""
    started = time.monotonic()
    deadline = started + time_limit
    report = progress or (lambda fraction, message: None)
    index = instance.slot_index()
    kept_slots = {m: index[s] for m, s in (keep or {}).items() if s in index}
    # Two constructions, the better one is the start: first free slot, and a compact one
    # that grows each participant's block of meetings (greedy.py).
    slot_of = max(
        (first_free_slots(instance, kept_slots), compact_slots(instance, kept_slots)),
        key=lambda candidate: _key(instance, candidate),
    )
    kept = {m: s for m, s in kept_slots.items() if slot_of.get(m) == s}
    movable = [m for m in instance.meetings if m.id not in kept]
    bound = schedulable_bound(instance)
    report(0.02, f"first free slots: {len(slot_of)} meetings")

    # Phase 1: the most meetings (CP-SAT, slots only: tables are interchangeable).
    assign_status = "OPTIMAL" if len(slot_of) == bound else "FEASIBLE"
    if movable and len(slot_of) < bound:
        if len(movable) * len(instance.slots) <= FULL_MODEL_SIZE:
            placed, assign_status = _solve_part(
                instance,
                movable,
                slot_of,
                time_limit * ASSIGN_SHARE,
                seed,
                workers,
                with_gaps=False,
            )
            if placed is not None and _key(instance, placed)[0] >= _key(instance, slot_of)[0]:
                slot_of = placed
        else:
            slot_of = _place_missing(
                instance, slot_of, kept, started + time_limit * PLACE_SHARE_MAX, seed, workers
            )
            assign_status = "OPTIMAL" if len(slot_of) == bound else "FEASIBLE"
    report(0.3, f"{len(slot_of)} meetings placed, reducing idle gaps")

    # A schedule with every schedulable meeting has at least these gaps (bound.py); any
    # lexicographically better schedule places them all, so the bound holds for it too.
    gap_bound = idle_gap_bound(instance) if len(slot_of) == bound else 0

    # Phase 2: fewest idle gaps, then fairness (local search over Kempe chains).
    search = Search(instance, slot_of, frozen=kept, seed=seed)
    remaining = deadline - time.monotonic()
    polish = len(movable) * len(instance.slots) <= FULL_MODEL_SIZE
    slot_of = search.run(
        remaining * (POLISH_SHARE_SMALL if polish else 1.0) - 0.05,
        progress=lambda share, gaps: report(0.3 + 0.6 * share, f"{gaps} idle gaps"),
        target=gap_bound,
    )

    # Phase 3 (small instances): the exact model, hinted with the search's schedule.
    objective = evaluate(instance, slot_of)
    # Every meeting placed, no more gaps than the bound and nobody with two: optimal on all
    # three goals (the bound counts participants who must have at least one gap).
    optimal = (
        len(slot_of) == bound
        and objective["idle_gaps"] <= gap_bound
        and objective["max_gaps_per_participant"] <= 1
    )
    remaining = deadline - time.monotonic()
    if polish and movable and remaining > 0.5 and not optimal:
        placed, status = _solve_part(instance, movable, slot_of, remaining - 0.2, seed, workers)
        if placed is not None and _key(instance, placed) >= _key(instance, slot_of):
            slot_of = placed
            optimal = status == "OPTIMAL"
    objective = evaluate(instance, slot_of)
    schedule = build_schedule(
        instance,
        slot_of,
        status="OPTIMAL" if optimal else "FEASIBLE",
        seconds=time.monotonic() - started,
        previous_tables=previous_tables,
        bound={
            "scheduled": len(slot_of) if optimal or assign_status == "OPTIMAL" else bound,
            "idle_gaps": objective["idle_gaps"] if optimal else gap_bound,
        },
    )
    schedule.solver["search_steps"] = search.steps
    schedule.solver["kept"] = len(kept)
    report(1.0, f"{objective['scheduled']} meetings, {objective['idle_gaps']} idle gaps")
    return schedule
