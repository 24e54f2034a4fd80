"""Verbundausbildung at regional scale: ``python -m bench.apprenticeship [--time-limit S]``.

1. Rotation plan of a Verbund: 60 companies, 150 Mechatroniker apprentices, 80 stations over
   3.5 years (182 weeks), CP-SAT (started from the greedy plan) beside the greedy baseline
   alone, both checked by the independent checker.
2. Partner search for one company among 2,000 companies of a chamber district offering
   stations, CP-SAT set search beside a greedy baseline (cheapest station per gap).

Prints tables, never asserts: times depend on the machine and its load. Results (and
why CP-SAT does not yet beat greedy at this scale) are in docs/apprenticeship.md.
"""

from __future__ import annotations

import argparse
import random
import time

from verbund.apprenticeship.solver import checker, cpsat, generate, greedy, partners
from verbund.apprenticeship.solver.model import Location
from verbund.apprenticeship.solver.rules import haversine_km


def _row(values, widths):
    return " ".join(f"{v:>{w}}" for v, w in zip(values, widths, strict=True))


def rotation(time_limit: float, seed: int) -> None:
    instance = generate.generate(60, 150, stations=80, seed=seed)
    widths = (8, 8, 9, 6, 12, 12, 8, 7, 15, 10)
    print("Rotation plan: 60 companies, 150 apprentices, 80 stations, 182 weeks")
    print(
        _row(
            (
                "method",
                "seconds",
                "uncovered",
                "bound",
                "cost_eur",
                "cost_bound",
                "gap",
                "stays",
                "status",
                "violations",
            ),
            widths,
        )
    )
    started = time.monotonic()
    base = greedy.solve(instance)
    base_seconds = time.monotonic() - started
    started = time.monotonic()
    plan = cpsat.plan_rotation(instance, time_limit=time_limit, seed=seed)
    seconds = time.monotonic() - started
    for name, result, took in (("greedy", base, base_seconds), ("cp-sat", plan, seconds)):
        uncovered = sum(u.weeks for u in result.uncovered)
        bound = result.bound.get("uncovered_weeks", "-")
        cost_bound = result.bound.get("cost")
        gap = (
            f"{(result.cost['total'] - cost_bound) / result.cost['total']:.1%}"
            if cost_bound and bound == uncovered
            else "-"
        )
        print(
            _row(
                (
                    name,
                    f"{took:.1f}",
                    uncovered,
                    bound,
                    f"{result.cost['total']:,.0f}",
                    f"{cost_bound:,.0f}" if cost_bound else "-",
                    gap,
                    len(result.stays),
                    result.solver.get("status", ""),
                    len(checker.check(instance, result)),
                ),
                widths,
            )
        )
    if base.cost["total"]:
        print(f"cp-sat cost vs greedy: {1 - plan.cost['total'] / base.cost['total']:.1%} cheaper")


def partner_search(seed: int) -> None:
    rng = random.Random(seed)
    occupation = generate.mechatroniker()
    offers = []
    for company in range(1, 2001):
        _, lat, lon = rng.choice(generate.TOWNS)
        where = Location(lat + rng.uniform(-0.25, 0.25), lon + rng.uniform(-0.35, 0.35))
        for position in rng.sample(occupation.positions, rng.randint(0, 3)):
            offers.append(
                partners.Offer(
                    station=f"S{len(offers) + 1}",
                    partner=f"C{company}",
                    position=position.id,
                    location=where,
                    cost_per_week=float(rng.randrange(80, 400, 10)),
                )
            )
    home = Location(51.30, 7.36)  # Ennepetal
    gaps = [
        partners.Gap(p.id, year, weeks)
        for p in rng.sample(occupation.positions, 5)
        for year, weeks in p.weeks.items()
    ]
    widths = (8, 8, 9, 12, 9, 8)
    print()
    print(
        f"Partner search: 1 company, {len(gaps)} gaps, 2,000 companies with {len(offers)} stations"
    )
    print(_row(("method", "seconds", "partners", "cost_eur", "max_km", "sets"), widths))
    started = time.monotonic()
    search = partners.find(home, gaps, offers, results=5)
    took = time.monotonic() - started
    best = search.sets[0]
    started = time.monotonic()
    greedy_cost, greedy_partners, greedy_km = _greedy_partners(home, gaps, offers)
    greedy_took = time.monotonic() - started
    print(
        _row(
            (
                "greedy",
                f"{greedy_took:.2f}",
                len(greedy_partners),
                f"{greedy_cost:,.0f}",
                f"{greedy_km:.0f}",
                1,
            ),
            widths,
        )
    )
    print(
        _row(
            (
                "cp-sat",
                f"{took:.2f}",
                len(best.partners),
                f"{best.total:,.0f}",
                f"{best.max_km:.0f}",
                len(search.sets),
            ),
            widths,
        )
    )


def _greedy_partners(home, gaps, offers, fixed=300.0, per_km=0.30, days=5, max_km=80.0):
    """Cheapest station per gap on its own; the partner costs are counted afterwards."""
    chosen, cost, far = set(), 0.0, 0.0
    for gap in gaps:
        best = None
        for offer in offers:
            if offer.position != gap.position:
                continue
            km = haversine_km(home, offer.location)
            if km > max_km:
                continue
            price = gap.weeks * (offer.cost_per_week + days * 2 * km * per_km)
            if best is None or price < best[0]:
                best = (price, offer.partner, km)
        if best:
            cost += best[0]
            chosen.add(best[1])
            far = max(far, best[2])
    return cost + fixed * len(chosen), chosen, far


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--time-limit", type=float, default=110.0, help="CP-SAT seconds for the rotation"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=("rotation", "partners"))
    args = parser.parse_args()
    if args.only != "partners":
        rotation(args.time_limit, args.seed)
    if args.only != "rotation":
        partner_search(args.seed)


if __name__ == "__main__":
    main()
