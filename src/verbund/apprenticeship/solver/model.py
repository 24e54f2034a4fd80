"""Instance and plan of a rotation (the JSON batch interface of docs/apprenticeship.md)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


class InstanceError(ValueError):
    """An instance that cannot be read; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Year:
    year: int
    from_week: int
    to_week: int


@dataclass(frozen=True)
class Position:
    id: str
    title: str
    weeks: dict[int, int]  # training year -> weeks of the framework plan


@dataclass(frozen=True)
class Occupation:
    code: str
    weeks: int
    years: tuple[Year, ...]
    positions: tuple[Position, ...]


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float


@dataclass(frozen=True)
class Company:
    id: str
    location: Location
    covers: dict[str, dict[int, int]]  # position -> year -> weeks taught at home


@dataclass(frozen=True)
class Apprentice:
    id: str
    company: str
    blocked_weeks: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Station:
    id: str
    partner: str
    position: str
    location: Location
    capacity: int
    min_weeks: int
    max_weeks: int
    cost_per_week: float
    available_weeks: frozenset[int] | None = None  # None: every week


@dataclass(frozen=True)
class Costs:
    partner_fixed_eur: float = 0.0
    travel_eur_per_km: float = 0.0
    commute_days_per_week: int = 5


@dataclass(frozen=True)
class Instance:
    occupation: Occupation
    companies: tuple[Company, ...]
    apprentices: tuple[Apprentice, ...]
    stations: tuple[Station, ...]
    costs: Costs = Costs()


@dataclass
class Stay:
    apprentice: str
    station: str
    position: str
    year: int
    start_week: int
    weeks: int
    locked: bool = False

    @property
    def week_range(self) -> range:
        return range(self.start_week, self.start_week + self.weeks)


@dataclass
class Uncovered:
    apprentice: str
    position: str
    year: int
    weeks: int
    reason: str


@dataclass
class Plan:
    stays: list[Stay] = field(default_factory=list)
    uncovered: list[Uncovered] = field(default_factory=list)
    cost: dict = field(default_factory=dict)
    bound: dict = field(default_factory=dict)
    solver: dict = field(default_factory=dict)


def _location(data: dict, where: str, errors: list[str]) -> Location:
    try:
        return Location(float(data["lat"]), float(data["lon"]))
    except (KeyError, TypeError, ValueError):
        errors.append(f"{where}: location needs numeric lat and lon")
        return Location(0.0, 0.0)


def _weeks_by_year(data: dict, where: str, errors: list[str]) -> dict[int, int]:
    try:
        return {int(year): int(weeks) for year, weeks in (data or {}).items()}
    except (AttributeError, TypeError, ValueError):
        errors.append(f"{where}: weeks must map a year to a number of weeks")
        return {}


