"""Realistic B2B instances: a forum day with a morning and an afternoon session, companies
with one or two representatives, a few popular companies that many want to meet, some
session wishes and some blocked slots.

``requests`` are meeting *requests*: about half are accepted (docs/events.md: 40-60 %), and
only accepted ones become meetings, so 200 participants / 1,000 requests give about 500
meetings (5 per participant, like the published forums: 70-78 companies, 154-302 meetings,
i.e. 4.4-7.7 each). ``acceptance=1`` turns every request into a meeting (the dense stress
case of the benchmark). Tables: the average need per slot plus ``spare_tables``
(b2match practice 10-20 %; the published forums had 14-22 tables for 7-14 meetings per
slot, i.e. 50-90 % spare).
"""

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
# Share of requests the invitee accepts (docs/events.md: 40-60 %).
ACCEPTANCE = 0.5
# Share of requests that cross the two sides of the forum (host region and partner region,
# or offers and wants): B2B meetings are mostly between the sides, which keeps the meeting
# graph nearly bipartite. In a random graph odd cycles force gaps (three people who only
# meet each other cannot all meet back to back), which no schedule can avoid.
CROSS_SIDE = 0.9


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


def generate(  # noqa: PLR0913 - the knobs of a forum, all keyword-only but the sizes
    participants: int,
    requests: int,
    seed: int = 0,
    *,
    acceptance: float = ACCEPTANCE,
    spare_tables: float = SPARE_TABLES,
    cross_side: float = CROSS_SIDE,
) -> Instance:
    rng = random.Random(seed)
    slots = forum_slots()
    limit = int(len(slots) * MAX_LOAD)
    people = []
    side: dict[str, bool] = {}
    company = 0
    while len(people) < participants:
        company += 1
        side[f"C{company}"] = rng.random() < 0.5
        for _ in range(2 if rng.random() < 0.15 and len(people) + 2 <= participants else 1):
            unavailable = frozenset()
            if rng.random() < 0.1:
                unavailable = frozenset(s.id for s in rng.sample(slots, rng.randint(1, 3)))
            people.append(Participant(f"P{len(people) + 1}", f"C{company}", unavailable))
    popularity = [rng.paretovariate(2.0) for _ in people]
    load = dict.fromkeys((p.id for p in people), 0)
    pairs: set[tuple[str, str]] = set()
    meetings = []
    attempts = sent = 0
    while sent < requests and attempts < requests * 50:
        attempts += 1
        first = rng.randrange(len(people))
        second = rng.choices(range(len(people)), weights=popularity)[0]
        a, b = people[first], people[second]
        if a.company == b.company or (a.id, b.id) in pairs or (b.id, a.id) in pairs:
            continue
        if load[a.id] >= limit or load[b.id] >= limit:
            continue
        if side[a.company] == side[b.company] and rng.random() < cross_side:
            continue
        pairs.add((a.id, b.id))
        sent += 1
        if rng.random() >= acceptance:
            continue
        load[a.id] += 1
        load[b.id] += 1
        roll = rng.random()
        session = "morning" if roll < 0.1 else "afternoon" if roll < 0.2 else "any"
        meetings.append(
            Meeting(f"M{len(meetings) + 1}", (a.id, b.id), session, 2 if rng.random() < 0.1 else 1)
        )
    tables = max(1, math.ceil(len(meetings) / len(slots) * (1 + spare_tables)))
    return Instance(
        event={"name": f"B2B-Forum ({participants} Teilnehmende)", "date": "2026-11-17"},
        slots=slots,
        tables=[str(number + 1) for number in range(tables)],
        participants={p.id: p for p in people},
        meetings=meetings,
    )


def structure(instance: Instance) -> dict:
    """What shapes the difficulty: meetings per participant against the slots, tables."""
    degree: dict[str, int] = dict.fromkeys(instance.participants, 0)
    for meeting in instance.meetings:
        for person in meeting.participants:
            degree[person] += 1
    ordered = sorted(degree.values())
    return {
        "participants": len(degree),
        "meetings": len(instance.meetings),
        "slots": len(instance.slots),
        "tables": len(instance.tables),
        "max_degree": ordered[-1] if ordered else 0,
        "median_degree": ordered[len(ordered) // 2] if ordered else 0,
        "mean_degree": round(sum(ordered) / len(ordered), 1) if ordered else 0,
        "table_use": round(
            len(instance.meetings) / max(1, len(instance.slots) * len(instance.tables)), 2
        ),
    }
