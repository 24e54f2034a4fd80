"""Independent plan checker: every hard rule of mobility.md, and every grant recomputed.

Deliberately shares no code with the matcher (no eligibility, no grants module): it
re-derives distances, bands and amounts from the instance so that a bug in the solver
cannot hide itself. Returns one line per violation; an empty list means the plan is lawful.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

from .model import CEFR_LEVELS, STAY_DAYS, Instance, Plan

_ORDER = {level: n for n, level in enumerate(CEFR_LEVELS)}


def _km(a_lat, a_lon, b_lat, b_lon) -> float:
    lat1, lat2 = math.radians(a_lat), math.radians(b_lat)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b_lon - a_lon) / 2) ** 2
    )
    return round(2 * 6371.0 * math.asin(min(1.0, math.sqrt(h))), 1)


def _travel(instance: Instance, km: float, green: bool) -> int:
    whole = int(km // 1)
    if whole < 10:
        return 0
    for low, high, standard, green_amount in instance.rates.travel_bands:
        if whole >= low and (high is None or whole <= high):
            return int(green_amount) if green and green_amount is not None else int(standard)
    return 0


def _expected_grant(instance: Instance, participant, km: float) -> dict:
    rates = instance.rates
    travel_days = rates.travel_days.get("green" if participant.green_travel else "standard", 0)
    expected = {
        "travel": _travel(instance, km, participant.green_travel),
        "individual": (participant.days + travel_days) * rates.daily[participant.type],
        "organisational": rates.organisational.get(participant.type, 0),
        "inclusion": rates.inclusion if participant.fewer_opportunities else 0,
    }
    expected["total"] = sum(expected.values())
    return expected


def check(instance: Instance, plan: Plan) -> list[str]:
    participants = {p.id: p for p in instance.participants}
    placements = {h.id: h for h in instance.placements}
    problems: list[str] = []
    seen = Counter(stay.participant for stay in plan.stays)
    for pid, count in sorted(seen.items()):
        if count > 1:
            problems.append(f"{pid}: {count} placements (at most one)")
    occupancy: dict[str, Counter] = {}
    for stay in plan.stays:
        p, h = participants.get(stay.participant), placements.get(stay.placement)
        label = f"{stay.participant} at {stay.placement}"
        if p is None or h is None:
            problems.append(f"{label}: unknown participant or placement")
            continue
        if p.occupation not in h.occupations:
            problems.append(f"{label}: placement does not offer occupation {p.occupation}")
        level = p.languages.get(h.language)
        if level is None or _ORDER[level] < _ORDER[h.min_level]:
            problems.append(f"{label}: language {h.language} {level or 'none'} below {h.min_level}")
        missing = sorted(set(p.needs) - set(h.accessible))
        if missing:
            problems.append(f"{label}: placement not accessible for {', '.join(missing)}")
        length = (stay.end - stay.start).days + 1
        if length != p.days:
            problems.append(f"{label}: stay has {length} days, {p.days} wanted")
        if stay.start < p.earliest or stay.end > p.latest:
            problems.append(f"{label}: stay outside the participant's window")
        if stay.start < h.start or stay.end > h.end:
            problems.append(f"{label}: stay outside the placement's dates")
        low, high = STAY_DAYS[p.type]
        if not low <= length <= high:
            problems.append(f"{label}: {length} days do not fit {p.type} ({low}-{high} days)")
        km = _km(p.home.lat, p.home.lon, h.lat, h.lon)
        if abs(km - stay.distance_km) > 0.11:
            problems.append(f"{label}: distance {stay.distance_km} km, expected {km} km")
        expected = _expected_grant(instance, p, km)
        actual = {
            "travel": stay.grant.travel,
            "individual": stay.grant.individual,
            "organisational": stay.grant.organisational,
            "inclusion": stay.grant.inclusion,
            "total": stay.grant.total,
        }
        for key, value in expected.items():
            if actual[key] != value:
                problems.append(f"{label}: grant {key} {actual[key]}, expected {value}")
        days = occupancy.setdefault(h.id, Counter())
        for offset in range(max(0, length)):
            days[stay.start + dt.timedelta(days=offset)] += 1
    for hid, days in sorted(occupancy.items()):
        capacity = placements[hid].capacity
        over = sorted(day for day, count in days.items() if count > capacity)
        if over:
            problems.append(
                f"{hid}: {days[over[0]]} participants on {over[0].isoformat()} "
                f"(capacity {capacity}; {len(over)} days over)"
            )
    placed = set(seen)
    listed = {u.participant for u in plan.unplaced}
    for pid in sorted(set(participants) - placed - listed):
        problems.append(f"{pid}: neither placed nor listed as unplaced")
    for u in plan.unplaced:
        if not u.reason:
            problems.append(f"{u.participant}: unplaced without a reason")
    return problems
