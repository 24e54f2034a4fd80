"""Lower bounds of the soft goals: how good a full plan could be on each goal alone.

The benchmark prints them beside the plans so that "within x % of the best" has a fixed
point that no solver run can move:

- travel and load are network flows when continuity is ignored, so the cheapest maximum
  flow with only that goal's cost is the exact minimum over all plans that fill the most
  seats;
- continuity: each (board, group) needs at least as many people as it takes for the
  examiners who could cover most of its sittings to cover all of them; beyond the widest
  sitting every further person is a board change.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from .eligibility import Problem, build_problem, to_assignments
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
