"""The meeting instance and the schedule, exactly as the JSON batch interface of
docs/events.md describes them, with loading, dumping and the objective."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

SESSIONS = ("morning", "afternoon", "any")


class InstanceError(ValueError):
    """The instance JSON breaks the interface (message names the offending entry)."""


@dataclass(frozen=True)
class Slot:
    id: str
    start: str
    end: str
    session: str


@dataclass(frozen=True)
class Participant:
    id: str
    company: str = ""
    unavailable: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[str, ...]
    session: str = "any"
    priority: int = 1


@dataclass
class Instance:
    event: dict
    slots: list[Slot]
    tables: list[str]
    participants: dict[str, Participant]
    meetings: list[Meeting]

    def slot_index(self) -> dict[str, int]:
        return {slot.id: index for index, slot in enumerate(self.slots)}

    def allowed_slots(self, meeting: Meeting) -> list[int]:
        """Slot indices of the meeting's session where every participant is available."""
        allowed = []
        for index, slot in enumerate(self.slots):
            if meeting.session != "any" and slot.session != meeting.session:
                continue
            if any(slot.id in self.participants[p].unavailable for p in meeting.participants):
                continue
            allowed.append(index)
        return allowed


@dataclass(frozen=True)
class Assignment:
    meeting: str
    slot: str
    table: str


@dataclass
class Schedule:
    scheduled: list[Assignment]
    unscheduled: list[dict] = field(default_factory=list)
    objective: dict = field(default_factory=dict)
    bound: dict = field(default_factory=dict)
    solver: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "scheduled": [
                {"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in self.scheduled
            ],
            "unscheduled": list(self.unscheduled),
            "objective": dict(self.objective),
            "bound": dict(self.bound),
            "solver": dict(self.solver),
        }


def instance_from_dict(data: dict) -> Instance:
    try:
        slots = [
            Slot(
                str(s["id"]),
                str(s.get("start", "")),
                str(s.get("end", "")),
                s.get("session", "any"),
            )
            for s in data["slots"]
        ]
        tables = [str(t["id"]) for t in data["tables"]]
        participants = {
            str(p["id"]): Participant(
                str(p["id"]),
                str(p.get("company", "")),
                frozenset(map(str, p.get("unavailable", []))),
            )
            for p in data["participants"]
        }
        meetings = [
            Meeting(
                str(m["id"]),
                tuple(str(p) for p in m["participants"]),
                m.get("session", "any"),
                int(m.get("priority", 1)),
            )
            for m in data["meetings"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise InstanceError(f"malformed instance: {error!r}") from error
    problems = []
    for slot in slots:
        if slot.session not in SESSIONS:
            problems.append(f"slot {slot.id}: unknown session {slot.session!r}")
    seen = set()
    for meeting in meetings:
        if meeting.id in seen:
            problems.append(f"meeting {meeting.id}: duplicate id")
        seen.add(meeting.id)
        if meeting.session not in SESSIONS:
            problems.append(f"meeting {meeting.id}: unknown session {meeting.session!r}")
        if len(set(meeting.participants)) < 2:
            problems.append(f"meeting {meeting.id}: needs at least two participants")
        for person in meeting.participants:
            if person not in participants:
                problems.append(f"meeting {meeting.id}: unknown participant {person}")
        if meeting.priority < 1:
            problems.append(f"meeting {meeting.id}: priority must be at least 1")
    if problems:
        raise InstanceError("; ".join(problems))
    return Instance(dict(data.get("event", {})), slots, tables, participants, meetings)


def instance_to_dict(instance: Instance) -> dict:
    return {
        "event": instance.event,
        "slots": [
            {"id": s.id, "start": s.start, "end": s.end, "session": s.session}
            for s in instance.slots
        ],
        "tables": [{"id": t} for t in instance.tables],
        "participants": [
            {"id": p.id, "company": p.company, "unavailable": sorted(p.unavailable)}
            for p in instance.participants.values()
        ],
        "meetings": [
            {
                "id": m.id,
                "participants": list(m.participants),
                "session": m.session,
                "priority": m.priority,
            }
            for m in instance.meetings
        ],
    }


def schedule_from_dict(data: dict) -> Schedule:
    return Schedule(
        scheduled=[
            Assignment(str(a["meeting"]), str(a["slot"]), str(a["table"]))
            for a in data.get("scheduled", [])
        ],
        unscheduled=list(data.get("unscheduled", [])),
        objective=dict(data.get("objective", {})),
        bound=dict(data.get("bound", {})),
        solver=dict(data.get("solver", {})),
    )


def load_instance(path) -> Instance:
    return instance_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def load_schedule(path) -> Schedule:
    return schedule_from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def idle_gaps(busy_slots: list[int]) -> int:
    """Idle runs between a participant's meetings (a run of free slots counts once)."""
    ordered = sorted(set(busy_slots))
    return sum(1 for before, after in zip(ordered, ordered[1:], strict=False) if after > before + 1)


def evaluate(instance: Instance, slot_of: dict[str, int]) -> dict:
    """The objective of meeting -> slot index: scheduled, idle gaps, max gaps per person."""
    busy: dict[str, list[int]] = {}
    meetings = {m.id: m for m in instance.meetings}
    for meeting_id, slot in slot_of.items():
        for person in meetings[meeting_id].participants:
            busy.setdefault(person, []).append(slot)
    gaps = [idle_gaps(slots) for slots in busy.values()]
    return {
        "scheduled": len(slot_of),
        "idle_gaps": sum(gaps),
        "max_gaps_per_participant": max(gaps, default=0),
    }
