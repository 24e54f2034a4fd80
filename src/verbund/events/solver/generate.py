"""Realistic B2B instances: a forum day with a morning and an afternoon session, companies
with one or two representatives, a few popular companies that many want to meet, some
session wishes and some blocked slots (docs/events.md: 40-60 % of requests accepted)."""

from __future__ import annotations

import datetime
import math
import random

from .model import Instance, Meeting, Participant, Slot

MORNING_SLOTS = 12
AFTERNOON_SLOTS = 10
SLOT_MINUTES = 20
# Spare tables beyond the average need per slot (b2match practice: 10-20 %).
SPARE_TABLES = 0.15
# Nobody is asked for more meetings than this share of the slots.
MAX_LOAD = 0.75


def forum_slots(
    morning: int = MORNING_SLOTS,
    afternoon: int = AFTERNOON_SLOTS,
    minutes: int = SLOT_MINUTES,
    morning_start=datetime.time(9, 0),
    afternoon_start=datetime.time(13, 30),
) -> list[Slot]:
    slots = []
    for session, count, first in (
        ("morning", morning, morning_start),
        ("afternoon", afternoon, afternoon_start),
    ):
        begin = datetime.datetime.combine(datetime.date(2000, 1, 1), first)
        for _ in range(count):
            end = begin + datetime.timedelta(minutes=minutes)
            slots.append(
                Slot(f"T{len(slots) + 1}", begin.strftime("%H:%M"), end.strftime("%H:%M"), session)
            )
            begin = end
    return slots


def generate(participants: int, requests: int, seed: int = 0) -> Instance:
    rng = random.Random(seed)
    slots = forum_slots()
    limit = int(len(slots) * MAX_LOAD)
    people = []
    company = 0
    while len(people) < participants:
        company += 1
        for _ in range(2 if rng.random() < 0.15 and len(people) + 2 <= participants else 1):
            unavailable = frozenset()
            if rng.random() < 0.1:
                unavailable = frozenset(s.id for s in rng.sample(slots, rng.randint(1, 3)))
            people.append(Participant(f"P{len(people) + 1}", f"C{company}", unavailable))
    popularity = [rng.paretovariate(2.0) for _ in people]
    load = dict.fromkeys((p.id for p in people), 0)
    pairs: set[tuple[str, str]] = set()
    meetings = []
    attempts = 0
    while len(meetings) < requests and attempts < requests * 50:
        attempts += 1
        first = rng.randrange(len(people))
        second = rng.choices(range(len(people)), weights=popularity)[0]
        a, b = people[first], people[second]
        if a.company == b.company or (a.id, b.id) in pairs or (b.id, a.id) in pairs:
            continue
        if load[a.id] >= limit or load[b.id] >= limit:
            continue
        pairs.add((a.id, b.id))
        load[a.id] += 1
        load[b.id] += 1
        roll = rng.random()
        session = "morning" if roll < 0.1 else "afternoon" if roll < 0.2 else "any"
        meetings.append(
            Meeting(f"M{len(meetings) + 1}", (a.id, b.id), session, 2 if rng.random() < 0.1 else 1)
        )
    tables = max(1, math.ceil(len(meetings) / len(slots) * (1 + SPARE_TABLES)))
    return Instance(
        event={"name": f"B2B-Forum ({participants} Teilnehmende)", "date": "2026-11-17"},
        slots=slots,
        tables=[str(number + 1) for number in range(tables)],
        participants={p.id: p for p in people},
        meetings=meetings,
    )
