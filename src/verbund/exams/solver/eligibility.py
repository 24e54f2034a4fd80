"""The solvers' view of an instance: integer indices, eligible examiners per seat, costs.

A *slot* is one (sitting, group) pair with at least one seat. Each slot gets the list of
examiners that may take it by the static rules (group, occupation, availability that day,
appointment, no conflict, not declined); the per-examiner rules (max_sittings, one sitting
a day) are the solvers' business. Building this list once keeps every model sparse: a
large chamber has 9,000 x 6,000 x 3 possible pairs but only ~30 eligible examiners a slot.

The independent checker (checker.py) re-implements the rules without this module.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import GROUPS, Assignment, Instance, Plan, Unfilled
from .objective import evaluate, fair_shares, haversine_km

Slot = tuple[int, str]  # (sitting index, group)

# Travel enters the integer models in units of 100 m: fine enough to rank examiners and
# small enough that a plan's total stays far from integer overflow.
TRAVEL_UNITS_PER_KM = 10


@dataclass
class Problem:
    instance: Instance
    examiner_index: dict[str, int]
    sitting_index: dict[str, int]
    seats: dict[Slot, int]
    candidates: dict[Slot, list[int]]
    travel: dict[tuple[int, int], int]  # (examiner, sitting) -> TRAVEL_UNITS
    fair: list[int]
    forbidden: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    qualified: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    @property
    def examiners(self):
        return self.instance.examiners

    @property
    def sittings(self):
        return self.instance.sittings

    def date(self, slot: Slot) -> dt.date:
        return self.instance.sittings[slot[0]].date

    def board(self, slot: Slot) -> str:
        return self.instance.sittings[slot[0]].board

    def why_not(self, examiner: int, sitting: int, group: str) -> str | None:
        """The first static rule that keeps ``examiner`` off the slot, or None."""
        e = self.instance.examiners[examiner]
        s = self.instance.sittings[sitting]
        if e.group != group:
            return f"{e.id} is a {e.group}, not a {group}"
        if s.occupation not in e.occupations:
            return f"{e.id} is not qualified for occupation {s.occupation}"
        if s.date not in e.available:
            return f"{e.id} is not available on {s.date}"
        if e.appointed_until < s.date:
            return f"{e.id}'s appointment ended on {e.appointed_until}"
        return _conflict(self, e, s)


def _conflict(problem: Problem, e, s) -> str | None:
    if e.company is not None and any(c.company == e.company for c in s.candidates):
        return f"{e.id} works at {e.company}, the training company of a candidate"
    relatives = set(e.relatives).intersection(c.id for c in s.candidates)
    if relatives:
        return f"{e.id} is a relative of candidate {min(relatives)}"
    if (s.id, e.id) in problem.forbidden:
        return f"{e.id} declined sitting {s.id}"
    if e.max_sittings <= 0:
        return f"{e.id} takes no sittings (max_sittings 0)"
    return None


def build_problem(instance: Instance, forbidden: Iterable[tuple[str, str]] = ()) -> Problem:
    """Index ``instance``; ``forbidden`` holds (sitting id, examiner id) pairs, e.g. declines."""
    examiners = instance.examiners
    problem = Problem(
        instance=instance,
        examiner_index={e.id: i for i, e in enumerate(examiners)},
        sitting_index={s.id: i for i, s in enumerate(instance.sittings)},
        seats={},
        candidates={},
        travel={},
        fair=[],
        forbidden=frozenset(forbidden),
    )
    shares = fair_shares(instance)
    problem.fair = [shares[e.id] for e in examiners]

    # Pre-filter by (group, occupation, day) so each slot only looks at plausible people.
    plausible: dict[tuple, list[int]] = defaultdict(list)
    qualified: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, e in enumerate(examiners):
        for occupation in set(e.occupations):
            qualified[e.group, occupation].append(i)
            for day in set(e.available):
                plausible[e.group, occupation, day].append(i)

    for si, s in enumerate(instance.sittings):
        for group in GROUPS:
            if s.seats.of(group) <= 0:
                continue
            slot = (si, group)
            problem.seats[slot] = s.seats.of(group)
            eligible = []
            for ei in plausible.get((group, s.occupation, s.date), ()):
                e = examiners[ei]
                if e.appointed_until < s.date or _conflict(problem, e, s):
                    continue
                eligible.append(ei)
                km = haversine_km(e.home, s.location)
                problem.travel[ei, si] = round(km * TRAVEL_UNITS_PER_KM)
            problem.candidates[slot] = eligible
    problem.qualified = dict(qualified)
    return problem


class LockError(ValueError):
    """Locked assignments that break a hard rule; ``errors`` names each one."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__("locked assignments break hard rules:\n" + "\n".join(self.errors))


