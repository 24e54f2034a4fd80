"""Lower bounds of the soft goals: how good a full plan could be on each goal alone.

The benchmark prints them beside the plans so that "within x % of the best" has a fixed
point that no solver run can move:

- travel and load are network flows when continuity is ignored, so the cheapest maximum
  flow with only that goal's cost is the exact minimum over all plans that fill the most
  seats;
- the travel/load trade-off (``travel_load_frontier``): exact flow optima of travel +
  weight x load; ``least_travel_km`` and ``least_load_spread`` turn them into bounds on
  one goal when the other is held to a value (weak duality), e.g. how far a plan with no
  sitting above fair share must travel at least;
- continuity: each (board, group) needs at least as many people as it takes for the
  examiners who could cover most of its sittings to cover all of them; beyond the widest
  sitting every further person is a board change.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .eligibility import TRAVEL_UNITS_PER_KM, Problem, build_problem, to_assignments
from .flow import fill
from .goals import FlowCosts
from .model import Instance
from .objective import evaluate


def goal_bounds(instance: Instance, forbidden: Iterable[tuple[str, str]] = ()) -> dict[str, float]:
    problem = build_problem(instance, forbidden)
    travel_only, _ = fill(problem, {}, costs=FlowCosts(0, 0, 1))
    load_only, _ = fill(problem, {}, costs=FlowCosts(0, 1, 0))
    return {
        "travel_km": evaluate(instance, to_assignments(problem, travel_only))["travel_km"],
        "load_spread": evaluate(instance, to_assignments(problem, load_only))["load_spread"],
        "board_changes": continuity_bound(problem),
    }


def continuity_bound(problem: Problem) -> int:
    seats: Counter[tuple[str, str]] = Counter()
    widest: Counter[tuple[str, str]] = Counter()
    # per (board, group): examiner -> distinct days they could sit on the board
    days: dict[tuple[str, str], dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for slot, n in problem.seats.items():
        key = (problem.board(slot), slot[1])
        seats[key] += n
        widest[key] = max(widest[key], n)
        for ei in problem.candidates[slot]:
            days[key][ei].add(problem.date(slot))
    bound = 0
    for key, needed in seats.items():
        reach = sorted(
            (min(len(d), problem.examiners[ei].max_sittings) for ei, d in days[key].items()),
            reverse=True,
        )
        people, covered = 0, 0
        for n in reach:
            if covered >= needed:
                break
            covered += n
            people += 1
        bound += max(0, people - widest[key])
    return bound


# --------------------------------------------------------------------------- trade-off

# Weights of one sitting above fair share, in travel units (100 m one way), at which the
# travel/load trade-off is sampled; the last one makes load strictly first.
FRONTIER_WEIGHTS = (0, 100, 200, 300, 500, 1000, 3000)


@dataclass(frozen=True)
class FrontierPoint:
    """The cheapest full plan for ``travel + weight * load`` (continuity ignored)."""

    weight: int
    cost: int  # travel units + weight * load spread, the exact flow optimum
    assignments: int
    travel_km: float
    load_spread: int


def travel_load_frontier(
    instance: Instance, forbidden: Iterable[tuple[str, str]] = (), weights=FRONTIER_WEIGHTS
) -> list[FrontierPoint]:
    """Exact points of the travel/load trade-off of all plans that fill the most seats.

    Each weight's min-cost flow is the exact minimum of travel + weight x load over every
    plan filling the most seats (the flow of ``fill`` is a faithful model of both goals
    when continuity is ignored), so any plan — however good on continuity — lies on or
    above each of these lines. Plus one point with load strictly first (load-first weight
    above any possible travel).
    """
    problem = build_problem(instance, forbidden)
    strict = 1 + sum(
        n * max((problem.travel[ei, slot[0]] for ei in problem.candidates[slot]), default=0)
        for slot, n in problem.seats.items()
    )
    points = []
    for weight in (*weights, strict):
        staffing, _ = fill(problem, {}, costs=FlowCosts(0, weight, 1))
        objective = evaluate(instance, to_assignments(problem, staffing))
        units = sum(problem.travel[ei, slot[0]] for slot, ps in staffing.items() for ei in ps)
        count = sum(len(ps) for ps in staffing.values())
        load = objective["load_spread"]
        points.append(
            FrontierPoint(weight, units + weight * load, count, objective["travel_km"], load)
        )
    return points


def _km_from_units(units: float, assignments: int) -> float:
    # each pair's travel is rounded to 100 m, so the km total is at least this
    return max(0.0, (units - 0.5 * assignments) / TRAVEL_UNITS_PER_KM)


def least_travel_km(points: list[FrontierPoint], load_spread: float) -> float:
    """No plan with at most ``load_spread`` sittings above fair share travels less (km)."""
    return max(_km_from_units(p.cost - p.weight * load_spread, p.assignments) for p in points)


def least_load_spread(points: list[FrontierPoint], travel_km: float) -> float:
    """No plan travelling at most ``travel_km`` has fewer sittings above fair share."""
    best = 0.0
    for p in points:
        if p.weight > 0:
            units = travel_km * TRAVEL_UNITS_PER_KM + 0.5 * p.assignments
            best = max(best, (p.cost - units) / p.weight)
    return math.ceil(best - 1e-9)