def instance_from_dict(data: dict) -> Instance:
    """Parse an instance; raise InstanceError listing every broken field or reference."""
    errors: list[str] = []
    try:
        occ = data["occupation"]
        years = tuple(
            Year(int(y["year"]), int(y["from_week"]), int(y["to_week"])) for y in occ["years"]
        )
        positions = tuple(
            Position(
                str(p["id"]),
                str(p.get("title", "")),
                _weeks_by_year(p.get("weeks"), f"position {p['id']}", errors),
            )
            for p in occ["positions"]
        )
        occupation = Occupation(str(occ["code"]), int(occ["weeks"]), years, positions)
        companies = tuple(
            Company(
                str(c["id"]),
                _location(c.get("location") or {}, f"company {c['id']}", errors),
                {
                    str(p): _weeks_by_year(w, f"company {c['id']}", errors)
                    for p, w in (c.get("covers") or {}).items()
                },
            )
            for c in data["companies"]
        )
        apprentices = tuple(
            Apprentice(
                str(a["id"]),
                str(a["company"]),
                frozenset(int(w) for w in a.get("blocked_weeks", [])),
            )
            for a in data["apprentices"]
        )
        stations = tuple(
            Station(
                id=str(s["id"]),
                partner=str(s["partner"]),
                position=str(s["position"]),
                location=_location(s.get("location") or {}, f"station {s['id']}", errors),
                capacity=int(s["capacity"]),
                min_weeks=int(s["min_weeks"]),
                max_weeks=int(s["max_weeks"]),
                cost_per_week=float(s["cost_per_week"]),
                available_weeks=(
                    frozenset(int(w) for w in s["available_weeks"])
                    if s.get("available_weeks") is not None
                    else None
                ),
            )
            for s in data["stations"]
        )
        c = data.get("costs") or {}
        costs = Costs(
            float(c.get("partner_fixed_eur", 0)),
            float(c.get("travel_eur_per_km", 0)),
            int(c.get("commute_days_per_week", 5)),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InstanceError([f"instance is malformed: {error!r}"]) from error
    instance = Instance(occupation, companies, apprentices, stations, costs)
    errors.extend(reference_errors(instance))
    if errors:
        raise InstanceError(errors)
    return instance


def reference_errors(instance: Instance) -> list[str]:
    """Broken references and impossible numbers of an instance."""
    errors = []
    position_ids = {p.id for p in instance.occupation.positions}
    year_ids = {y.year for y in instance.occupation.years}
    company_ids = [c.id for c in instance.companies]
    for kind, ids in (
        ("company", company_ids),
        ("apprentice", [a.id for a in instance.apprentices]),
        ("station", [s.id for s in instance.stations]),
        ("position", [p.id for p in instance.occupation.positions]),
    ):
        for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
            errors.append(f"{kind} {duplicate} is defined twice")
    for year in instance.occupation.years:
        if not 1 <= year.from_week <= year.to_week <= instance.occupation.weeks:
            errors.append(
                f"year {year.year}: weeks {year.from_week}..{year.to_week} outside 1..{instance.occupation.weeks}"
            )
    for position in instance.occupation.positions:
        for year in position.weeks:
            if year not in year_ids:
                errors.append(f"position {position.id}: unknown year {year}")
    for company in instance.companies:
        for position in company.covers:
            if position not in position_ids:
                errors.append(f"company {company.id}: covers unknown position {position}")
    for apprentice in instance.apprentices:
        if apprentice.company not in company_ids:
            errors.append(f"apprentice {apprentice.id}: unknown company {apprentice.company}")
    for station in instance.stations:
        if station.position not in position_ids:
            errors.append(f"station {station.id}: unknown position {station.position}")
        if station.capacity < 1:
            errors.append(f"station {station.id}: capacity must be at least 1")
        if not 1 <= station.min_weeks <= station.max_weeks:
            errors.append(f"station {station.id}: needs 1 <= min_weeks <= max_weeks")
        if station.cost_per_week < 0:
            errors.append(f"station {station.id}: cost_per_week must not be negative")
    return errors


def plan_from_dict(data: dict) -> Plan:
    try:
        return Plan(
            stays=[
                Stay(
                    str(s["apprentice"]),
                    str(s["station"]),
                    str(s["position"]),
                    int(s["year"]),
                    int(s["start_week"]),
                    int(s["weeks"]),
                    bool(s.get("locked", False)),
                )
                for s in data.get("stays", [])
            ],
            uncovered=[
                Uncovered(
                    str(u["apprentice"]),
                    str(u["position"]),
                    int(u["year"]),
                    int(u["weeks"]),
                    str(u.get("reason", "")),
                )
                for u in data.get("uncovered", [])
            ],
            cost=dict(data.get("cost") or {}),
            bound=dict(data.get("bound") or {}),
            solver=dict(data.get("solver") or {}),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InstanceError([f"plan is malformed: {error!r}"]) from error


def plan_to_dict(plan: Plan) -> dict:
    stays = []
    for stay in plan.stays:
        row = asdict(stay)
        if not row.pop("locked"):  # "locked" only where set: plans stay in the documented shape
            stays.append(row)
        else:
            stays.append({**row, "locked": True})
    return {
        "stays": stays,
        "uncovered": [asdict(u) for u in plan.uncovered],
        "cost": plan.cost,
        "bound": plan.bound,
        "solver": plan.solver,
    }


def instance_to_dict(instance: Instance) -> dict:
    occ = instance.occupation
    return {
        "occupation": {
            "code": occ.code,
            "weeks": occ.weeks,
            "years": [asdict(y) for y in occ.years],
            "positions": [
                {"id": p.id, "title": p.title, "weeks": {str(y): w for y, w in p.weeks.items()}}
                for p in occ.positions
            ],
        },
        "companies": [
            {
                "id": c.id,
                "location": asdict(c.location),
                "covers": {p: {str(y): w for y, w in ws.items()} for p, ws in c.covers.items()},
            }
            for c in instance.companies
        ],
        "apprentices": [
            {"id": a.id, "company": a.company, "blocked_weeks": sorted(a.blocked_weeks)}
            for a in instance.apprentices
        ],
        "stations": [
            {
                "id": s.id,
                "partner": s.partner,
                "position": s.position,
                "location": asdict(s.location),
                "capacity": s.capacity,
                "min_weeks": s.min_weeks,
                "max_weeks": s.max_weeks,
                "cost_per_week": s.cost_per_week,
                **(
                    {"available_weeks": sorted(s.available_weeks)}
                    if s.available_weeks is not None
                    else {}
                ),
            }
            for s in instance.stations
        ],
        "costs": asdict(instance.costs),
    }


def load_instance(path: str | Path) -> Instance:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InstanceError([f"{path}: not JSON ({error})"]) from error
    return instance_from_dict(data)


def load_plan(path: str | Path) -> Plan:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InstanceError([f"{path}: not JSON ({error})"]) from error
    return plan_from_dict(data)


def dump(data: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
