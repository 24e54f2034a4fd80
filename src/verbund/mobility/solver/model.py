"""Data of the placement-matching problem and its JSON batch format.

The JSON shape is fixed by ``shared/domain/mobility.md``: an *instance* (call year,
participants, placements, optional rates) goes in, a *plan* (stays with their grant,
unplaced participants with a reason, objective, bound, solver info) comes out. No Django
import on purpose: the package runs in batch jobs, tests and benchmarks without a database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")

# Allowed stay length in days per participant type (Erasmus+ VET, programme 2021-2027).
STAY_DAYS: dict[str, tuple[int, int]] = {
    "learner_short": (10, 89),
    "learner_long": (90, 365),  # ErasmusPro
    "staff_job_shadowing": (2, 60),
    "staff_teaching": (2, 365),
    "staff_course": (2, 30),
}


class InstanceError(ValueError):
    """The JSON is malformed; ``errors`` lists every problem found."""

    def __init__(self, errors: Iterable[str]):
        self.errors = list(errors)
        super().__init__("invalid instance:\n" + "\n".join(self.errors))


@dataclass(frozen=True)
class Home:
    city: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Participant:
    id: str
    type: str
    occupation: str
    home: Home
    languages: dict[str, str]
    earliest: dt.date
    latest: dt.date
    days: int
    needs: tuple[str, ...] = ()
    fewer_opportunities: bool = False
    green_travel: bool = False
    preferences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Placement:
    id: str
    host: str
    country: str
    city: str
    lat: float
    lon: float
    occupations: tuple[str, ...]
    language: str
    min_level: str
    start: dt.date  # "from" in the JSON
    end: dt.date  # "to" in the JSON
    capacity: int
    accessible: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rates:
    """One call year's table. A band is (from_km, to_km or None, standard, green or None)."""

    travel_bands: tuple[tuple[int, int | None, int, int | None], ...]
    daily: dict[str, int]
    travel_days: dict[str, int]
    organisational: dict[str, int]
    inclusion: int


@dataclass(frozen=True)
class Instance:
    call_year: int
    participants: tuple[Participant, ...]
    placements: tuple[Placement, ...]
    rates: Rates


@dataclass(frozen=True)
class Grant:
    travel: int
    individual: int
    organisational: int
    inclusion: int

    @property
    def total(self) -> int:
        return self.travel + self.individual + self.organisational + self.inclusion


@dataclass(frozen=True)
class Stay:
    participant: str
    placement: str
    start: dt.date
    end: dt.date
    distance_km: float
    grant: Grant


@dataclass(frozen=True)
class Unplaced:
    participant: str
    reason: str


@dataclass(frozen=True)
class Plan:
    stays: tuple[Stay, ...]
    unplaced: tuple[Unplaced, ...]
    objective: dict[str, Any] = field(default_factory=dict)
    bound: dict[str, Any] = field(default_factory=dict)
    solver: dict[str, Any] = field(default_factory=dict)


# --- reading -------------------------------------------------------------------------


