"""The independent checker: every hard rule of the batch interface, one line per violation.

Written apart from the scheduler (it shares only the data classes): it reads the
schedule as given and trusts nothing the solver computed, the objective included.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .model import Instance, Schedule, idle_gaps


def check(instance: Instance, schedule: Schedule) -> list[str]:
    violations: list[str] = []
    meetings = {m.id: m for m in instance.meetings}
    slots = {s.id: (index, s) for index, s in enumerate(instance.slots)}
    tables = set(instance.tables)

    counts = Counter(a.meeting for a in schedule.scheduled)
    for meeting_id, count in sorted(counts.items()):
        if count > 1:
            violations.append(f"{meeting_id} is scheduled {count} times")
    table_use: dict[tuple[str, str], list[str]] = defaultdict(list)
    person_use: dict[tuple[str, str], list[str]] = defaultdict(list)
    busy: dict[str, list[int]] = defaultdict(list)
    for assignment in schedule.scheduled:
        meeting = meetings.get(assignment.meeting)
        if meeting is None:
            violations.append(f"{assignment.meeting} is not a meeting of the instance")
            continue
        if assignment.slot not in slots:
            violations.append(f"{meeting.id}: unknown slot {assignment.slot}")
            continue
        if assignment.table not in tables:
            violations.append(f"{meeting.id}: unknown table {assignment.table}")
        index, slot = slots[assignment.slot]
        if meeting.session != "any" and slot.session != meeting.session:
            violations.append(
                f"{meeting.id} wants the {meeting.session} session but is in {slot.id} "
                f"({slot.session})"
            )
        table_use[(slot.id, assignment.table)].append(meeting.id)
        for person in meeting.participants:
            person_use[(slot.id, person)].append(meeting.id)
            busy[person].append(index)
            participant = instance.participants.get(person)
            if participant is not None and slot.id in participant.unavailable:
                violations.append(f"{person} is unavailable in {slot.id} but meets in {meeting.id}")
    for (slot_id, table), used in sorted(table_use.items()):
        if len(used) > 1:
            violations.append(f"table {table} holds {', '.join(used)} at once in {slot_id}")
    for (slot_id, person), used in sorted(person_use.items()):
        if len(used) > 1:
            violations.append(f"{person} has {', '.join(used)} at once in {slot_id}")

    listed = {entry.get("meeting") for entry in schedule.unscheduled}
    for meeting_id in sorted(listed & set(counts)):
        violations.append(f"{meeting_id} is both scheduled and listed as unscheduled")
    for meeting in instance.meetings:
        if meeting.id not in counts and meeting.id not in listed:
            violations.append(f"{meeting.id} is neither scheduled nor listed as unscheduled")

    if schedule.objective:
        gaps = [idle_gaps(slots_) for slots_ in busy.values()]
        actual = {
            "scheduled": len(counts),
            "idle_gaps": sum(gaps),
            "max_gaps_per_participant": max(gaps, default=0),
        }
        for key, value in actual.items():
            claimed = schedule.objective.get(key)
            if claimed is not None and claimed != value:
                violations.append(f"objective {key} claims {claimed} but the schedule has {value}")
    return violations
