"""Partner finder: the best sets of partners that cover a company's gaps (pure, CP-SAT).

Each gap (position, year, weeks) goes to exactly one station teaching the position; a set
costs the stations' weeks, the commute and a fixed amount per partner (contracts and
coordination), so fewer partners win when prices are close. The next-best sets come from
forbidding every set found so far (a no-good cut on the chosen partners).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .model import Location
from .rules import haversine_km

CHEAPEST_PER_GAP = 12


@dataclass(frozen=True)
class Offer:
    station: str
    partner: str
    position: str
    location: Location
    cost_per_week: float
    max_weeks: int = 52
    capacity: int = 1


@dataclass(frozen=True)
class Gap:
    position: str
    year: int
    weeks: int


@dataclass
class Assignment:
    gap: Gap
    station: str
    partner: str
    km: float
    cost: float


@dataclass
class PartnerSet:
    partners: list[str]
    assignments: list[Assignment]
    training_cost: float
    travel_cost: float
    partner_cost: float
    max_km: float
    uncovered: list[Gap] = field(default_factory=list)

    @property
    def total(self) -> float:
        return round(self.training_cost + self.travel_cost + self.partner_cost, 2)


@dataclass
class Search:
    sets: list[PartnerSet]
    uncoverable: list[Gap]  # no offer teaches the position within reach
    seconds: float
    candidates: int


def find(
    home: Location,
    gaps: list[Gap],
    offers: list[Offer],
    *,
    partner_fixed_eur: float = 300.0,
    travel_eur_per_km: float = 0.30,
    commute_days_per_week: int = 5,
    max_km: float = 80.0,
    results: int = 5,
    time_limit: float = 5.0,
) -> Search:
    started = time.monotonic()
    distance = {o.station: haversine_km(home, o.location) for o in offers}
    usable = [o for o in offers if distance[o.station] <= max_km]
    by_position: dict[str, list[Offer]] = {}
    for offer in usable:
        by_position.setdefault(offer.position, []).append(offer)
    coverable = [g for g in gaps if g.weeks > 0 and by_position.get(g.position)]
    uncoverable = [g for g in gaps if g.weeks > 0 and not by_position.get(g.position)]
    if not coverable:
        return Search([], uncoverable, round(time.monotonic() - started, 3), 0)

    def week_cost(offer: Offer) -> float:
        return (
            offer.cost_per_week
            + commute_days_per_week * 2 * distance[offer.station] * travel_eur_per_km
        )

    # Keep the model small. An offer whose price for a gap exceeds the cheapest offer's by
    # more than the partner fee never serves that gap in the best set (moving the gap to the
    # cheapest offer costs at most one more fee); the next sets are ranked among the same
    # offers. Of those, per gap the cheapest, plus every offer of a partner that could take
    # several of the gaps (bundling saves its fee).
    positions_of: dict[str, set[str]] = {}
    for offer in usable:
        positions_of.setdefault(offer.partner, set()).add(offer.position)
    wanted = {g.position for g in coverable}
    options_of: dict[int, list[Offer]] = {}
    for index, gap in enumerate(coverable):
        found = sorted(by_position[gap.position], key=week_cost)
        limit = gap.weeks * week_cost(found[0]) + partner_fixed_eur
        found = [o for o in found if gap.weeks * week_cost(o) <= limit]
        bundlers = [
            o for o in found[CHEAPEST_PER_GAP:] if len(positions_of[o.partner] & wanted) > 1
        ]
        options_of[index] = found[:CHEAPEST_PER_GAP] + bundlers

    model = cp_model.CpModel()
    choose = {}
    partners = sorted({o.partner for found in options_of.values() for o in found})
    use = {p: model.NewBoolVar(f"use_{p}") for p in partners}
    objective = []
    for index, gap in enumerate(coverable):
        options = []
        for offer in options_of[index]:
            var = model.NewBoolVar(f"x_{index}_{offer.station}")
            choose[(index, offer.station)] = (var, offer)
            model.AddImplication(var, use[offer.partner])
            objective.append(round(100 * gap.weeks * week_cost(offer)) * var)
            options.append(var)
        model.AddExactlyOne(options)
    objective.extend(round(100 * partner_fixed_eur) * use[p] for p in partners)
    model.Minimize(sum(objective))

    sets: list[PartnerSet] = []
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # small models; one worker keeps answers reproducible
    for _ in range(results):
        remaining = time_limit - (time.monotonic() - started)
        if remaining <= 0:
            break
        solver.parameters.max_time_in_seconds = remaining
        status = solver.Solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break
        chosen = [p for p in partners if solver.Value(use[p])]
        assignments = []
        training = travel = 0.0
        for (index, _station), (var, offer) in choose.items():
            if solver.Value(var):
                gap = coverable[index]
                km = round(distance[offer.station], 1)
                train = gap.weeks * offer.cost_per_week
                commute = gap.weeks * (week_cost(offer) - offer.cost_per_week)
                training += train
                travel += commute
                assignments.append(
                    Assignment(gap, offer.station, offer.partner, km, round(train + commute, 2))
                )
        assignments.sort(key=lambda a: (a.gap.year, a.gap.position))
        sets.append(
            PartnerSet(
                partners=chosen,
                assignments=assignments,
                training_cost=round(training, 2),
                travel_cost=round(travel, 2),
                partner_cost=round(partner_fixed_eur * len(chosen), 2),
                max_km=max((a.km for a in assignments), default=0.0),
                uncovered=list(uncoverable),
            )
        )
        # the next answer must differ: not all of these partners together again
        model.Add(sum(use[p] for p in chosen) <= len(chosen) - 1)
    return Search(sets, uncoverable, round(time.monotonic() - started, 3), len(choose))
