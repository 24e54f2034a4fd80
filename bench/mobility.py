"""Placement matching at programme scale: ``python -m bench.mobility``.

2,000 participants x 800 placements (generated: apprentices of Lower Saxony and
Saxony-Anhalt, placements in France, Spain, Ireland and Italy), the greedy baseline and
the CP-SAT matcher in the same process, both plans checked by the independent checker.
Prints one table, never asserts: times depend on the machine and its load.
Measured results are in docs/mobility.md.
"""

from __future__ import annotations

import argparse
import time

from verbund.mobility.solver import checker, cpsat, greedy
from verbund.mobility.solver.generate import generate

COLUMNS = (
    ("method", 7),
    ("seconds", 8),
    ("placed", 7),
    ("bound", 6),
    ("gap", 6),
    ("fewer_opp", 9),
    ("rank_sum", 9),
    ("mean_rank", 9),
    ("grant_EUR", 10),
    ("status", 9),
    ("violations", 10),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--placements", type=int, default=800)
    parser.add_argument("--time-limit", type=float, default=28.0, help="matcher seconds")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.monotonic()
    instance = generate(args.participants, args.placements, seed=args.seed)
    print(
        f"# {args.participants} participants x {args.placements} placements, seed {args.seed}, "
        f"generated in {time.monotonic() - started:.1f} s"
    )
    print(" ".join(f"{title:>{width}}" for title, width in COLUMNS))
    started = time.monotonic()
    baseline = greedy.greedy(instance)
    greedy_seconds = time.monotonic() - started
    started = time.monotonic()
    plan = cpsat.match(instance, time_limit=args.time_limit, seed=args.seed)
    solver_seconds = time.monotonic() - started
    bound = plan.bound["placed"]  # the matcher's proven bound holds for both plans
    _row("greedy", greedy_seconds, baseline, bound, instance)
    _row("cp-sat", solver_seconds, plan, bound, instance)


def _row(method, seconds, plan, bound, instance) -> None:
    objective = plan.objective
    placed = objective["placed"]
    fewer = {p.id for p in instance.participants if p.fewer_opportunities}
    cells = (
        method,
        f"{seconds:.1f}",
        placed,
        bound,
        f"{100 * (bound - placed) / bound:.1f}%" if bound else "-",
        sum(1 for stay in plan.stays if stay.participant in fewer),
        objective["preference_rank_sum"],
        f"{objective['preference_rank_sum'] / placed:.2f}" if placed else "-",
        objective["grant_total"],
        plan.solver.get("status", "-"),
        len(checker.check(instance, plan)),
    )
    print(" ".join(f"{cell!s:>{width}}" for cell, (_, width) in zip(cells, COLUMNS, strict=True)))


if __name__ == "__main__":
    main()
