"""Baseline: cover gap by gap at the cheapest station with a free slot (how it is done by hand)."""

from __future__ import annotations

import time
from collections import defaultdict

from .cpsat import NO_CAPACITY, NO_STATION
from .model import Instance, Plan, Stay, Uncovered
from .rules import gaps, plan_cost, travel_eur_per_week


def solve(instance: Instance, locked: list[Stay] | None = None) -> Plan:
    started = time.monotonic()
    locked = list(locked or [])
    years = {y.year: y for y in instance.occupation.years}
    apprentices = {a.id: a for a in instance.apprentices}
    busy = defaultdict(set)
    load = defaultdict(lambda: defaultdict(int))
    stays, uncovered = list(locked), []
    done = defaultdict(int)
    for stay in locked:
        done[(stay.apprentice, stay.position, stay.year)] += stay.weeks
        for w in stay.week_range:
            busy[stay.apprentice].add(w)
            load[stay.station][w] += 1
    for (apprentice_id, position, year_number), gap in sorted(gaps(instance).items()):
        gap -= done[(apprentice_id, position, year_number)]
        if gap <= 0:
            continue
        year = years[year_number]
        apprentice = apprentices[apprentice_id]
        stations = sorted(
            (s for s in instance.stations if s.position == position),
            key=lambda s: s.cost_per_week + travel_eur_per_week(instance, apprentice.company, s.id),
        )
        remaining = gap
        for station in stations:
            week = year.from_week
            while remaining > 0 and week <= year.to_week:
                length = 0
                while (
                    length < min(station.max_weeks, max(remaining, station.min_weeks))
                    and week + length <= year.to_week
                    and _free(week + length, apprentice, station, busy, load)
                ):
                    length += 1
                if length >= station.min_weeks:
                    stay = Stay(apprentice_id, station.id, position, year_number, week, length)
                    stays.append(stay)
                    for w in stay.week_range:
                        busy[apprentice_id].add(w)
                        load[station.id][w] += 1
                    remaining -= length
                week += max(length, 1)
        if remaining > 0:
            uncovered.append(
                Uncovered(
                    apprentice_id,
                    position,
                    year_number,
                    remaining,
                    NO_CAPACITY if stations else NO_STATION,
                )
            )
    return Plan(
        stays=stays,
        uncovered=uncovered,
        cost=plan_cost(instance, stays),
        solver={"status": "GREEDY", "seconds": round(time.monotonic() - started, 2)},
    )


def _free(week, apprentice, station, busy, load) -> bool:
    return (
        week not in apprentice.blocked_weeks
        and week not in busy[apprentice.id]
        and (station.available_weeks is None or week in station.available_weeks)
        and load[station.id][week] < station.capacity
    )
