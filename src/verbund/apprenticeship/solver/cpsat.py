"""The rotation plan as a CP-SAT model of candidate stays.

Every lawful stay of a gap (apprentice, position, year) is one Boolean: a station of the
position, a first week and a length between the station's minimum and the gap (longer only
where the minimum asks for it), inside the year and clear of the apprentice's blocked weeks
and the station's closed weeks. Per apprentice and week at most one stay; per station and
week at most its free capacity; a gap is covered by the weeks of its chosen stays or counted
as uncovered. Goals in order: cover every gap (an uncovered week weighs more than any cost),
then least total cost (station weeks, travel, one fee per company and partner).

Small Verbünde are solved as one model (status OPTIMAL when proved); at regional scale the
model is too large to search as a whole, so ``lns.improve`` solves it part by part
(``solve_part``) starting from the greedy plan.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .model import Instance, Plan, Stay, Uncovered
from .rules import gaps, plan_cost, travel_eur_per_week

# An uncovered week costs more than any plan could (cents): coverage comes first.
UNCOVERED_WEEK_CENTS = 10**9
# One cent per stay: of two plans of equal cost the one with fewer, longer stays wins.
STAY_CENTS = 1
# Candidate stays up to which the whole instance is solved as one model.
WHOLE_MODEL_CANDIDATES = 40_000

PROGRESS_SECONDS = 1.0
# CP-SAT search workers (the machine has two cores)
WORKERS = 2

NO_STATION = "no station teaches this position"
NO_CAPACITY = "no station with free capacity in the weeks open to the apprentice"

Progress = Callable[[float, str], None]
Key = tuple[str, str, int]  # (apprentice, position, year)


class Context:
    """What every part of the search needs, computed once per instance."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.years = {y.year: y for y in instance.occupation.years}
        self.apprentices = {a.id: a for a in instance.apprentices}
        self.home = {a.id: a.company for a in instance.apprentices}
        self.stations = {s.id: s for s in instance.stations}
        self.by_position = defaultdict(list)
        for station in instance.stations:
            self.by_position[station.position].append(station)
        self.gaps = gaps(instance)
        self.fee_cents = round(100 * instance.costs.partner_fixed_eur)
        self._cents = {}

    def week_cents(self, apprentice_id: str, station_id: str) -> int:
        """Station price plus commute for one week, in cents."""
        key = (self.home[apprentice_id], station_id)
        if key not in self._cents:
            self._cents[key] = round(
                100
                * (
                    self.stations[station_id].cost_per_week
                    + travel_eur_per_week(self.instance, key[0], station_id)
                )
            )
        return self._cents[key]

    def objective(self, stays: list[Stay], missing: dict[Key, int], fixed_pairs=frozenset()):
        """The model's objective (cents) of ``stays`` beside stays already using ``fixed_pairs``."""
        pairs = {(self.home[s.apprentice], self.stations[s.station].partner) for s in stays}
        return (
            sum(s.weeks * self.week_cents(s.apprentice, s.station) for s in stays)
            + self.fee_cents * len(pairs - set(fixed_pairs))
            + UNCOVERED_WEEK_CENTS * sum(missing.values())
            + STAY_CENTS * len(stays)
        )


@dataclass
class Part:
    """The result of solving the open gaps around fixed stays."""

    status: str
    stays: list[Stay]
    missing: dict[Key, int]
    objective: int
    bound: int
    candidates: int = 0
    seconds: float = 0.0
    improved: bool = field(default=False)


def _occupancy(ctx: Context, fixed: list[Stay]):
    busy = defaultdict(set)
    load = defaultdict(lambda: defaultdict(int))
    for stay in fixed:
        for week in stay.week_range:
            busy[stay.apprentice].add(week)
            load[stay.station][week] += 1
    return busy, load


def open_weeks(ctx: Context, key: Key, station, busy: set[int], load) -> list[int]:
    """Weeks of the year in which ``key``'s apprentice could be at ``station``: free for both,
    in runs of consecutive weeks at least as long as the station's shortest stay."""
    apprentice_id, _, year_number = key
    year = ctx.years[year_number]
    blocked = ctx.apprentices[apprentice_id].blocked_weeks
    used = load[station.id]
    weeks, run = [], []
    for week in range(year.from_week, year.to_week + 2):
        if (
            week <= year.to_week
            and week not in blocked
            and week not in busy
            and (station.available_weeks is None or week in station.available_weeks)
            and used[week] < station.capacity
        ):
            run.append(week)
            continue
        if len(run) >= station.min_weeks:
            weeks.extend(run)
        run = []
    return weeks


