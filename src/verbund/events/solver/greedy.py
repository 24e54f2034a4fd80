"""Baseline: each meeting (in input order) takes the first slot where all its participants
and a table are free. This is what self-service booking tends to produce."""

from __future__ import annotations

import time

from .model import Instance, Schedule
from .tables import build_schedule


def first_free_slots(instance: Instance, fixed: dict[str, int] | None = None) -> dict[str, int]:
    """Meeting id -> slot index; ``fixed`` entries are placed first and kept."""
    tables_left = [len(instance.tables)] * len(instance.slots)
    busy: set[tuple[str, int]] = set()
    slot_of: dict[str, int] = {}
    meetings = {m.id: m for m in instance.meetings}

    def place(meeting, slot):
        slot_of[meeting.id] = slot
        tables_left[slot] -= 1
        busy.update((person, slot) for person in meeting.participants)

    def free(meeting, slot):
        return tables_left[slot] > 0 and all(
            (person, slot) not in busy for person in meeting.participants
        )

    for meeting_id, slot in (fixed or {}).items():
        meeting = meetings.get(meeting_id)
        if meeting is not None and slot in instance.allowed_slots(meeting) and free(meeting, slot):
            place(meeting, slot)
    for meeting in instance.meetings:
        if meeting.id in slot_of:
            continue
        for slot in instance.allowed_slots(meeting):
            if free(meeting, slot):
                place(meeting, slot)
                break
    return slot_of


def greedy(instance: Instance) -> Schedule:
    started = time.monotonic()
    slot_of = first_free_slots(instance)
    return build_schedule(instance, slot_of, status="GREEDY", seconds=time.monotonic() - started)


def compact_slots(instance: Instance, fixed: dict[str, int] | None = None) -> dict[str, int]:
    """A start with few gaps: meetings of the busiest participants first, each in the free
    slot that extends its participants' blocks (or fills a hole in them) and leaves room
    for their remaining meetings next to it. Meeting id -> slot index."""
    n_slots = len(instance.slots)
    tables_left = [len(instance.tables)] * n_slots
    degree: dict[str, int] = {}
    for meeting in instance.meetings:
        for person in meeting.participants:
            degree[person] = degree.get(person, 0) + 1
    mask: dict[str, int] = dict.fromkeys(degree, 0)
    blocked = {
        person: sum(1 << i for i, s in enumerate(instance.slots) if s.id in p.unavailable)
        for person, p in instance.participants.items()
    }
    slot_of: dict[str, int] = {}
    meetings = {m.id: m for m in instance.meetings}

    def place(meeting, slot):
        slot_of[meeting.id] = slot
        tables_left[slot] -= 1
        for person in meeting.participants:
            mask[person] |= 1 << slot

    def cost(person: str, slot: int) -> float:
        busy = mask[person]
        left = degree[person] - busy.bit_count()  # meetings still to place, this one too
        # free run of slots around ``slot`` for this person: room for the rest beside it
        taken = busy | blocked.get(person, 0)
        low = high = slot
        while low > 0 and not (taken >> (low - 1)) & 1:
            low -= 1
        while high < n_slots - 1 and not (taken >> (high + 1)) & 1:
            high += 1
        penalty = 0.0 if high - low + 1 >= left else 0.5
        if not busy:
            return penalty
        first, last = (busy & -busy).bit_length() - 1, busy.bit_length() - 1
        if first < slot < last:
            return penalty - 1.0  # fills a hole
        if slot in (first - 1, last + 1):
            return penalty
        return penalty + 1.0 + 0.01 * min(abs(slot - first), abs(slot - last))

    for meeting_id, slot in (fixed or {}).items():
        meeting = meetings.get(meeting_id)
        if (
            meeting is not None
            and slot in instance.allowed_slots(meeting)
            and tables_left[slot] > 0
            and not any((mask[p] >> slot) & 1 for p in meeting.participants)
        ):
            place(meeting, slot)
    order = sorted(
        (m for m in instance.meetings if m.id not in slot_of),
        key=lambda m: -max(degree[p] for p in m.participants),
    )
    for meeting in order:
        best, best_cost = None, None
        for slot in instance.allowed_slots(meeting):
            if tables_left[slot] <= 0 or any((mask[p] >> slot) & 1 for p in meeting.participants):
                continue
            value = sum(cost(p, slot) for p in meeting.participants)
            if best_cost is None or value < best_cost:
                best, best_cost = slot, value
        if best is not None:
            place(meeting, best)
    return slot_of
