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