def resolve_locks(problem: Problem, locked: Iterable[Assignment]) -> list[tuple[Slot, int]]:
    """Translate locked assignments to (slot, examiner) pairs; LockError if any is unlawful."""
    errors: list[str] = []
    pairs: list[tuple[Slot, int]] = []
    for a in locked:
        si = problem.sitting_index.get(a.sitting)
        ei = problem.examiner_index.get(a.examiner)
        if si is None or ei is None:
            errors.append(f"locked {a.sitting}/{a.examiner}: unknown sitting or examiner")
            continue
        if (si, a.group) not in problem.seats:
            errors.append(f"locked {a.sitting}/{a.examiner}: sitting has no {a.group} seat")
            continue
        reason = problem.why_not(ei, si, a.group)
        if reason:
            errors.append(f"locked {a.sitting}/{a.examiner}: {reason}")
            continue
        pairs.append(((si, a.group), ei))
    errors += _capacity_errors(problem, pairs)
    if errors:
        raise LockError(errors)
    return pairs


def _capacity_errors(problem: Problem, pairs: Sequence[tuple[Slot, int]]) -> list[str]:
    errors = []
    per_slot: dict[Slot, list[int]] = defaultdict(list)
    per_day: dict[tuple[int, dt.date], list[Slot]] = defaultdict(list)
    for slot, ei in pairs:
        per_slot[slot].append(ei)
        per_day[ei, problem.date(slot)].append(slot)
    for slot, people in per_slot.items():
        if len(people) > problem.seats[slot]:
            sid = problem.sittings[slot[0]].id
            errors.append(f"locked: sitting {sid} has more locked {slot[1]}s than seats")
    for (ei, day), slots in per_day.items():
        if len(slots) > 1:
            errors.append(f"locked: {problem.examiners[ei].id} sits twice on {day}")
    load: dict[int, int] = defaultdict(int)
    for _, ei in pairs:
        load[ei] += 1
    for ei, n in load.items():
        if n > problem.examiners[ei].max_sittings:
            errors.append(f"locked: {problem.examiners[ei].id} exceeds max_sittings")
    return errors


def unfilled_reason(
    problem: Problem, slot: Slot, load: Sequence[int], busy: Mapping[int, set[dt.date]]
) -> str:
    """Why no examiner could take ``slot`` in a plan with ``load`` and ``busy`` days."""
    si, group = slot
    s = problem.sittings[si]
    day = s.date
    pool = problem.qualified.get((group, s.occupation), [])
    if not pool:
        return f"no {group} qualified for occupation {s.occupation}"
    pool = [i for i in pool if day in problem.examiners[i].available]
    if not pool:
        return f"no qualified {group} available on {day}"
    pool = [i for i in pool if problem.examiners[i].appointed_until >= day]
    if not pool:
        return f"no qualified {group} available on {day} is appointed on that date"
    pool = [i for i in pool if (s.id, problem.examiners[i].id) not in problem.forbidden]
    if not pool:
        return f"every qualified {group} available on {day} declined"
    pool = [i for i in pool if _conflict(problem, problem.examiners[i], s) is None]
    if not pool:
        return f"conflict of interest with every available qualified {group}"
    full = [i for i in pool if load[i] >= problem.examiners[i].max_sittings]
    if len(full) == len(pool):
        return f"all qualified {group}s available on {day} already at max_sittings"
    taken = [i for i in pool if day in busy.get(i, ())]
    if len(taken) == len(pool):
        return f"all qualified {group}s available on {day} already sit on that day"
    if len(set(full) | set(taken)) == len(pool):
        return (
            f"all {len(pool)} qualified {group}s available on {day} are at max_sittings "
            "or already sit on that day"
        )
    return "could not be filled without leaving another seat empty"


# --------------------------------------------------------------------------- staffing

Staffing = dict[Slot, list[int]]  # slot -> examiners sitting in it


def loads(problem: Problem, staffing: Staffing) -> list[int]:
    load = [0] * len(problem.examiners)
    for people in staffing.values():
        for ei in people:
            load[ei] += 1
    return load


def busy_days(problem: Problem, staffing: Staffing) -> dict[int, set[dt.date]]:
    busy: dict[int, set[dt.date]] = defaultdict(set)
    for slot, people in staffing.items():
        for ei in people:
            busy[ei].add(problem.date(slot))
    return busy


def to_assignments(problem: Problem, staffing: Staffing) -> list[Assignment]:
    return sorted(
        Assignment(problem.sittings[si].id, problem.examiners[ei].id, group)
        for (si, group), people in staffing.items()
        for ei in people
    )


def unfilled_seats(problem: Problem, staffing: Staffing) -> list[Unfilled]:
    load = loads(problem, staffing)
    busy = busy_days(problem, staffing)
    unfilled = []
    for slot, n in problem.seats.items():
        missing = n - len(staffing.get(slot, ()))
        if missing > 0:
            reason = unfilled_reason(problem, slot, load, busy)
            unfilled += [Unfilled(problem.sittings[slot[0]].id, slot[1], reason)] * missing
    return unfilled


def make_plan(
    problem: Problem, staffing: Staffing, bound: int | None, status: str, seconds: float
) -> Plan:
    assignments = to_assignments(problem, staffing)
    return Plan(
        assignments=tuple(assignments),
        unfilled=tuple(unfilled_seats(problem, staffing)),
        objective=evaluate(problem.instance, assignments),
        bound={} if bound is None else {"unfilled": bound},
        solver={"status": status, "seconds": round(seconds, 1)},
    )