class _Reader:
    """Collects every problem instead of stopping at the first one."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def get(self, data: dict, key: str, kind, where: str, default: Any = ...):
        if not isinstance(data, dict):
            self.errors.append(f"{where}: expected an object")
            return None
        if key not in data:
            if default is ...:
                self.errors.append(f"{where}: missing {key!r}")
                return None
            return default
        value = data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if kind is int and isinstance(value, bool):
            self.errors.append(f"{where}: {key!r} must be a whole number")
            return None
        if not isinstance(value, kind):
            self.errors.append(f"{where}: {key!r} has the wrong type")
            return None
        return value

    def date(self, data: dict, key: str, where: str) -> dt.date | None:
        text = self.get(data, key, str, where)
        if text is None:
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.errors.append(f"{where}: {key!r} is not a date (YYYY-MM-DD): {text!r}")
            return None

    def level(self, value: Any, where: str) -> str | None:
        if value not in CEFR_LEVELS:
            self.errors.append(f"{where}: unknown CEFR level {value!r}")
            return None
        return value


def _participant(reader: _Reader, data: dict, where: str) -> Participant | None:
    before = len(reader.errors)
    home = reader.get(data, "home", dict, where) or {}
    languages = reader.get(data, "languages", dict, where, {}) or {}
    for language, level in languages.items():
        reader.level(level, f"{where}.languages.{language}")
    kind = reader.get(data, "type", str, where)
    if kind is not None and kind not in STAY_DAYS:
        reader.errors.append(f"{where}: unknown participant type {kind!r}")
    days = reader.get(data, "days", int, where)
    if days is not None and days < 1:
        reader.errors.append(f"{where}: 'days' must be at least 1")
    values = {
        "id": reader.get(data, "id", str, where),
        "type": kind,
        "occupation": reader.get(data, "occupation", str, where),
        "home": Home(
            reader.get(home, "city", str, f"{where}.home", ""),
            reader.get(home, "lat", float, f"{where}.home"),
            reader.get(home, "lon", float, f"{where}.home"),
        ),
        "languages": dict(languages),
        "earliest": reader.date(data, "earliest", where),
        "latest": reader.date(data, "latest", where),
        "days": days,
        "needs": tuple(reader.get(data, "needs", list, where, [])),
        "fewer_opportunities": reader.get(data, "fewer_opportunities", bool, where, False),
        "green_travel": reader.get(data, "green_travel", bool, where, False),
        "preferences": tuple(reader.get(data, "preferences", list, where, [])),
    }
    return Participant(**values) if len(reader.errors) == before else None


def _placement(reader: _Reader, data: dict, where: str) -> Placement | None:
    before = len(reader.errors)
    capacity = reader.get(data, "capacity", int, where)
    if capacity is not None and capacity < 0:
        reader.errors.append(f"{where}: 'capacity' must not be negative")
    values = {
        "id": reader.get(data, "id", str, where),
        "host": reader.get(data, "host", str, where, ""),
        "country": reader.get(data, "country", str, where),
        "city": reader.get(data, "city", str, where, ""),
        "lat": reader.get(data, "lat", float, where),
        "lon": reader.get(data, "lon", float, where),
        "occupations": tuple(reader.get(data, "occupations", list, where) or ()),
        "language": reader.get(data, "language", str, where),
        "min_level": reader.level(reader.get(data, "min_level", str, where), where),
        "start": reader.date(data, "from", where),
        "end": reader.date(data, "to", where),
        "capacity": capacity,
        "accessible": tuple(reader.get(data, "accessible", list, where, [])),
    }
    return Placement(**values) if len(reader.errors) == before else None


def rates_from_json(reader: _Reader, data: dict, where: str = "rates") -> Rates | None:
    before = len(reader.errors)
    bands = []
    for number, band in enumerate(reader.get(data, "travel_bands", list, where) or []):
        ok = isinstance(band, list) and len(band) in (3, 4)
        ok = ok and all(v is None or isinstance(v, (int, float)) for v in band)
        if not ok or band[0] is None or band[2] is None:
            reader.errors.append(f"{where}.travel_bands[{number}]: expected [from, to, std, green]")
            continue
        green = band[3] if len(band) == 4 else None
        bands.append((int(band[0]), None if band[1] is None else int(band[1]), band[2], green))
    travel_days = reader.get(data, "travel_days", dict, where, {"standard": 2, "green": 6})
    rates = Rates(
        travel_bands=tuple(sorted(bands)),
        daily=dict(reader.get(data, "daily", dict, where) or {}),
        travel_days=dict(travel_days or {}),
        organisational=dict(reader.get(data, "organisational", dict, where) or {}),
        inclusion=reader.get(data, "inclusion", int, where, 0),
    )
    return rates if len(reader.errors) == before else None


RatesLookup = Callable[[int], Rates | None]


def instance_from_json(data: dict, rates_for_year: RatesLookup | None = None) -> Instance:
    """Parse and validate an instance; ``rates_for_year`` fills omitted rates."""
    reader = _Reader()
    if not isinstance(data, dict):
        raise InstanceError(["the instance must be a JSON object"])
    year = reader.get(data, "call_year", int, "instance")
    participants = [
        _participant(reader, item, f"participants[{n}]")
        for n, item in enumerate(reader.get(data, "participants", list, "instance") or [])
    ]
    placements = [
        _placement(reader, item, f"placements[{n}]")
        for n, item in enumerate(reader.get(data, "placements", list, "instance") or [])
    ]
    if "rates" in data:
        rates = rates_from_json(reader, data["rates"])
    else:
        rates = rates_for_year(year) if (rates_for_year and year is not None) else None
        if rates is None and year is not None:
            reader.errors.append(f"instance: no rates given and no rate table for {year}")
    if rates is not None:
        for kind in sorted({p.type for p in participants if p} - set(rates.daily)):
            reader.errors.append(f"rates: no daily rate for participant type {kind!r}")
    for kind, items in (("participant", participants), ("placement", placements)):
        ids = [item.id for item in items if item]
        for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
            reader.errors.append(f"duplicate {kind} id {duplicate!r}")
    if reader.errors:
        raise InstanceError(reader.errors)
    return Instance(year, tuple(participants), tuple(placements), rates)


def load_instance(path: str | Path, rates_for_year: RatesLookup | None = None) -> Instance:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InstanceError([f"{path}: not JSON ({error})"]) from error
    return instance_from_json(data, rates_for_year)


def rates_to_json(rates: Rates) -> dict:
    return {
        "travel_bands": [list(band) for band in rates.travel_bands],
        "daily": dict(rates.daily),
        "travel_days": dict(rates.travel_days),
        "organisational": dict(rates.organisational),
        "inclusion": rates.inclusion,
    }


def instance_to_json(instance: Instance) -> dict:
    def participant(p: Participant) -> dict:
        data = asdict(p)
        data.update(
            earliest=p.earliest.isoformat(),
            latest=p.latest.isoformat(),
            needs=list(p.needs),
            preferences=list(p.preferences),
        )
        return data

    def placement(h: Placement) -> dict:
        data = asdict(h)
        data.update(
            occupations=list(h.occupations),
            accessible=list(h.accessible),
            **{"from": h.start.isoformat(), "to": h.end.isoformat()},
        )
        del data["start"], data["end"]
        return data

    return {
        "call_year": instance.call_year,
        "participants": [participant(p) for p in instance.participants],
        "placements": [placement(h) for h in instance.placements],
        "rates": rates_to_json(instance.rates),
    }


def grant_to_json(grant: Grant) -> dict:
    return {**asdict(grant), "total": grant.total}


def plan_to_json(plan: Plan) -> dict:
    return {
        "stays": [
            {
                "participant": s.participant,
                "placement": s.placement,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "distance_km": s.distance_km,
                "grant": grant_to_json(s.grant),
            }
            for s in plan.stays
        ],
        "unplaced": [asdict(u) for u in plan.unplaced],
        "objective": dict(plan.objective),
        "bound": dict(plan.bound),
        "solver": dict(plan.solver),
    }


def plan_from_json(data: dict) -> Plan:
    reader = _Reader()
    stays = []
    for n, item in enumerate(reader.get(data, "stays", list, "plan") or []):
        where = f"stays[{n}]"
        grant = reader.get(item, "grant", dict, where, {}) or {}
        start, end = reader.date(item, "start", where), reader.date(item, "end", where)
        stays.append(
            Stay(
                participant=reader.get(item, "participant", str, where),
                placement=reader.get(item, "placement", str, where),
                start=start,
                end=end,
                distance_km=reader.get(item, "distance_km", float, where, 0.0),
                grant=Grant(
                    *(reader.get(grant, key, int, f"{where}.grant", 0) for key in _GRANT_KEYS)
                ),
            )
        )
    unplaced = [
        Unplaced(
            reader.get(item, "participant", str, f"unplaced[{n}]"),
            reader.get(item, "reason", str, f"unplaced[{n}]", ""),
        )
        for n, item in enumerate(reader.get(data, "unplaced", list, "plan", []) or [])
    ]
    if reader.errors:
        raise InstanceError(reader.errors)
    return Plan(
        tuple(stays),
        tuple(unplaced),
        dict(data.get("objective") or {}),
        dict(data.get("bound") or {}),
        dict(data.get("solver") or {}),
    )


_GRANT_KEYS = ("travel", "individual", "organisational", "inclusion")


def load_plan(path: str | Path) -> Plan:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InstanceError([f"{path}: not JSON ({error})"]) from error
    if not isinstance(data, dict):
        raise InstanceError(["the plan must be a JSON object"])
    return plan_from_json(data)


def dump_json(data: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
