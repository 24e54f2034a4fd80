"""The soft goals of a plan, measured the same way for every solver and the benchmark.

Goals in lexicographic order (exams.md): fill every seat; board continuity; fair load;
short travel. Each is reported as one number:

- ``unfilled``: seats without an examiner.
- ``board_changes``: for every board and group, the examiners of that group who sat on the
  board beyond the most seats of that group filled in one of its sittings. A board staffed
  by the same three people all period has 0; every extra person brought in counts 1.
- ``load_spread``: sittings above each examiner's fair share, summed. The fair share is the
  examiner's ``max_sittings`` times the demand/capacity ratio of their group, rounded up, so
  nobody is asked for more than their proportional part while others idle.
- ``travel_km``: sum of great-circle distances home -> sitting location (one way).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from .model import GROUPS, Assignment, Instance, Point

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def fair_shares(instance: Instance) -> dict[str, int]:
    """Examiner id -> the sittings they would carry if load were spread evenly."""
    demand = Counter()
    for sitting in instance.sittings:
        for group in GROUPS:
            demand[group] += sitting.seats.of(group)
    capacity = Counter()
    for examiner in instance.examiners:
        capacity[examiner.group] += examiner.max_sittings
    shares = {}
    for examiner in instance.examiners:
        supply = capacity[examiner.group]
        ratio = min(1.0, demand[examiner.group] / supply) if supply else 0.0
        # The small epsilon keeps 0.4 * 5 == 2.0000000000000004 from rounding up to 3.
        shares[examiner.id] = min(
            examiner.max_sittings, math.ceil(examiner.max_sittings * ratio - 1e-9)
        )
    return shares


def evaluate(instance: Instance, assignments: Iterable[Assignment]) -> dict[str, float | int]:
    """The objective dict of the plan format for ``assignments`` (assumed rule-abiding)."""
    assignments = list(assignments)
    examiners = {e.id: e for e in instance.examiners}
    sittings = {s.id: s for s in instance.sittings}
    total_seats = sum(s.seats.total for s in instance.sittings)

    travel = sum(
        haversine_km(examiners[a.examiner].home, sittings[a.sitting].location) for a in assignments
    )
    load = Counter(a.examiner for a in assignments)
    fair = fair_shares(instance)
    spread = sum(max(0, n - fair[e]) for e, n in load.items())
    return {
        "unfilled": total_seats - len(assignments),
        "travel_km": round(travel, 1),
        "load_spread": spread,
        "board_changes": board_changes(instance, assignments),
    }


def board_changes(instance: Instance, assignments: Iterable[Assignment]) -> int:
    sittings = {s.id: s for s in instance.sittings}
    people: dict[tuple[str, str], set[str]] = defaultdict(set)
    per_sitting: Counter[tuple[str, str]] = Counter()
    for a in assignments:
        people[sittings[a.sitting].board, a.group].add(a.examiner)
        per_sitting[a.sitting, a.group] += 1
    widest: Counter[tuple[str, str]] = Counter()
    for (sitting_id, group), n in per_sitting.items():
        key = (sittings[sitting_id].board, group)
        widest[key] = max(widest[key], n)
    return sum(len(names) - widest[key] for key, names in people.items())
