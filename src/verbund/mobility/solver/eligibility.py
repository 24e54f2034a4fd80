"""Which placements can take which participant, and when (the hard rules per pair).

Capacity is the only rule that couples participants; everything else is decided here,
per (participant, placement) pair, together with the start-date window of the stay, its
distance, grant and preference rank. Unplaced participants get the first rule that no
placement could satisfy as their reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import grants
from .model import CEFR_LEVELS, STAY_DAYS, Grant, Instance, Participant, Placement

REASONS = (
    ("type", "stay length does not fit the participant type"),
    ("occupation", "no placement for the occupation"),
    ("language", "no placement for the occupation at the participant's language level"),
    ("needs", "no accessible placement for the participant's needs"),
    ("window", "no placement for the occupation in the window"),
)
CAPACITY_REASON = "every fitting placement is full in the window"


@dataclass(frozen=True)
class Option:
    """Participant ``p`` (index) may stay at placement ``h`` starting between two dates."""

    p: int
    h: int
    first_start: dt.date
    last_start: dt.date
    distance_km: float
    grant: Grant
    rank: int  # 1 = first preference; unranked placements count after all ranked ones


def level_ok(participant: Participant, placement: Placement) -> bool:
    level = participant.languages.get(placement.language)
    return level is not None and CEFR_LEVELS.index(level) >= CEFR_LEVELS.index(placement.min_level)


def start_window(participant: Participant, placement: Placement):
    first = max(participant.earliest, placement.start)
    last = min(participant.latest, placement.end) - dt.timedelta(days=participant.days - 1)
    return (first, last) if first <= last else None


def rank_of(participant: Participant, placement_id: str) -> int:
    if placement_id in participant.preferences:
        return participant.preferences.index(placement_id) + 1
    return len(participant.preferences) + 1


def options(instance: Instance) -> tuple[list[list[Option]], dict[int, str]]:
    """Per participant its options, and for those without any the reason."""
    result: list[list[Option]] = []
    reasons: dict[int, str] = {}
    for pi, participant in enumerate(instance.participants):
        low, high = STAY_DAYS[participant.type]
        failed: set[str] = set()
        found: list[Option] = []
        if not low <= participant.days <= high:
            result.append([])
            reasons[pi] = _reason({"type"})
            continue
        for hi, placement in enumerate(instance.placements):
            if participant.occupation not in placement.occupations:
                continue
            failed_rule = None
            if not level_ok(participant, placement):
                failed_rule = "language"
            elif not set(participant.needs) <= set(placement.accessible):
                failed_rule = "needs"
            window = start_window(participant, placement)
            if failed_rule is None and (window is None or placement.capacity < 1):
                failed_rule = "window"
            if failed_rule:
                failed.add(failed_rule)
                continue
            distance = grants.great_circle_km(
                participant.home.lat, participant.home.lon, placement.lat, placement.lon
            )
            grant = grants.grant(
                instance.rates,
                participant.type,
                participant.days,
                distance,
                green=participant.green_travel,
                fewer_opportunities=participant.fewer_opportunities,
            )
            found.append(
                Option(pi, hi, *window, distance, grant, rank_of(participant, placement.id))
            )
        result.append(found)
        if not found:
            reasons[pi] = _reason(failed)
    return result, reasons


def _reason(failed: set[str]) -> str:
    """The rule that failed last in the order of checking: "window" means occupation,
    language and needs fitted somewhere but the dates did not."""
    texts = dict(REASONS)
    if "type" in failed:
        return texts["type"]
    for code in ("window", "needs", "language"):
        if code in failed:
            return texts[code]
    return texts["occupation"]
