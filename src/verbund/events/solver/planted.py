"""Forums with a planted schedule: the optimum is known to be at most the planted gaps.

Random forums (generate.py) keep gaps that no schedule can avoid, and their true optimum
is unknown, so they cannot show how close the scheduler comes. Here every participant
first gets a block of consecutive slots (its number of meetings, in the morning, the
afternoon or across lunch); then, slot by slot, the participants whose block covers the
slot are paired into meetings (mostly across the two sides of the forum, never within a
company, never the same pair twice). Whoever finds no partner in a slot inside its block
keeps a hole there: the planted schedule's gaps, an upper bound on the optimum. Blocked
slots and session wishes agree with the planted schedule; meetings are shuffled so that
their order does not give the plan away.
"""

from __future__ import annotations

import math
import random

from .generate import forum_slots
from .model import Instance, Meeting, Participant, idle_gaps

# Mean meetings per participant of the published forums: 4.4-7.7.
MEAN_MEETINGS = 7.5
MAX_MEETINGS = 16
# Share of participants who only come in the morning / only in the afternoon.
MORNING_ONLY = 0.2
AFTERNOON_ONLY = 0.15
SESSION_WISH = 0.1
BLOCKED = 0.1
CROSS_SIDE = 0.9
# The published forums had 50-90 % spare tables over the average need per slot.
SPARE_TABLES = 0.6


def planted(
    participants: int,
    seed: int = 0,
    *,
    mean_meetings: float = MEAN_MEETINGS,
    spare_tables: float = SPARE_TABLES,
) -> tuple[Instance, dict[str, int]]:
    """An instance and its planted schedule (meeting id -> slot index)."""
    rng = random.Random(seed)
    slots = forum_slots()
    n_slots = len(slots)
    morning = [i for i, s in enumerate(slots) if s.session == "morning"]
    afternoon = [i for i, s in enumerate(slots) if s.session == "afternoon"]
    people: list[str] = []
    company: dict[str, str] = {}
    side: dict[str, bool] = {}
    block: dict[str, range] = {}
    number = 0
    while len(people) < participants:
        number += 1
        name, own_side = f"C{number}", rng.random() < 0.5
        for _ in range(2 if rng.random() < 0.15 and len(people) + 2 <= participants else 1):
            person = f"P{len(people) + 1}"
            people.append(person)
            company[person], side[person] = name, own_side
            # Pareto-like demand: most want a few meetings, a few want many.
            wanted = min(MAX_MEETINGS, max(1, round(rng.paretovariate(2.2) * mean_meetings / 2)))
            roll = rng.random()
            window = (
                morning if roll < MORNING_ONLY else
                afternoon if roll < MORNING_ONLY + AFTERNOON_ONLY else range(n_slots)
            )  # fmt: skip
            wanted = min(wanted, len(window))
            first = rng.randint(window[0], window[-1] - wanted + 1)
            block[person] = range(first, first + wanted)

    met: set[frozenset[str]] = set()
    meetings: list[tuple[tuple[str, str], int]] = []
    for slot in range(n_slots):
        present = [p for p in people if slot in block[p]]
        rng.shuffle(present)
        free = set(present)
        for person in present:
            if person not in free:
                continue
            free.discard(person)
            options = [
                q
                for q in free
                if company[q] != company[person] and frozenset((person, q)) not in met
            ]
            cross = [q for q in options if side[q] != side[person]]
            if cross and (rng.random() < CROSS_SIDE or len(cross) == len(options)):
                options = cross
            if not options:
                continue
            partner = rng.choice(sorted(options))
            free.discard(partner)
            met.add(frozenset((person, partner)))
            meetings.append(((person, partner), slot))

    per_slot = [0] * n_slots
    busy: dict[str, set[int]] = {p: set() for p in people}
    for pair, slot in meetings:
        per_slot[slot] += 1
        for person in pair:
            busy[person].add(slot)
    tables = max(max(per_slot), math.ceil(len(meetings) / n_slots * (1 + spare_tables)))

    rng.shuffle(meetings)
    instance_meetings = []
    plan: dict[str, int] = {}
    for index, (pair, slot) in enumerate(meetings):
        session = "any"
        if rng.random() < SESSION_WISH:
            session = slots[slot].session
        meeting_id = f"M{index + 1}"
        instance_meetings.append(Meeting(meeting_id, pair, session, 2 if rng.random() < 0.1 else 1))
        plan[meeting_id] = slot
    instance_people = {}
    for person in people:
        unavailable: frozenset[str] = frozenset()
        idle = [s for s in range(n_slots) if s not in busy[person]]
        if idle and rng.random() < BLOCKED:
            unavailable = frozenset(slots[s].id for s in rng.sample(idle, min(len(idle), 3)))
        instance_people[person] = Participant(person, company[person], unavailable)
    instance = Instance(
        event={"name": f"B2B-Forum mit bekanntem Plan ({participants} Teilnehmende)"},
        slots=slots,
        tables=[str(n + 1) for n in range(tables)],
        participants=instance_people,
        meetings=instance_meetings,
    )
    return instance, plan


def planted_gaps(instance: Instance, plan: dict[str, int]) -> int:
    busy: dict[str, list[int]] = {}
    for meeting in instance.meetings:
        for person in meeting.participants:
            busy.setdefault(person, []).append(plan[meeting.id])
    return sum(idle_gaps(slots) for slots in busy.values())
