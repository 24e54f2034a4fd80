"""Placement matching with OR-Tools CP-SAT, goals in the order of mobility.md.

1. most participants placed, participants with fewer opportunities first at equal count;
2. best preference rank (unranked placements count after all ranked ones);
3. least total grant.

Each goal is its own CP-SAT solve that keeps the earlier goals at their optimum (a
lexicographic solve with small coefficients, so the LP relaxation stays well-behaved).
Participants only interact through shared placements, so every connected component of
the participant-placement graph is solved on its own, with a share of the time limit
proportional to its size; the greedy plan is the warm start of every stage.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from . import greedy as greedy_module
from . import lns
from .eligibility import Option, options
from .model import Instance, Plan

Progress = Callable[[float, str], None]

# Share of a component's time for goal 1, goal 2; goal 3 gets the rest.
STAGE_SHARES = (0.5, 0.3)
# CP-SAT needs about eight workers for its full portfolio (LNS among them); on two cores
# they share the CPU, which still finds far better plans than two workers.
WORKERS = 8
# Components up to this many participants are solved as one CP-SAT model.
SMALL_COMPONENT = 150


def _components(per_participant: list[list[Option]]) -> list[list[int]]:
    parent: dict = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pi, opts in enumerate(per_participant):
        for option in opts:
            parent[find(("p", pi))] = find(("h", option.h))
    groups: dict = {}
    for pi, opts in enumerate(per_participant):
        if opts:
            groups.setdefault(find(("p", pi)), []).append(pi)
    return sorted(groups.values(), key=len, reverse=True)


class _Component:
    """The CP-SAT model of one component: a bool and an optional interval per option."""

    def __init__(self, instance: Instance, options: list[Option], base: dt.date):
        self.model = cp_model.CpModel()
        self.base = base
        self.options = options
        self.chosen, self.starts = [], []
        by_placement: dict[int, list] = {}
        by_participant: dict[int, list] = {}
        for n, option in enumerate(self.options):
            days = instance.participants[option.p].days
            x = self.model.new_bool_var(f"x{n}")
            low, high = self._day(option.first_start), self._day(option.last_start)
            start = self.model.new_int_var(low, high, f"s{n}")
            interval = self.model.new_optional_fixed_size_interval_var(start, days, x, f"i{n}")
            self.chosen.append(x)
            self.starts.append(start)
            by_placement.setdefault(option.h, []).append(interval)
            by_participant.setdefault(option.p, []).append(x)
        for bools in by_participant.values():
            self.model.add_at_most_one(bools)
        for h, intervals in by_placement.items():
            capacity = instance.placements[h].capacity
            if capacity == 1:
                self.model.add_no_overlap(intervals)
            elif capacity < len(intervals):
                self.model.add_cumulative(intervals, [1] * len(intervals), capacity)
        weight = 1 + sum(1 for p in instance.participants if p.fewer_opportunities)
        self.goals = [
            (
                "max",
                sum(
                    x * (weight + (1 if instance.participants[o.p].fewer_opportunities else 0))
                    for x, o in zip(self.chosen, self.options, strict=True)
                ),
            ),
            ("min", sum(x * o.rank for x, o in zip(self.chosen, self.options, strict=True))),
            (
                "min",
                sum(x * o.grant.total for x, o in zip(self.chosen, self.options, strict=True)),
            ),
        ]
        self.weight = weight
        self.proven = True
        self.bound_value = None

    def _day(self, date: dt.date) -> int:
        return (date - self.base).days

    def hint(self, chosen: dict[int, tuple]) -> None:
        self.model.clear_hints()
        for n, option in enumerate(self.options):
            picked = chosen.get(option.p)
            on = picked is not None and picked[0] is option
            self.model.add_hint(self.chosen[n], on)
            self.model.add_hint(
                self.starts[n], self._day(picked[1]) if on else self._day(option.first_start)
            )

    def solve(self, seconds_per_stage, seed, start: dict[int, tuple]) -> dict[int, tuple]:
        best = start
        for stage, (sense, expression) in enumerate(self.goals):
            self.hint(best)
            if sense == "max":
                self.model.maximize(expression)
            else:
                self.model.minimize(expression)
            solver = cp_model.CpSolver()
            solver.parameters.max_time_in_seconds = max(0.05, seconds_per_stage[stage])
            solver.parameters.num_workers = WORKERS
            solver.parameters.random_seed = seed
            status = solver.solve(self.model)
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                self.proven = False
                return best  # no better plan within the time: keep the warm start
            if stage == 0:
                self.bound_value = int(solver.best_objective_bound)
            if status != cp_model.OPTIMAL:
                self.proven = False
            value = int(round(solver.objective_value))
            if sense == "max":
                self.model.add(expression >= value)
            else:
                self.model.add(expression <= value)
            best = {
                o.p: (o, self.base + dt.timedelta(days=solver.value(self.starts[n])))
                for n, o in enumerate(self.options)
                if solver.boolean_value(self.chosen[n])
            }
        return best

    def placed_bound(self, participants: int) -> int:
        if self.bound_value is None:
            return participants
        # goal 1 = placed * weight + fewer-opportunity placed (< weight): floor is exact
        return min(participants, self.bound_value // self.weight)


def match(
    instance: Instance,
    *,
    time_limit: float = 30.0,
    seed: int = 0,
    progress: Progress | None = None,
) -> Plan:
    """The best plan found within ``time_limit`` seconds (never worse than greedy).

    Components up to SMALL_COMPONENT participants are solved as one model (optimal when
    CP-SAT proves it); larger ones start from the greedy plan and are improved by
    neighbourhood search (lns.py) until the time is up.
    """
    started = time.monotonic()
    deadline = started + time_limit
    if progress:
        progress(0.0, "checking which placements fit whom")
    per_participant, reasons = options(instance)
    chosen = greedy_module.assign(instance, per_participant)
    components = _components(per_participant)
    dates = [o.first_start for opts in per_participant for o in opts]
    base = min(dates) if dates else dt.date(instance.call_year, 1, 1)
    small = [c for c in components if len(c) <= SMALL_COMPONENT]
    large = [c for c in components if len(c) > SMALL_COMPONENT]
    # small components get a share of the time proportional to their size; the rest goes
    # to the neighbourhood search of the large ones
    total = sum(len(c) for c in components) or 1
    proven, bound, done = not large, 0, 0
    for component in small:
        done += len(component)
        if len(component) == 1:
            # one participant: the greedy choice (best rank, then least grant) is optimal
            bound += 1
            continue
        share = (
            (deadline - time.monotonic()) * len(component) / max(1, total - done + len(component))
        )
        if share < 0.05:  # out of time: keep the greedy plan of this component
            bound += len(component)
            proven = False
            continue
        model = _Component(instance, [o for pi in component for o in per_participant[pi]], base)
        stages = [share * STAGE_SHARES[0], share * STAGE_SHARES[1]]
        stages.append(max(0.05, share - sum(stages)))
        result = model.solve(stages, seed, {pi: chosen[pi] for pi in component if pi in chosen})
        for pi in component:
            chosen.pop(pi, None)
        chosen.update(result)
        proven = proven and model.proven
        bound += model.placed_bound(len(component))
        if progress:
            progress(done / total / 2, f"{done} of {total} participants planned")
    for component in large:
        bound += lns.flow_bound(instance, per_participant, component)
    if large:
        lns.improve(
            instance,
            per_participant,
            large,
            chosen,
            base,
            deadline,
            seed,
            lambda options: _Component(instance, options, base),
            progress,
        )
    status = "OPTIMAL" if proven else "FEASIBLE"
    if progress:
        progress(1.0, "done")
    return greedy_module.make_plan(
        instance, chosen, reasons, status, time.monotonic() - started, bound
    )
