"""Verbundausbildung at regional scale: ``python -m bench.apprenticeship [--time-limit S]``.

1. Rotation plan of a Verbund: 60 companies, 150 Mechatroniker apprentices, 80 stations over
   3.5 years (182 weeks), CP-SAT (started from the greedy plan) beside the greedy baseline
   alone, both checked by the independent checker.
2. Partner search for one company among 2,000 companies of a chamber district offering
   stations, CP-SAT set search beside a greedy baseline (cheapest station per gap).

Prints tables with wall and CPU seconds and the load average, never asserts: times depend
on the machine and its load. Results are in docs/apprenticeship.md.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from verbund.apprenticeship.solver import bounds, checker, cpsat, generate, greedy, partners
from verbund.apprenticeship.solver.model import Location
from verbund.apprenticeship.solver.rules import haversine_km


def _row(values, widths):
    return " ".join(f"{v:>{w}}" for v, w in zip(values, widths, strict=True))


def rotation(time_limit: float, seed: int) -> None:
    print(f"load average before: {_load()}")
    raw = generate.generate(60, 150, stations=80, seed=seed, complete=False)
    instance, planted = generate.plant(raw, random.Random(seed + 1))
    planted_uncovered = sum(u.weeks for u in planted.uncovered)
    print("Rotation plan: 60 companies, 150 apprentices, 80 stations, 182 weeks")
    print(
        f"  complete plan exists: {'yes' if planted_uncovered == 0 else 'no'} "
        f"(planted plan: {planted_uncovered} uncovered weeks, "
        f"{len(checker.check(instance, planted))} violations; "
        f"{sum(s.capacity != r.capacity for s, r in zip(instance.stations, raw.stations, strict=True))}"
        " stations got one place more for it)"
    )
    widths = (8, 7, 7, 9, 6, 12, 12, 7, 6, 12, 10)
    header = (
        "method",
        "wall_s",
        "cpu_s",
        "uncovered",
        "bound",
        "cost_eur",
        "cost_bound",
        "gap",
        "stays",
        "status",
        "violations",
    )
    print(_row(header, widths))
    lower = bounds.uncovered_bound(instance)
    rows = []
    for name, solve in (
        ("greedy", lambda: greedy.solve(instance)),
        ("regret", lambda: greedy.solve(instance, regret=True)),
        ("cp-sat", lambda: cpsat.plan_rotation(instance, time_limit=time_limit, seed=seed)),
    ):
        started, cpu = time.monotonic(), time.process_time()
        result = solve()
        rows.append((name, result, time.monotonic() - started, time.process_time() - cpu))
    for name, result, took, cpu in rows:
        uncovered = sum(u.weeks for u in result.uncovered)
        cost_bound = result.bound.get("cost")
        if cost_bound is None:
            cost_bound = bounds.cost_bound(instance, uncovered)
        total = result.cost["total"]
        print(
            _row(
                (
                    name,
                    f"{took:.1f}",
                    f"{cpu:.1f}",
                    uncovered,
                    result.bound.get("uncovered_weeks", lower),
                    f"{total:,.0f}",
                    f"{cost_bound:,.0f}",
                    f"{(total - cost_bound) / total:.1%}" if total else "-",
                    len(result.stays),
                    result.solver.get("status", ""),
                    len(checker.check(instance, result)),
                ),
                widths,
            )
        )
    base, plan = rows[0][1], rows[-1][1]
    best = bounds.cost_bound(instance, 0)
    if base.cost["total"]:
        print(
            f"cp-sat vs greedy: {1 - plan.cost['total'] / base.cost['total']:.1%} cheaper; "
            f"no complete plan can be more than {1 - best / base.cost['total']:.1%} cheaper "
            f"(cost bound {best:,.0f})"
        )
    unplanted = greedy.solve(raw)
    print(
        f"Same draw without the planted places: greedy leaves "
        f"{sum(u.weeks for u in unplanted.uncovered)} weeks uncovered, "
        f"{bounds.uncovered_bound(raw)} of them provably (capacity bound)"
    )
    print(f"load average after: {_load()}")


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


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
    widths = (8, 8, 7, 9, 12, 9, 8)
    print()
    print(
        f"Partner search: 1 company, {len(gaps)} gaps, 2,000 companies with {len(offers)} stations"
    )
    print(_row(("method", "wall_s", "cpu_s", "partners", "cost_eur", "max_km", "sets"), widths))
    started, cpu = time.monotonic(), time.process_time()
    search = partners.find(home, gaps, offers, results=5)
    took, took_cpu = time.monotonic() - started, time.process_time() - cpu
    best = search.sets[0]
    started, cpu = time.monotonic(), time.process_time()
    greedy_cost, greedy_partners, greedy_km = _greedy_partners(home, gaps, offers)
    greedy_took, greedy_cpu = time.monotonic() - started, time.process_time() - cpu
    print(
        _row(
            (
                "greedy",
                f"{greedy_took:.2f}",
                f"{greedy_cpu:.2f}",
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
                f"{took_cpu:.2f}",
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
        "--time-limit", type=float, default=100.0, help="CP-SAT seconds for the rotation"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=("rotation", "partners"))
    args = parser.parse_args()
    if args.only != "partners":
        rotation(args.time_limit, args.seed)
    if args.only != "rotation":
        partner_search(args.seed)
        print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
