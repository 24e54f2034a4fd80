"""The rotation plan as a CP-SAT model.

Every gap (apprentice, position, year) may be covered by a few optional stays at each
station teaching the position; a stay is an optional interval inside the training year.
Per apprentice the stays and the blocked weeks (school, holidays) must not overlap; per
station the stays and its closed weeks share a cumulative capacity. Goals in order:
cover every gap (uncovered weeks weigh more than any cost), then least total cost.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from .model import Instance, Plan, Stay, Uncovered
from .rules import gaps, plan_cost, travel_eur_per_week

# An uncovered week costs more than any plan could (cents): coverage comes first.
UNCOVERED_WEEK_CENTS = 10**9
# Optional stays per (gap, station) beyond what the longest stay needs: lets the solver
# split a gap around a school block without making the model large.
EXTRA_STAYS = 1
MAX_STAYS_PER_STATION = 4

PROGRESS_SECONDS = 1.0
# CP-SAT search workers (the machine has two cores)
WORKERS = 2

NO_STATION = "no station teaches this position"
NO_CAPACITY = "no station with free capacity in the weeks open to the apprentice"

Progress = Callable[[float, str], None]


def _runs(weeks: set[int], first: int, last: int) -> list[tuple[int, int]]:
    """Maximal runs of consecutive weeks of ``weeks`` within first..last as (start, length)."""
    runs, start = [], None
    for week in range(first, last + 2):
        if week in weeks and week <= last:
            start = week if start is None else start
        elif start is not None:
            runs.append((start, week - start))
            start = None
    return runs


def solve(
    instance: Instance,
    locked: list[Stay] | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    progress: Progress | None = None,
    hint: Plan | None = None,
) -> Plan:
    """Plan the open gaps around the ``locked`` stays; ``hint`` (e.g. the greedy plan) is a start."""
    started = time.monotonic()
    locked = list(locked or [])
    report = progress or (lambda fraction, message: None)
    occupation = instance.occupation
    years = {y.year: y for y in occupation.years}
    home = {a.id: a.company for a in instance.apprentices}
    apprentices = {a.id: a for a in instance.apprentices}
    by_position = defaultdict(list)
    for station in instance.stations:
        by_position[station.position].append(station)

    hinted = Counter(
        (s.apprentice, s.position, s.year, s.station) for s in (hint.stays if hint else [])
    )
    done = defaultdict(int)
    for stay in locked:
        done[(stay.apprentice, stay.position, stay.year)] += stay.weeks
    open_gaps = {k: g - done[k] for k, g in gaps(instance).items() if g - done[k] > 0}

    model = cp_model.CpModel()
    horizon = occupation.weeks + 2
    per_apprentice = defaultdict(list)
    per_station = defaultdict(list)
    candidates = []  # (gap key, station, presence, start, length)
    copies_of = defaultdict(list)  # (gap key, station) -> [(present, start, length, effective)]
    uncovered_vars = {}
    used = {}
    objective = []

    for stay in locked:  # fixed intervals: they take capacity and the apprentice's time
        interval = model.NewFixedSizeIntervalVar(
            stay.start_week, stay.weeks, f"locked_{stay.apprentice}_{stay.start_week}"
        )
        per_apprentice[stay.apprentice].append(interval)
        per_station[stay.station].append(interval)

    for key, gap in open_gaps.items():
        apprentice_id, position, year_number = key
        year = years[year_number]
        missing = model.NewIntVar(0, gap, f"uncovered_{apprentice_id}_{position}_{year_number}")
        uncovered_vars[key] = missing
        objective.append(UNCOVERED_WEEK_CENTS * missing)
        lengths = []
        blocked = apprentices[apprentice_id].blocked_weeks
        for station in by_position.get(position, []):
            if station.min_weeks > year.to_week - year.from_week + 1:
                continue
            # weeks where a stay of the minimum length can begin: keeps the search to
            # placements that can be lawful (school blocks split a year into short windows)
            free = {
                w
                for w in range(year.from_week, year.to_week + 1)
                if w not in blocked
                and (station.available_weeks is None or w in station.available_weeks)
            }
            starts = [
                w for w in sorted(free) if all(w + k in free for k in range(station.min_weeks))
            ]
            if not starts:
                continue
            week_cents = round(
                100
                * (
                    station.cost_per_week
                    + travel_eur_per_week(instance, home[apprentice_id], station.id)
                )
            )
            copies = min(MAX_STAYS_PER_STATION, math.ceil(gap / station.max_weeks) + EXTRA_STAYS)
            # room for every stay of the hint, so that the hint is a complete solution
            copies = max(copies, hinted[(apprentice_id, position, year_number, station.id)])
            previous_end = previous_present = None
            for copy in range(copies):
                name = f"{apprentice_id}_{station.id}_{year_number}_{copy}"
                present = model.NewBoolVar(f"p_{name}")
                start = model.NewIntVarFromDomain(cp_model.Domain.FromValues(starts), f"s_{name}")
                length = model.NewIntVar(station.min_weeks, station.max_weeks, f"l_{name}")
                end = model.NewIntVar(year.from_week, year.to_week + 1, f"e_{name}")
                interval = model.NewOptionalIntervalVar(start, length, end, present, f"i_{name}")
                effective = model.NewIntVar(0, station.max_weeks, f"w_{name}")
                model.Add(effective == length).OnlyEnforceIf(present)
                model.Add(effective == 0).OnlyEnforceIf(present.Not())
                if previous_end is not None:  # symmetry: copies in order, used ones first
                    model.AddImplication(present, previous_present)
                    model.Add(start >= previous_end).OnlyEnforceIf(present)
                previous_end, previous_present = end, present
                per_apprentice[apprentice_id].append(interval)
                per_station[station.id].append(interval)
                lengths.append(effective)
                objective.append(week_cents * effective)
                pair = (home[apprentice_id], station.partner)
                if pair not in used:
                    used[pair] = model.NewBoolVar(f"used_{pair[0]}_{pair[1]}")
                    objective.append(round(100 * instance.costs.partner_fixed_eur) * used[pair])
                model.AddImplication(present, used[pair])
                candidates.append((key, station, present, start, effective))
                copies_of[(key, station.id)].append((present, start, length, effective))
        model.Add(sum(lengths) + missing >= gap)

    for apprentice_id, intervals in per_apprentice.items():
        blocked = apprentices[apprentice_id].blocked_weeks
        for start, length in _runs(set(blocked), 1, horizon):
            intervals.append(
                model.NewFixedSizeIntervalVar(start, length, f"blocked_{apprentice_id}_{start}")
            )
        model.AddNoOverlap(intervals)
    stations = {s.id: s for s in instance.stations}
    for station_id, intervals in per_station.items():
        station = stations[station_id]
        demands = [1] * len(intervals)
        if station.available_weeks is not None:
            closed = set(range(1, horizon + 1)) - station.available_weeks
            for start, length in _runs(closed, 1, horizon):
                intervals.append(
                    model.NewFixedSizeIntervalVar(start, length, f"closed_{station_id}_{start}")
                )
                demands.append(station.capacity)
        model.AddCumulative(intervals, demands, station.capacity)

    model.Minimize(sum(objective))
    if hint is not None:
        _add_hint(model, hint, copies_of, uncovered_vars, open_gaps)
    report(0.05, f"{len(candidates)} candidate stays for {len(open_gaps)} gaps")
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.monotonic() - started))
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = seed
    callback = _Callback()
    outcome = {}

    # The search runs in a thread; progress is reported from the caller's thread only (the
    # caller may write it to a database connection that belongs to this thread).
    def search():
        try:
            outcome["status"] = solver.Solve(model, callback)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=search)
    worker.start()
    while worker.is_alive():
        worker.join(timeout=PROGRESS_SECONDS)
        elapsed = time.monotonic() - started
        if worker.is_alive():
            report(min(0.95, 0.1 + 0.85 * elapsed / max(time_limit, 0.1)), callback.message)
    if "error" in outcome:
        raise outcome["error"]
    status = outcome["status"]
    seconds = round(time.monotonic() - started, 2)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # Every constraint is relaxable by the uncovered weeks, so only a timeout lands here.
        plan = Plan(stays=locked, solver={"status": solver.StatusName(status), "seconds": seconds})
        plan.uncovered = [Uncovered(a, p, y, g, NO_CAPACITY) for (a, p, y), g in open_gaps.items()]
        plan.cost = plan_cost(instance, plan.stays)
        return plan

    stays = list(locked)
    for (apprentice_id, position, year), station, present, start, effective in candidates:
        if solver.Value(present):
            stays.append(
                Stay(
                    apprentice_id,
                    station.id,
                    position,
                    year,
                    solver.Value(start),
                    solver.Value(effective),
                )
            )
    stays.sort(key=lambda s: (s.apprentice, s.start_week))
    uncovered = []
    for (apprentice_id, position, year), var in uncovered_vars.items():
        weeks = solver.Value(var)
        if weeks:
            reason = NO_STATION if not by_position.get(position) else NO_CAPACITY
            uncovered.append(Uncovered(apprentice_id, position, year, weeks, reason))
    report(1.0, "done")
    return Plan(
        stays=stays,
        uncovered=uncovered,
        cost=plan_cost(instance, stays),
        bound=_bound(solver.BestObjectiveBound()),
        solver={"status": solver.StatusName(status), "seconds": seconds},
    )


def _bound(objective_bound: float) -> dict:
    """Lower bounds from CP-SAT: uncovered weeks, and the cost once those are fixed."""
    uncovered = int(objective_bound // UNCOVERED_WEEK_CENTS)
    return {
        "uncovered_weeks": uncovered,
        "cost": round(max(0.0, objective_bound - uncovered * UNCOVERED_WEEK_CENTS) / 100, 2),
    }


def _add_hint(model, hint: Plan, copies_of, uncovered_vars, open_gaps) -> None:
    """Start from a known plan: its stays fill the first copies of their (gap, station)."""
    taken = defaultdict(int)
    covered = defaultdict(int)
    hinted = set()
    for stay in sorted(hint.stays, key=lambda s: s.start_week):
        key = ((stay.apprentice, stay.position, stay.year), stay.station)
        copies = copies_of.get(key, [])
        if taken[key] >= len(copies):
            continue
        present, start, length, effective = copies[taken[key]]
        taken[key] += 1
        model.AddHint(present, 1)
        model.AddHint(start, stay.start_week)
        model.AddHint(length, stay.weeks)
        model.AddHint(effective, stay.weeks)
        hinted.add(present.Index())
        covered[key[0]] += stay.weeks
    for copies in copies_of.values():
        for present, _, _, effective in copies:
            if present.Index() not in hinted:
                model.AddHint(present, 0)
                model.AddHint(effective, 0)
    for key, var in uncovered_vars.items():
        model.AddHint(var, max(0, open_gaps[key] - covered[key]))


class _Callback(cp_model.CpSolverSolutionCallback):
    """Remembers the latest solution's quality for the progress line (no I/O in the search)."""

    def __init__(self):
        super().__init__()
        self.message = "searching"
        self.solutions = 0

    def on_solution_callback(self):
        self.solutions += 1
        uncovered = int(self.ObjectiveValue() // UNCOVERED_WEEK_CENTS)
        self.message = f"solution {self.solutions}: {uncovered} uncovered weeks"


def _rank(plan: Plan):
    return (sum(u.weeks for u in plan.uncovered), plan.cost.get("total", 0))


def plan_rotation(instance: Instance, locked=None, time_limit=60.0, seed=0, progress=None) -> Plan:
    """CP-SAT started from the greedy plan; the greedy plan is kept (status GREEDY_KEPT) where
    CP-SAT did not beat it within the time limit (fewer uncovered weeks first, then cost)."""
    from . import greedy

    start = greedy.solve(instance, locked=locked)
    plan = solve(
        instance, locked=locked, time_limit=time_limit, seed=seed, progress=progress, hint=start
    )
    if _rank(start) < _rank(plan):
        start.bound, start.solver = plan.bound, {**plan.solver, "status": "GREEDY_KEPT"}
        return start
    return plan
