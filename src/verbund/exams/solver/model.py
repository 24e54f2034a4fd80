"""Data of the examiner-assignment problem and its JSON batch format.

The JSON shape is fixed by docs (``shared/domain/exams.md``): an *instance* (period,
examiners, sittings) goes in, a *plan* (assignments, unfilled seats, objective, bound,
solver info) comes out. Every class here is a frozen dataclass so that solver, checker and
UI can pass them around without defensive copies. No Django import on purpose: the solver
package runs in batch jobs, tests and benchmarks without a database.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GROUPS = ("employer", "employee", "teacher")


class InstanceError(ValueError):
    """The instance JSON is malformed or breaks a rule; ``errors`` lists every problem."""

    def __init__(self, errors: Iterable[str]):
        self.errors = list(errors)
        super().__init__("invalid instance:\n" + "\n".join(self.errors))


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Examiner:
    id: str
    group: str
    occupations: tuple[str, ...]
    home: Point
    available: tuple[dt.date, ...]
    max_sittings: int
    appointed_until: dt.date
    company: str | None = None
    relatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    id: str
    company: str | None = None


@dataclass(frozen=True)
class Seats:
    """How many members of each group a sitting needs (BBiG §40)."""

    employer: int
    employee: int
    teacher: int

    def of(self, group: str) -> int:
        return getattr(self, group)

    @property
    def total(self) -> int:
        return self.employer + self.employee + self.teacher


@dataclass(frozen=True)
class Sitting:
    id: str
    board: str
    occupation: str
    date: dt.date
    location: Point
    seats: Seats
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Instance:
    period: Period
    examiners: tuple[Examiner, ...]
    sittings: tuple[Sitting, ...]


@dataclass(frozen=True, order=True)
class Assignment:
    sitting: str
    examiner: str
    group: str


@dataclass(frozen=True)
class Unfilled:
    sitting: str
    group: str
    reason: str


@dataclass(frozen=True)
class Plan:
    assignments: tuple[Assignment, ...]
    unfilled: tuple[Unfilled, ...] = ()
    objective: Mapping[str, Any] = field(default_factory=dict)
    bound: Mapping[str, Any] = field(default_factory=dict)
    solver: Mapping[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- validation


def seat_rule_errors(seats: Seats) -> list[str]:
    """Why ``seats`` break BBiG §40 (empty list when they are lawful)."""
    errors = []
    if min(seats.employer, seats.employee, seats.teacher) < 0:
        errors.append("seat counts must not be negative")
    if seats.employer != seats.employee:
        errors.append("§40(2): employer and employee seats must be equal")
    if seats.teacher < 1:
        errors.append("§40(2): at least one teacher seat is required")
    if 3 * (seats.employer + seats.employee) < 2 * seats.total:
        errors.append("§40(2): employer + employee seats must be at least two thirds")
    if seats.total < 3:
        errors.append("§40(1): a board has at least 3 members")
    return errors


def validate(instance: Instance) -> list[str]:
    """Every problem of a parsed instance, each naming the offending id and field."""
    errors: list[str] = []
    period = instance.period
    if period.end < period.start:
        errors.append(f"period: end {period.end} is before start {period.start}")
    errors += _duplicates("examiner", (e.id for e in instance.examiners))
    errors += _duplicates("sitting", (s.id for s in instance.sittings))
    for examiner in instance.examiners:
        where = f"examiner {examiner.id}"
        if examiner.group not in GROUPS:
            errors.append(f"{where}: group {examiner.group!r} is not one of {', '.join(GROUPS)}")
        if examiner.max_sittings < 0:
            errors.append(f"{where}: max_sittings must not be negative")
        errors += _point_errors(where, "home", examiner.home)
    for sitting in instance.sittings:
        where = f"sitting {sitting.id}"
        errors += [f"{where}: seats: {e}" for e in seat_rule_errors(sitting.seats)]
        if not period.start <= sitting.date <= period.end:
            errors.append(f"{where}: date {sitting.date} is outside the period")
        errors += _point_errors(where, "location", sitting.location)
        errors += _duplicates(f"{where}: candidate", (c.id for c in sitting.candidates))
    return errors


def _duplicates(kind: str, ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    errors = []
    for ident in ids:
        if ident in seen:
            errors.append(f"{kind} {ident}: duplicate id")
        seen.add(ident)
    return errors


def _point_errors(where: str, name: str, point: Point) -> list[str]:
    if -90 <= point.lat <= 90 and -180 <= point.lon <= 180:
        return []
    return [f"{where}: {name} ({point.lat}, {point.lon}) is not a valid lat/lon"]


# --------------------------------------------------------------------------- JSON in


class _Reader:
    """Collects parse errors instead of stopping at the first one."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def get(self, data: Any, key: str, where: str, kind: type | tuple[type, ...], default=...):
        if not isinstance(data, dict) or key not in data:
            if default is not ...:
                return default
            self.errors.append(f"{where}: field {key!r} is missing")
            return None
        value = data[key]
        if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
            self.errors.append(f"{where}: field {key!r} has the wrong type ({value!r})")
            return None
        return value

    def date(self, data: Any, key: str, where: str) -> dt.date:
        text = self.get(data, key, where, str)
        return self.parse_date(text, f"{where}: field {key!r}") if text is not None else dt.date.min

    def parse_date(self, text: Any, where: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except (TypeError, ValueError):
            self.errors.append(f"{where}: {text!r} is not an ISO date (YYYY-MM-DD)")
            return dt.date.min

    def point(self, data: Any, key: str, where: str) -> Point:
        raw = self.get(data, key, where, dict) or {}
        number = (int, float)
        lat = self.get(raw, "lat", f"{where}: {key}", number) if raw else None
        lon = self.get(raw, "lon", f"{where}: {key}", number) if raw else None
        return Point(float(lat or 0.0), float(lon or 0.0))

    def strings(self, data: Any, key: str, where: str) -> tuple[str, ...]:
        values = self.get(data, key, where, list, default=[]) or []
        if not all(isinstance(v, str) for v in values):
            self.errors.append(f"{where}: field {key!r} must be a list of strings")
            return ()
        return tuple(values)


def instance_from_dict(data: Any, *, check_rules: bool = True) -> Instance:
    """Parse (and with ``check_rules`` validate); raises InstanceError listing every problem.

    ``check_rules=False`` only parses, so that the independent checker can report rule
    breaches of the instance itself (e.g. §40 seats) in its own words.
    """
    read = _Reader()
    raw_period = read.get(data, "period", "instance", dict) or {}
    period = Period(
        name=read.get(raw_period, "name", "period", str, default="") or "",
        start=read.date(raw_period, "start", "period"),
        end=read.date(raw_period, "end", "period"),
    )
    examiners = tuple(
        _examiner(read, raw, i)
        for i, raw in enumerate(read.get(data, "examiners", "instance", list) or [])
    )
    sittings = tuple(
        _sitting(read, raw, i)
        for i, raw in enumerate(read.get(data, "sittings", "instance", list) or [])
    )
    if read.errors:
        raise InstanceError(read.errors)
    instance = Instance(period, examiners, sittings)
    errors = validate(instance) if check_rules else []
    if errors:
        raise InstanceError(errors)
    return instance


def _examiner(read: _Reader, raw: Any, index: int) -> Examiner:
    ident = raw.get("id") if isinstance(raw, dict) else None
    where = f"examiner {ident}" if isinstance(ident, str) else f"examiners[{index}]"
    return Examiner(
        id=read.get(raw, "id", where, str) or "",
        group=read.get(raw, "group", where, str) or "",
        occupations=read.strings(raw, "occupations", where),
        home=read.point(raw, "home", where),
        available=tuple(
            read.parse_date(d, f"{where}: field 'available'")
            for d in read.strings(raw, "available", where)
        ),
        max_sittings=read.get(raw, "max_sittings", where, int) or 0,
        appointed_until=read.date(raw, "appointed_until", where),
        company=read.get(raw, "company", where, (str, type(None)), default=None),
        relatives=read.strings(raw, "relatives", where),
    )


def _sitting(read: _Reader, raw: Any, index: int) -> Sitting:
    ident = raw.get("id") if isinstance(raw, dict) else None
    where = f"sitting {ident}" if isinstance(ident, str) else f"sittings[{index}]"
    raw_seats = read.get(raw, "seats", where, dict) or {}
    unknown = set(raw_seats) - set(GROUPS)
    if unknown:
        read.errors.append(f"{where}: seats: unknown group(s) {', '.join(sorted(unknown))}")
    seats = Seats(*(read.get(raw_seats, g, f"{where}: seats", int, default=0) or 0 for g in GROUPS))
    candidates = []
    for raw_candidate in read.get(raw, "candidates", where, list, default=[]) or []:
        candidates.append(
            Candidate(
                id=read.get(raw_candidate, "id", f"{where}: candidate", str) or "",
                company=read.get(
                    raw_candidate, "company", f"{where}: candidate", (str, type(None)), None
                ),
            )
        )
    return Sitting(
        id=read.get(raw, "id", where, str) or "",
        board=read.get(raw, "board", where, str) or "",
        occupation=read.get(raw, "occupation", where, str) or "",
        date=read.date(raw, "date", where),
        location=read.point(raw, "location", where),
        seats=seats,
        candidates=tuple(candidates),
    )


def plan_from_dict(data: Any) -> Plan:
    read = _Reader()
    assignments = tuple(
        Assignment(
            sitting=read.get(raw, "sitting", f"assignments[{i}]", str) or "",
            examiner=read.get(raw, "examiner", f"assignments[{i}]", str) or "",
            group=read.get(raw, "group", f"assignments[{i}]", str) or "",
        )
        for i, raw in enumerate(read.get(data, "assignments", "plan", list) or [])
    )
    unfilled = tuple(
        Unfilled(
            sitting=read.get(raw, "sitting", f"unfilled[{i}]", str) or "",
            group=read.get(raw, "group", f"unfilled[{i}]", str) or "",
            reason=read.get(raw, "reason", f"unfilled[{i}]", str, default="") or "",
        )
        for i, raw in enumerate(read.get(data, "unfilled", "plan", list, default=[]) or [])
    )
    if read.errors:
        raise InstanceError(read.errors)
    return Plan(
        assignments=assignments,
        unfilled=unfilled,
        objective=dict(read.get(data, "objective", "plan", dict, default={}) or {}),
        bound=dict(read.get(data, "bound", "plan", dict, default={}) or {}),
        solver=dict(read.get(data, "solver", "plan", dict, default={}) or {}),
    )


# --------------------------------------------------------------------------- JSON out


def _point(point: Point) -> dict[str, float]:
    return {"lat": point.lat, "lon": point.lon}


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    period = instance.period
    return {
        "period": {
            "name": period.name,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "examiners": [
            {
                "id": e.id,
                "group": e.group,
                "occupations": list(e.occupations),
                "home": _point(e.home),
                "available": [d.isoformat() for d in e.available],
                "max_sittings": e.max_sittings,
                "appointed_until": e.appointed_until.isoformat(),
                "company": e.company,
                "relatives": list(e.relatives),
            }
            for e in instance.examiners
        ],
        "sittings": [
            {
                "id": s.id,
                "board": s.board,
                "occupation": s.occupation,
                "date": s.date.isoformat(),
                "location": _point(s.location),
                "seats": {g: s.seats.of(g) for g in GROUPS},
                "candidates": [{"id": c.id, "company": c.company} for c in s.candidates],
            }
            for s in instance.sittings
        ],
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    return {
        "assignments": [
            {"sitting": a.sitting, "examiner": a.examiner, "group": a.group}
            for a in plan.assignments
        ],
        "unfilled": [
            {"sitting": u.sitting, "group": u.group, "reason": u.reason} for u in plan.unfilled
        ],
        "objective": dict(plan.objective),
        "bound": dict(plan.bound),
        "solver": dict(plan.solver),
    }


def load_instance(path: str | Path, *, check_rules: bool = True) -> Instance:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InstanceError([f"{path}: not valid JSON ({exc})"]) from exc
    return instance_from_dict(data, check_rules=check_rules)


def load_plan(path: str | Path) -> Plan:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InstanceError([f"{path}: not valid JSON ({exc})"]) from exc
    return plan_from_dict(data)


def dump_instance(instance: Instance, path: str | Path) -> None:
    _write(instance_to_dict(instance), path)


def dump_plan(plan: Plan, path: str | Path) -> None:
    _write(plan_to_dict(plan), path)


def _write(data: dict[str, Any], path: str | Path) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    Path(path).write_text(text + "\n", encoding="utf-8")
