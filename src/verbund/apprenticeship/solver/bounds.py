"""Lower bounds of a rotation plan, independent of any search: what no plan can beat.

A flow relaxation keeps the capacities and drops the shape of a stay (consecutive weeks,
min/max weeks) and the rule that an apprentice is at one station per week across
positions: source -> (apprentice, year) with the apprentice's open weeks of that year ->
gap (apprentice, position, year) with its weeks -> (station, week) for every week the
apprentice and the station are free -> sink with the station's capacity.

- Its maximum flow is the most gap weeks any plan can cover, so ``total gap - max flow``
  uncovered weeks are provably unavoidable (a per-position capacity bound, sharpened by the
  apprentices' school weeks and the stations' closed weeks).
- Its minimum cost for the weeks a plan covers bounds the plan's station and travel cost
  (a week covered at a station whose shortest stay is longer than the gap costs the share
  of that shortest stay); the partner fee adds the fewest partners that teach the
  positions a company cannot leave uncovered.
"""

from __future__ import annotations

import math
from collections import defaultdict

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from .model import Instance
from .rules import gaps, travel_eur_per_week


def _graph(instance: Instance, with_costs: bool):
    years = {y.year: y for y in instance.occupation.years}
    apprentices = {a.id: a for a in instance.apprentices}
    by_position = defaultdict(list)
    for station in instance.stations:
        by_position[station.position].append(station)
    flow = min_cost_flow.SimpleMinCostFlow()
    nodes: dict = {}
    arcs: dict = {}  # arc index -> (gap key, station id, week)

    def node(key) -> int:
        if key not in nodes:
            nodes[key] = len(nodes)
        return nodes[key]

    source, sink = node("source"), node("sink")
    open_year = set()
    station_weeks = set()
    for (apprentice_id, position, year_number), gap in gaps(instance).items():
        apprentice, year = apprentices[apprentice_id], years[year_number]
        if (apprentice_id, year_number) not in open_year:
            open_year.add((apprentice_id, year_number))
            free = sum(
                1
                for w in range(year.from_week, year.to_week + 1)
                if w not in apprentice.blocked_weeks
            )
            flow.add_arc_with_capacity_and_unit_cost(
                source, node(("ay", apprentice_id, year_number)), free, 0
            )
        gap_node = node(("gap", apprentice_id, position, year_number))
        flow.add_arc_with_capacity_and_unit_cost(
            node(("ay", apprentice_id, year_number)), gap_node, gap, 0
        )
        for station in by_position.get(position, []):
            cents = 0
            if with_costs:
                # covering x <= gap weeks here takes a stay of at least min_weeks: at least
                # max(1, min_weeks / gap) paid weeks per covered week
                cents = math.floor(
                    100
                    * max(1.0, station.min_weeks / gap)
                    * (
                        station.cost_per_week
                        + travel_eur_per_week(instance, apprentice.company, station.id)
                    )
                )
            for week in range(year.from_week, year.to_week + 1):
                if week in apprentice.blocked_weeks or (
                    station.available_weeks is not None and week not in station.available_weeks
                ):
                    continue
                station_week = node(("sw", station.id, week))
                if (station.id, week) not in station_weeks:
                    station_weeks.add((station.id, week))
                    flow.add_arc_with_capacity_and_unit_cost(
                        station_week, sink, station.capacity, 0
                    )
                arc = flow.add_arc_with_capacity_and_unit_cost(gap_node, station_week, 1, cents)
                arcs[arc] = ((apprentice_id, position, year_number), station.id, week)
    return flow, source, sink, arcs


def max_coverable_weeks(instance: Instance) -> int:
    flow, source, sink, arcs = _graph(instance, with_costs=False)
    if flow.num_arcs() == 0:
        return 0
    total = sum(gaps(instance).values())
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    flow.solve_max_flow_with_min_cost()
    return int(flow.maximum_flow())


def flow_weeks(instance: Instance) -> dict:
    """The cheapest relaxed plan covering the most weeks: gap key -> station -> weeks there.
    A guide for a start plan (the shape of stays is ignored here)."""
    flow, source, sink, arcs = _graph(instance, with_costs=True)
    total = sum(gaps(instance).values())
    found = defaultdict(lambda: defaultdict(int))
    if flow.num_arcs() == 0:
        return found
    flow.set_node_supply(source, total)
    flow.set_node_supply(sink, -total)
    flow.solve_max_flow_with_min_cost()
    for arc, (key, station_id, _week) in arcs.items():
        if flow.flow(arc):
            found[key][station_id] += 1
    return found


def uncovered_bound(instance: Instance) -> int:
    """Gap weeks that no plan can cover."""
    return sum(gaps(instance).values()) - max_coverable_weeks(instance)


def cost_bound(instance: Instance, uncovered_weeks: int) -> float:
    """Least cost in EUR of any plan that leaves at most ``uncovered_weeks`` gap weeks open."""
    total = sum(gaps(instance).values())
    covered = max(0, total - uncovered_weeks)
    if covered == 0:
        return 0.0
    flow, source, sink, arcs = _graph(instance, with_costs=True)
    flow.set_node_supply(source, covered)
    flow.set_node_supply(sink, -covered)
    if flow.solve() != flow.OPTIMAL:  # fewer weeks coverable than asked: no such plan
        return float("inf")
    return flow.optimal_cost() / 100 + _partner_bound(instance, uncovered_weeks)


def _partner_bound(instance: Instance, uncovered_weeks: int) -> float:
    """Per company, the fewest partners that teach every position it must send apprentices to
    (its gap weeks there exceed the uncovered weeks any such plan may leave)."""
    fee = instance.costs.partner_fixed_eur
    if not fee:
        return 0.0
    home = {a.id: a.company for a in instance.apprentices}
    need = defaultdict(lambda: defaultdict(int))
    for (apprentice_id, position, _), gap in gaps(instance).items():
        need[home[apprentice_id]][position] += gap
    teaches = defaultdict(set)
    for station in instance.stations:
        teaches[station.partner].add(station.position)
    partners = 0
    for positions in need.values():
        required = {p for p, weeks in positions.items() if weeks > uncovered_weeks}
        partners += _fewest_partners(required, teaches)
    return partners * fee


def _fewest_partners(required: set[str], teaches: dict[str, set[str]]) -> int:
    offered = {p for taught in teaches.values() for p in taught}
    required = required & offered
    if not required:
        return 0
    useful = [partner for partner, taught in teaches.items() if taught & required]
    if all(len(teaches[p] & required) == 1 for p in useful):
        return len(required)
    model = cp_model.CpModel()
    pick = {p: model.NewBoolVar(p) for p in useful}
    for position in required:
        model.AddBoolOr([pick[p] for p in useful if position in teaches[p]])
    model.Minimize(sum(pick.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 2.0
    solver.parameters.num_workers = 1
    solver.Solve(model)
    return int(solver.BestObjectiveBound())