def count_candidates(ctx: Context, fixed: list[Stay], open_gaps: dict[Key, int]) -> int:
    """Week variables of the model for ``open_gaps`` around ``fixed``."""
    busy, load = _occupancy(ctx, fixed)
    return sum(
        len(open_weeks(ctx, key, station, busy[key[0]], load))
        for key in open_gaps
        for station in ctx.by_position.get(key[1], [])
    )


def solve_part(
    ctx: Context,
    fixed: list[Stay],
    open_gaps: dict[Key, int],
    hint: list[Stay] | None = None,
    time_limit: float = 10.0,
    seed: int = 0,
    progress: Progress | None = None,
) -> Part:
    """Cover ``open_gaps`` (key -> weeks still open) around the ``fixed`` stays.

    Week-indexed: ``at[w]`` says the apprentice is at the station in week ``w``; a stay
    ``begins`` at the first week of a run of such weeks or right after another stay at the
    same station (two stays back to back are lawful); the shortest and longest stay bound
    every stay. The cost is linear in the weeks, so the LP relaxation bounds it well.
    """
    started = time.monotonic()
    busy, load = _occupancy(ctx, fixed)
    fixed_pairs = {(ctx.home[s.apprentice], ctx.stations[s.station].partner) for s in fixed}
    model = cp_model.CpModel()
    runs = []  # (key, station, {week: at var}, {week: begins var})
    per_apprentice_week = defaultdict(list)
    per_station_week = defaultdict(list)
    pair_vars = {}
    objective = []
    missing = {}
    for key, gap in open_gaps.items():
        apprentice_id = key[0]
        cover = []
        for station in ctx.by_position.get(key[1], []):
            weeks = open_weeks(ctx, key, station, busy[apprentice_id], load)
            if not weeks:
                continue
            at = {w: model.NewBoolVar("") for w in weeks}
            begins = {}
            runs.append((key, station, at, begins))
            cents = ctx.week_cents(apprentice_id, station.id)
            pair = (ctx.home[apprentice_id], station.partner)
            if pair not in fixed_pairs and ctx.fee_cents and pair not in pair_vars:
                pair_vars[pair] = model.NewBoolVar("")
                objective.append(ctx.fee_cents * pair_vars[pair])
            for week, var in at.items():
                cover.append(var)
                objective.append(cents * var)
                per_apprentice_week[(apprentice_id, week)].append(var)
                per_station_week[(station.id, week)].append(var)
                if pair in pair_vars:
                    model.AddImplication(var, pair_vars[pair])
                previous = at.get(week - 1)
                if previous is None:
                    begins[week] = var
                else:
                    begins[week] = model.NewBoolVar("")
                    model.AddBoolOr([begins[week], previous, var.Not()])
                    model.AddImplication(begins[week], var)
                objective.append(STAY_CENTS * begins[week])
            for week in at:
                for k in range(1, station.min_weeks):  # a stay lasts its minimum
                    following = at.get(week + k)
                    if following is None:
                        model.Add(begins[week] == 0)
                        break
                    model.AddImplication(begins[week], following)
                    model.AddImplication(begins[week], begins[week + k].Not())
                window = [at.get(week + k) for k in range(station.max_weeks + 1)]
                if all(v is not None for v in window):  # and never more than its maximum
                    model.Add(
                        sum(window)
                        <= station.max_weeks
                        + sum(begins[week + k] for k in range(1, station.max_weeks + 1))
                    )
        missing[key] = model.NewIntVar(0, gap, "")
        objective.append(UNCOVERED_WEEK_CENTS * missing[key])
        model.Add(sum(cover) + missing[key] >= gap)
    for variables in per_apprentice_week.values():
        if len(variables) > 1:
            model.AddAtMostOne(variables)
    for (station_id, week), variables in per_station_week.items():
        free = ctx.stations[station_id].capacity - load[station_id][week]
        if len(variables) > free:
            model.Add(sum(variables) <= free)
    model.Minimize(sum(objective))
    hint_objective = hint_missing = None
    if hint is not None:
        hinted = {
            ((s.apprentice, s.position, s.year), s.station, w) for s in hint for w in s.week_range
        }
        starts = {((s.apprentice, s.position, s.year), s.station, s.start_week) for s in hint}
        for key, station, at, begins in runs:
            for week, var in at.items():
                model.AddHint(var, (key, station.id, week) in hinted)
                if begins[week] is not var:
                    model.AddHint(begins[week], (key, station.id, week) in starts)
        covered = defaultdict(int)
        for s in hint:
            covered[(s.apprentice, s.position, s.year)] += s.weeks
        hint_missing = {k: max(0, g - covered[k]) for k, g in open_gaps.items()}
        for key, var in missing.items():
            model.AddHint(var, hint_missing[key])
        hint_pairs = {(ctx.home[s.apprentice], ctx.stations[s.station].partner) for s in hint}
        for pair, var in pair_vars.items():
            model.AddHint(var, pair in hint_pairs)
        hint_objective = ctx.objective(hint, hint_missing, fixed_pairs)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.monotonic() - started))
    solver.parameters.num_workers = WORKERS
    solver.parameters.random_seed = seed
    status = _run(solver, model, started, time_limit, progress)
    seconds = round(time.monotonic() - started, 2)
    size = sum(len(at) for _, _, at, _ in runs)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # every rule is relaxable by the uncovered weeks, so only a timeout lands here
        if hint is None:
            return Part(solver.StatusName(status), [], dict(open_gaps), 0, 0, size, seconds)
        return Part(
            solver.StatusName(status), list(hint), hint_missing, hint_objective, 0, size, seconds
        )
    stays = []
    for key, station, at, begins in runs:
        run = None
        for week in sorted(w for w, var in at.items() if solver.BooleanValue(var)):
            if (
                run is not None
                and week == run.start_week + run.weeks
                and not solver.BooleanValue(begins[week])
            ):
                run.weeks += 1
            else:
                run = Stay(key[0], station.id, key[1], key[2], week, 1)
                stays.append(run)
    part = Part(
        solver.StatusName(status),
        stays,
        {k: solver.Value(v) for k, v in missing.items()},
        round(solver.ObjectiveValue()),
        round(solver.BestObjectiveBound()),
        size,
        seconds,
    )
    part.improved = hint_objective is None or part.objective < hint_objective
    if hint_objective is not None and part.objective > hint_objective:  # never worse than the hint
        part.stays, part.objective, part.missing = list(hint), hint_objective, dict(hint_missing)
    return part


