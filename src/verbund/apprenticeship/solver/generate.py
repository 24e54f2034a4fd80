"""Realistic random rotation instances (Mechatroniker plan, towns of the Ruhr and Ennepe-Ruhr).

Companies teach most positions themselves and miss a few (large plants miss little, small
workshops much); partners and providers offer stations for the positions most often
missing; apprentices go to one of three vocational schools with their own block weeks.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import replace
from importlib import resources

from .model import (
    Apprentice,
    Company,
    Costs,
    Instance,
    Location,
    Occupation,
    Plan,
    Position,
    Station,
    Stay,
    Uncovered,
    Year,
)
from .rules import gaps

TOWNS = (
    ("Bochum", 51.481, 7.216),
    ("Dortmund", 51.514, 7.466),
    ("Hagen", 51.359, 7.475),
    ("Herne", 51.538, 7.219),
    ("Castrop-Rauxel", 51.553, 7.311),
    ("Witten", 51.437, 7.335),
    ("Schwelm", 51.286, 7.294),
    ("Gevelsberg", 51.319, 7.339),
    ("Hattingen", 51.399, 7.186),
)
SCHOOL_BLOCK_OFFSETS = ((6, 19, 33), (10, 24, 38), (14, 28, 42))  # weeks into each year
SCHOOL_BLOCK_WEEKS = 4
HOLIDAY_OFFSETS = (21, 50, 51)  # Christmas and two summer weeks, from an August start


def mechatroniker() -> Occupation:
    data = json.loads(
        resources.files("verbund.apprenticeship").joinpath("data/2710.json").read_text("utf-8")
    )
    return occupation_from_plan(data)


def occupation_from_plan(data: dict) -> Occupation:
    return Occupation(
        code=data["code"],
        weeks=data["weeks"],
        years=tuple(Year(y["year"], y["from_week"], y["to_week"]) for y in data["years"]),
        positions=tuple(
            Position(p["id"], p["title"], {int(y): w for y, w in p["weeks"].items()})
            for p in data["positions"]
            if p["weeks"]
        ),
    )


def blocked_weeks(occupation: Occupation, school: int) -> frozenset[int]:
    weeks = set()
    for year in occupation.years:
        length = year.to_week - year.from_week + 1
        for offset in range(0, length, 52):
            base = year.from_week + offset
            for start in SCHOOL_BLOCK_OFFSETS[school % len(SCHOOL_BLOCK_OFFSETS)]:
                weeks.update(range(base + start, base + start + SCHOOL_BLOCK_WEEKS))
            weeks.update(base + h for h in HOLIDAY_OFFSETS)
    return frozenset(w for w in weeks if w <= occupation.weeks)


def _near(rng: random.Random) -> Location:
    _, lat, lon = rng.choice(TOWNS)
    return Location(
        round(lat + rng.uniform(-0.03, 0.03), 4), round(lon + rng.uniform(-0.04, 0.04), 4)
    )


def generate(
    companies: int,
    apprentices: int,
    stations: int | None = None,
    seed: int = 0,
    complete: bool = True,
) -> Instance:
    """A random instance; with ``complete`` the stations have the places that a complete plan
    needs (see ``plant``), so that every uncovered week of a solver is its own failure."""
    instance = _draw(companies, apprentices, stations, seed)
    if complete:
        instance, _ = plant(instance, random.Random(seed + 1))
    return instance


def plant(instance: Instance, rng: random.Random) -> tuple[Instance, Plan]:
    """Plant a complete plan: place every gap in random order at a station of its position in
    the apprentice's free weeks where the fewest apprentices are already, and give a station
    one more place wherever that placement needs it. Returns the instance with those
    capacities and the planted plan (lawful for it; the checker says so in the tests)."""
    years = {y.year: y for y in instance.occupation.years}
    apprentices = {a.id: a for a in instance.apprentices}
    by_position = {}
    for station in instance.stations:
        by_position.setdefault(station.position, []).append(station)
    capacity = {s.id: s.capacity for s in instance.stations}
    load = {s.id: Counter() for s in instance.stations}
    busy = {a.id: set() for a in instance.apprentices}
    stays = []
    items = sorted(gaps(instance).items())
    rng.shuffle(items)
    items.sort(key=lambda item: -item[1])  # long gaps first, while the weeks are free
    for (apprentice_id, position, year_number), gap in items:
        year, blocked = years[year_number], apprentices[apprentice_id].blocked_weeks
        remaining = gap
        while remaining > 0:
            best = None  # (peak load, station, start, weeks)
            options = list(by_position.get(position, []))
            rng.shuffle(options)
            for station in options:
                longest = min(station.max_weeks, max(remaining, station.min_weeks))
                # the longest stay that fits anywhere; shorter pieces where the weeks are cut up
                for weeks in range(longest, station.min_weeks - 1, -1):
                    found = _least_loaded(
                        station, weeks, year, blocked, busy[apprentice_id], load, capacity
                    )
                    if found is not None:
                        break
                if found is not None and (best is None or found[0] < best[0]):
                    best = (found[0], station, found[1], weeks)
                if best is not None and best[0] < 0:
                    break
            if best is None:
                break  # no free run long enough: stays uncovered in every plan
            peak, station, start, weeks = best
            if peak >= 0:
                capacity[station.id] += 1
            stay = Stay(apprentice_id, station.id, position, year_number, start, weeks)
            stays.append(stay)
            for w in stay.week_range:
                load[station.id][w] += 1
                busy[apprentice_id].add(w)
            remaining -= weeks
    planted = replace(
        instance,
        stations=tuple(replace(s, capacity=capacity[s.id]) for s in instance.stations),
    )
    plan = Plan(stays=stays)
    covered = Counter()
    for stay in stays:
        covered[(stay.apprentice, stay.position, stay.year)] += stay.weeks
    for (apprentice_id, position, year_number), gap in gaps(instance).items():
        if covered[(apprentice_id, position, year_number)] < gap:
            plan.uncovered.append(
                Uncovered(
                    apprentice_id,
                    position,
                    year_number,
                    gap - covered[(apprentice_id, position, year_number)],
                    "no station teaches this position"
                    if position not in by_position
                    else "no free weeks",
                )
            )
    return planted, plan


def _least_loaded(station, weeks, year, blocked, busy, load, capacity):
    """(peak load minus capacity, start) of the first least loaded lawful stay, or None."""
    best = None
    for start in range(year.from_week, year.to_week - weeks + 2):
        span = range(start, start + weeks)
        if any(
            w in blocked
            or w in busy
            or (station.available_weeks is not None and w not in station.available_weeks)
            for w in span
        ):
            continue
        peak = max(load[station.id][w] for w in span) - capacity[station.id]
        if best is None or peak < best[0]:
            best = (peak, start)
        if peak < 0:
            break
    return best


def _draw(companies: int, apprentices: int, stations: int | None = None, seed: int = 0) -> Instance:
    if companies < 1 or apprentices < 1:
        raise ValueError("need at least one company and one apprentice")
    rng = random.Random(seed)
    occupation = mechatroniker()
    company_list = []
    for number in range(1, companies + 1):
        missing_share = rng.choice((0.1, 0.2, 0.3, 0.4))
        covers = {}
        for position in occupation.positions:
            if rng.random() < missing_share:
                covers[position.id] = {y: rng.randint(0, w // 2) for y, w in position.weeks.items()}
            else:
                covers[position.id] = dict(position.weeks)
        company_list.append(Company(f"C{number}", _near(rng), covers))
    apprentice_list = [
        Apprentice(
            f"A{n}",
            company_list[(n - 1) % companies].id,
            blocked_weeks(occupation, rng.randrange(3)),
        )
        for n in range(1, apprentices + 1)
    ]
    draft = Instance(occupation, tuple(company_list), tuple(apprentice_list), ())
    demand = Counter()
    for (_, position, _), weeks in gaps(draft).items():
        demand[position] += weeks
    wanted = stations or max(len(demand), companies * 4 // 3)
    station_list = []
    total = sum(demand.values()) or 1
    positions = sorted(demand, key=demand.__getitem__, reverse=True)
    if not positions:  # nobody misses anything: stations for any position
        positions = [p.id for p in occupation.positions]
        demand = Counter(dict.fromkeys(positions, 1))
        total = len(positions)
    for number in range(1, wanted + 1):
        # positions in proportion to their demand, every missing position at least once
        if number <= len(positions):
            position = positions[number - 1]
        else:
            position = rng.choices(positions, weights=[demand[p] / total for p in positions])[0]
        provider = rng.random() < 0.4
        partner = (
            f"P{rng.randint(1, max(2, wanted // 8))}" if provider else rng.choice(company_list).id
        )
        min_weeks = rng.choice((1, 2, 2, 3))
        available = None
        if rng.random() < 0.2:  # some stations close for their own summer shutdown
            available = frozenset(
                w for w in range(1, occupation.weeks + 1) if w % 52 not in (27, 28, 29)
            )
        station_list.append(
            Station(
                id=f"S{number}",
                partner=partner,
                position=position,
                location=_near(rng),
                capacity=rng.choice((1, 2, 2, 3)),
                min_weeks=min_weeks,
                max_weeks=min_weeks + rng.choice((4, 6, 8)),
                cost_per_week=float(
                    rng.randrange(150, 460, 10) if provider else rng.randrange(80, 300, 10)
                ),
                available_weeks=available,
            )
        )
    return Instance(
        occupation,
        tuple(company_list),
        tuple(apprentice_list),
        tuple(station_list),
        Costs(partner_fixed_eur=300.0, travel_eur_per_km=0.30, commute_days_per_week=5),
    )
