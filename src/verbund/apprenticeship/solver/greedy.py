"""Baseline: cover gap by gap at the cheapest station with a free slot (how it is done by hand)."""

from __future__ import annotations

import time
from collections import defaultdict

from .cpsat import NO_CAPACITY, NO_STATION
from .model import Instance, Plan, Stay, Uncovered
from .rules import gaps, plan_cost, travel_eur_per_week


def solve(
    instance: Instance,
    locked: list[Stay] | None = None,
    regret: bool = False,
    guide: dict | None = None,
) -> Plan:
    """The baseline as a coordinator plans by hand: gap by gap in the order of the list, each at
    the cheapest station (price and commute) with free weeks. ``regret`` is the solver's own
    start instead: the gaps that lose most when their cheapest station is taken go first, and a
    partner the company already works with saves its fee; with ``guide`` (gap -> station ->
    weeks, e.g. ``bounds.flow_weeks``) the stations the guide gives a gap come first."""
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
    items = sorted(gaps(instance).items())
    if regret:
        items.sort(key=lambda item: -_regret(instance, item[0]))
    partners_used = {
        (apprentices[s.apprentice].company, _partner(instance, s.station)) for s in locked
    }
    for (apprentice_id, position, year_number), gap in items:
        gap -= done[(apprentice_id, position, year_number)]
        if gap <= 0:
            continue
        year = years[year_number]
        apprentice = apprentices[apprentice_id]

        preferred = (guide or {}).get((apprentice_id, position, year_number), {})
        stations = sorted(
            (s for s in instance.stations if s.position == position),
            key=lambda s, company=apprentice.company, gap=gap: (
                -preferred.get(s.id, 0),
                _price(instance, s, company, gap, partners_used if regret else None),
            ),
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
                    partners_used.add((apprentice.company, station.partner))
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


def _price(instance: Instance, station, company: str, gap: int, partners_used) -> float:
    """Price and commute of a week; with ``partners_used``, a new partner's fee on the gap."""
    weekly = station.cost_per_week + travel_eur_per_week(instance, company, station.id)
    if partners_used is not None and (company, station.partner) not in partners_used:
        weekly += instance.costs.partner_fixed_eur / gap
    return weekly


def _partner(instance: Instance, station_id: str) -> str:
    return next(s.partner for s in instance.stations if s.id == station_id)


def _regret(instance: Instance, key) -> float:
    """What a gap loses per week when it gets its second cheapest station instead of the first."""
    apprentice_id, position, _ = key
    company = next(a.company for a in instance.apprentices if a.id == apprentice_id)
    prices = sorted(
        s.cost_per_week + travel_eur_per_week(instance, company, s.id)
        for s in instance.stations
        if s.position == position
    )
    if len(prices) < 2:
        return float("inf") if prices else 0.0
    return prices[1] - prices[0]
