"""Independent check of a rotation plan against the hard rules of docs/apprenticeship.md.

Written apart from the solver (it shares only the gap and cost arithmetic of ``rules``):
every violation is one line of text, an empty list means the plan is lawful.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .model import Instance, Plan, reference_errors
from .rules import gaps


def check(instance: Instance, plan: Plan) -> list[str]:
    errors = reference_errors(instance)
    if errors:
        return [f"instance: {e}" for e in errors]
    stations = {s.id: s for s in instance.stations}
    apprentices = {a.id: a for a in instance.apprentices}
    years = {y.year: y for y in instance.occupation.years}
    violations: list[str] = []
    covered: Counter = Counter()
    busy: dict[str, Counter] = defaultdict(Counter)  # apprentice -> week -> stays
    load: dict[str, Counter] = defaultdict(Counter)  # station -> week -> apprentices
    for index, stay in enumerate(plan.stays, start=1):
        where = f"stay {index} ({stay.apprentice} at {stay.station}, week {stay.start_week}+{stay.weeks})"
        apprentice = apprentices.get(stay.apprentice)
        station = stations.get(stay.station)
        year = years.get(stay.year)
        if apprentice is None or station is None or year is None:
            violations.append(f"{where}: unknown apprentice, station or year")
            continue
        weeks = list(stay.week_range)
        if stay.weeks < 1:
            violations.append(f"{where}: a stay needs at least one week")
            continue
        if station.position != stay.position:
            violations.append(
                f"{where}: station teaches position {station.position}, not {stay.position}"
            )
        if not station.min_weeks <= stay.weeks <= station.max_weeks:
            violations.append(
                f"{where}: {stay.weeks} weeks outside the station's {station.min_weeks}..{station.max_weeks}"
            )
        if weeks[0] < year.from_week or weeks[-1] > year.to_week:
            violations.append(
                f"{where}: not inside training year {year.year} (weeks {year.from_week}..{year.to_week})"
            )
        blocked = sorted(set(weeks) & apprentice.blocked_weeks)
        if blocked:
            violations.append(f"{where}: blocked weeks {_weeks(blocked)} (school or holidays)")
        if station.available_weeks is not None:
            closed = sorted(set(weeks) - station.available_weeks)
            if closed:
                violations.append(f"{where}: station not available in weeks {_weeks(closed)}")
        for week in weeks:
            busy[stay.apprentice][week] += 1
            load[stay.station][week] += 1
        if station.position == stay.position:
            covered[(stay.apprentice, stay.position, stay.year)] += stay.weeks
    for apprentice_id, per_week in sorted(busy.items()):
        double = sorted(w for w, n in per_week.items() if n > 1)
        if double:
            violations.append(
                f"apprentice {apprentice_id}: in two stays at once in weeks {_weeks(double)}"
            )
    for station_id, per_week in sorted(load.items()):
        capacity = stations[station_id].capacity
        over = sorted(w for w, n in per_week.items() if n > capacity)
        if over:
            violations.append(
                f"station {station_id}: more than {capacity} apprentices in weeks {_weeks(over)}"
            )
    reported = Counter()
    for item in plan.uncovered:
        reported[(item.apprentice, item.position, item.year)] += item.weeks
    for key, gap in sorted(gaps(instance).items()):
        missing = gap - covered[key] - reported[key]
        if missing > 0:
            apprentice_id, position, year = key
            violations.append(
                f"apprentice {apprentice_id}: position {position} year {year} covered "
                f"{covered[key]} of {gap} weeks and {missing} missing weeks not reported as uncovered"
            )
    return violations


def _weeks(weeks: list[int]) -> str:
    return ", ".join(str(w) for w in weeks[:8]) + (" ..." if len(weeks) > 8 else "")
