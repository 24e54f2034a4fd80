"""From meeting -> slot to the full schedule: tables, reasons for the unscheduled, objective.

Tables are interchangeable, so the slot decision is the whole problem; tables are dealt
out per slot afterwards, keeping a meeting at its previous table where it can stay.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Assignment, Instance, Schedule, evaluate


def unscheduled_reason(instance: Instance, meeting, slot_of: dict[str, int]) -> str:
    names = " and ".join(meeting.participants)
    allowed = instance.allowed_slots(meeting)
    if not allowed:
        if meeting.session != "any":
            return f"{names} have no common free slot in the {meeting.session} session"
        return f"{names} have no common free slot"
    return f"every common free slot of {names} is taken by other meetings or has no table left"


def assign_tables(
    instance: Instance, slot_of: dict[str, int], previous: dict[str, str] | None = None
) -> list[Assignment]:
    previous = previous or {}
    by_slot: dict[int, list[str]] = defaultdict(list)
    for meeting_id, slot in slot_of.items():
        by_slot[slot].append(meeting_id)
    assignments = []
    for slot, meeting_ids in sorted(by_slot.items()):
        taken: set[str] = set()
        waiting = []
        for meeting_id in meeting_ids:
            table = previous.get(meeting_id)
            if table in instance.tables and table not in taken:
                taken.add(table)
                assignments.append(Assignment(meeting_id, instance.slots[slot].id, table))
            else:
                waiting.append(meeting_id)
        free = (table for table in instance.tables if table not in taken)
        for meeting_id, table in zip(waiting, free, strict=False):
            assignments.append(Assignment(meeting_id, instance.slots[slot].id, table))
    order = {m.id: index for index, m in enumerate(instance.meetings)}
    return sorted(assignments, key=lambda a: order[a.meeting])


def schedulable_bound(instance: Instance) -> int:
    """Meetings with at least one allowed slot: no schedule can place more."""
    return sum(1 for meeting in instance.meetings if instance.allowed_slots(meeting))


def build_schedule(
    instance: Instance,
    slot_of: dict[str, int],
    *,
    status: str,
    seconds: float,
    previous_tables: dict[str, str] | None = None,
    bound: dict | None = None,
) -> Schedule:
    unscheduled = [
        {"meeting": m.id, "reason": unscheduled_reason(instance, m, slot_of)}
        for m in instance.meetings
        if m.id not in slot_of
    ]
    return Schedule(
        scheduled=assign_tables(instance, slot_of, previous_tables),
        unscheduled=unscheduled,
        objective=evaluate(instance, slot_of),
        bound=bound or {"scheduled": schedulable_bound(instance), "idle_gaps": 0},
        solver={"status": status, "seconds": round(seconds, 2)},
    )
