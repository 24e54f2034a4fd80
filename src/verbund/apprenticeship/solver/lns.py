"""Rotation plans at regional scale: the greedy plan improved part by part with CP-SAT.

The whole candidate-stay model of 150 apprentices has about a million Booleans, too many to
search in two minutes. Large-neighbourhood search keeps most of the plan and re-solves a
part exactly: the training years of a few apprentices, chosen so that a better plan can
appear there — the apprentices competing for a position whose gap is still uncovered, the
apprentices of one company (partner fees are per company), the apprentices of one year
who need the same station. A part is accepted when it is no worse (its old stays are the
hint, so CP-SAT starts from them); the part size grows while parts solve to optimality and
shrinks when they time out. Small instances are solved as one model instead.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict

from . import bounds, cpsat, greedy
from .model import Instance, Plan, Stay

PART_SECONDS = 3.0
FIRST_PART_KEYS = 24
MAX_PART_KEYS = 120
MIN_PART_KEYS = 8


def plan_rotation(
    instance: Instance,
    locked: list[Stay] | None = None,
    time_limit: float = 60.0,
    seed: int = 0,
    progress=None,
) -> Plan:
    started = time.monotonic()
    report = progress or (lambda fraction, message: None)
    locked = list(locked or [])
    ctx = cpsat.Context(instance)
    gaps_open = cpsat.open_gaps(ctx, locked)
    # the best of the baseline, the regret order and the regret order guided by the cheapest
    # relaxed plan (see greedy.solve) is the start
    guide = bounds.flow_weeks(instance)
    start = min(
        (
            greedy.solve(instance, locked=locked),
            greedy.solve(instance, locked, regret=True),
            greedy.solve(instance, locked, regret=True, guide=guide),
        ),
        key=lambda plan: (sum(u.weeks for u in plan.uncovered), plan.cost["total"]),
    )
    current = [s for s in start.stays if not s.locked and s not in locked]
    lower = bounds.uncovered_bound(instance)
    report(0.05, f"Startplan: {sum(u.weeks for u in start.uncovered)} offene Wochen")
    deadline = started + time_limit - _reserve(time.monotonic() - started)
    if cpsat.count_candidates(ctx, locked, gaps_open) <= cpsat.WHOLE_MODEL_CANDIDATES:
        part = cpsat.solve_part(
            ctx,
            locked,
            gaps_open,
            current,
            max(0.1, deadline - time.monotonic()),
            seed,
            _scaled(report, started, time_limit),
        )
        stays, missing, status = part.stays, part.missing, part.status
        cp_bound = cpsat._bound(part.bound)
        # the objective counts a cent per stay; there are at most as many stays as week variables
        cp_bound["cost"] = max(0.0, cp_bound["cost"] - cpsat.STAY_CENTS * part.candidates / 100)
    else:
        stays, missing, rounds = _search(
            ctx, locked, gaps_open, current, deadline, seed, report, started, time_limit
        )
        status, cp_bound = ("FEASIBLE" if rounds else "GREEDY"), {}
    stays = sorted(locked + stays, key=lambda s: (s.apprentice, s.start_week))
    uncovered = cpsat.uncovered_list(ctx, missing)
    plan = Plan(stays=stays, uncovered=uncovered, cost=cpsat.plan_cost(instance, stays))
    left = sum(u.weeks for u in uncovered)
    lower = max(lower, cp_bound.get("uncovered_weeks", 0))
    # least cost of any plan leaving at most as many weeks uncovered as this one
    cost_bound = bounds.cost_bound(instance, left)
    if cp_bound.get("uncovered_weeks") == left:
        cost_bound = max(cost_bound, cp_bound["cost"])
    plan.bound = {"uncovered_weeks": lower, "cost": round(cost_bound, 2)}
    plan.solver = {"status": status, "seconds": round(time.monotonic() - started, 2)}
    report(1.0, "fertig")
    return plan


def _reserve(greedy_seconds: float) -> float:
    """Time kept for the cost bound at the end (a min-cost flow, fast beside the greedy plan)."""
    return min(5.0, 0.2 + 3 * greedy_seconds)


def _scaled(report, started, time_limit):
    def scaled(fraction, message):
        elapsed = time.monotonic() - started
        report(min(0.95, 0.1 + 0.85 * elapsed / max(time_limit, 0.1)), "CP-SAT sucht")

    return scaled


def _search(ctx, locked, gaps_open, current, deadline, seed, report, started, time_limit):
    rng = random.Random(seed)
    by_unit = defaultdict(list)  # (apprentice, year) -> open gap keys
    by_position_year = defaultdict(list)
    by_company = defaultdict(list)
    for key in gaps_open:
        by_unit[(key[0], key[2])].append(key)
        by_position_year[(key[1], key[2])].append(key)
        by_company[ctx.home[key[0]]].append(key)
    groups = {"unit": by_unit, "position": by_position_year, "company": by_company}
    stays = list(current)
    covered = defaultdict(int)
    for stay in stays:
        covered[(stay.apprentice, stay.position, stay.year)] += stay.weeks
    missing = {k: max(0, g - covered[k]) for k, g in gaps_open.items()}
    size, rounds = FIRST_PART_KEYS, 0
    kinds = ("position", "uncovered", "position", "company", "position", "unit")
    while time.monotonic() + 0.5 < deadline and gaps_open:
        kind = kinds[rounds % len(kinds)]
        if kind == "uncovered" and not any(missing.values()):
            kind = "position"
        keys = _neighbourhood(kind, size, rng, groups, missing)
        inside = [s for s in stays if (s.apprentice, s.position, s.year) in keys]
        outside = [s for s in stays if (s.apprentice, s.position, s.year) not in keys]
        part = cpsat.solve_part(
            ctx,
            locked + outside,
            {k: gaps_open[k] for k in keys},
            inside,
            min(PART_SECONDS, deadline - time.monotonic()),
            seed + rounds,
        )
        rounds += 1
        stays = outside + part.stays
        missing.update(part.missing)
        if part.status == "OPTIMAL" and part.seconds < PART_SECONDS / 2:
            size = min(MAX_PART_KEYS, size + 4)
        elif part.status != "OPTIMAL":
            size = max(MIN_PART_KEYS, size - 4)
        elapsed = time.monotonic() - started
        report(
            min(0.95, 0.1 + 0.85 * elapsed / max(time_limit, 0.1)),
            f"Runde {rounds}: {sum(missing.values())} offene Wochen",
        )
    return stays, missing, rounds


def _neighbourhood(kind, size, rng, groups, missing) -> set:
    """Open gap keys re-planned together: those of one position and year (they compete for
    the same stations), of one company (its partner fees), of a few apprentices' years (their
    own weeks), or around a gap still uncovered."""
    if kind == "uncovered":
        anchor = rng.choice([k for k, w in missing.items() if w > 0])
        chosen = [anchor]
        pool = list(groups["position"][(anchor[1], anchor[2])])
    else:
        group = groups[kind]
        pool = []
        for name in rng.sample(sorted(group), len(group)):  # random groups up to the size
            pool.extend(group[name])
            if len(pool) >= size:
                break
        chosen = []
    rng.shuffle(pool)
    for key in pool:
        if len(chosen) >= size:
            break
        if key not in chosen:
            chosen.append(key)
    return set(chosen)