def _run(solver, model, started, time_limit, progress):
    """Search in a thread; progress is reported from the caller's thread only (the caller may
    write it to a database connection that belongs to this thread)."""
    if progress is None:
        return solver.Solve(model)
    outcome = {}

    def search():
        try:
            outcome["status"] = solver.Solve(model)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=search)
    worker.start()
    while worker.is_alive():
        worker.join(timeout=PROGRESS_SECONDS)
        elapsed = time.monotonic() - started
        if worker.is_alive():
            progress(min(0.95, 0.1 + 0.85 * elapsed / max(time_limit, 0.1)), "searching")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"]


def uncovered_list(ctx: Context, missing: dict[Key, int]) -> list[Uncovered]:
    return [
        Uncovered(a, p, y, weeks, NO_CAPACITY if ctx.by_position.get(p) else NO_STATION)
        for (a, p, y), weeks in sorted(missing.items())
        if weeks > 0
    ]


def open_gaps(ctx: Context, locked: list[Stay]) -> dict[Key, int]:
    done = defaultdict(int)
    for stay in locked:
        done[(stay.apprentice, stay.position, stay.year)] += stay.weeks
    return {k: g - done[k] for k, g in ctx.gaps.items() if g - done[k] > 0}


def solve(
    instance: Instance,
    locked: list[Stay] | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    progress: Progress | None = None,
    hint: Plan | None = None,
) -> Plan:
    """Plan the open gaps around the ``locked`` stays as one model."""
    locked = list(locked or [])
    ctx = Context(instance)
    gaps_open = open_gaps(ctx, locked)
    hint_stays = [s for s in hint.stays if not s.locked] if hint else None
    part = solve_part(ctx, locked, gaps_open, hint_stays, time_limit, seed, progress)
    stays = sorted(locked + part.stays, key=lambda s: (s.apprentice, s.start_week))
    uncovered = uncovered_list(ctx, part.missing)
    return Plan(
        stays=stays,
        uncovered=uncovered,
        cost=plan_cost(instance, stays),
        bound=_bound(part.bound),
        solver={"status": part.status, "seconds": part.seconds},
    )


def _bound(objective_bound: float) -> dict:
    """Lower bounds from CP-SAT: uncovered weeks, and the cost once those are fixed."""
    uncovered = int(objective_bound // UNCOVERED_WEEK_CENTS)
    return {
        "uncovered_weeks": uncovered,
        "cost": round(max(0.0, objective_bound - uncovered * UNCOVERED_WEEK_CENTS) / 100, 2),
    }


def plan_rotation(instance, locked=None, time_limit=60.0, seed=0, progress=None) -> Plan:
    """The greedy plan improved by CP-SAT: as one model where it is small enough, else part by
    part (``lns``); never worse than the greedy plan. The bound comes from ``bounds``."""
    from . import lns

    return lns.plan_rotation(instance, locked, time_limit, seed, progress)
