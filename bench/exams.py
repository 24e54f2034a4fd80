"""Examiner assignment at chamber scale: ``python -m bench.exams [--sizes small|all]``.

Generates planted instances (a complete plan is known to exist), runs the greedy baseline
and the solver in the same process, checks both plans with the independent checker and
prints one table. Prints, never asserts: times depend on the machine and its load.

Measured (2 cores shared with other jobs, seed 1, default time limits 55 s / 540 s):

         size  method  seconds unfilled bound   gap board_chg load_spr travel_km  status
    2000/1500  greedy      0.4        0     -     -      1584      534    187871
    2000/1500  solver     53.5        0     0  0.0%      1371     1091    264984  FEASIBLE
    9000/6000  greedy      6.7        0     -     -      6898     2212    376481
    9000/6000  solver    524.6        0     0  0.0%      5051     5636   1071988  FEASIBLE

Goals rank lexicographically (fill, continuity, load, travel), so the solver beats greedy
on the first goal where they differ (board changes); load and travel pay for it.
"""

from __future__ import annotations

import argparse
import time

from verbund.exams.solver import checker, cpsat, greedy
from verbund.exams.solver.generate import generate

SIZES = {
    # name: (examiners, sittings, default time limit in s)
    "mid-size IHK": (2000, 1500, 55.0),
    "large IHK": (9000, 6000, 540.0),
}
COLUMNS = (
    ("size", 18),
    ("method", 7),
    ("seconds", 8),
    ("unfilled", 8),
    ("bound", 5),
    ("gap", 6),
    ("board_chg", 9),
    ("load_spr", 8),
    ("travel_km", 10),
    ("status", 9),
    ("violations", 10),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", choices=("small", "all"), default="small")
    parser.add_argument("--time-limit", type=float, help="solver seconds (default per size)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    names = list(SIZES) if args.sizes == "all" else list(SIZES)[:1]

    print(" ".join(f"{title:>{width}}" for title, width in COLUMNS))
    for name in names:
        examiners, sittings, default_limit = SIZES[name]
        started = time.monotonic()
        instance = generate(examiners, sittings, planted=True, seed=args.seed)
        seats = sum(s.seats.total for s in instance.sittings)
        label = f"{examiners}/{sittings}"
        print(f"# {name} {label}: {seats} seats, generated in {time.monotonic() - started:.1f} s")

        started = time.monotonic()
        baseline = greedy.greedy(instance)
        _row(label, "greedy", time.monotonic() - started, baseline, seats, instance)

        started = time.monotonic()
        plan = cpsat.solve(instance, time_limit=args.time_limit or default_limit, seed=args.seed)
        _row(label, "solver", time.monotonic() - started, plan, seats, instance)


def _row(label, method, seconds, plan, seats, instance) -> None:
    objective = plan.objective
    bound = plan.bound.get("unfilled")
    gap = "-" if bound is None else f"{100 * (objective['unfilled'] - bound) / seats:.1f}%"
    cells = (
        label,
        method,
        f"{seconds:.1f}",
        objective["unfilled"],
        "-" if bound is None else bound,
        gap,
        objective["board_changes"],
        objective["load_spread"],
        f"{objective['travel_km']:.0f}",
        plan.solver.get("status", "-"),
        len(checker.check(instance, plan)),
    )
    print(" ".join(f"{cell!s:>{width}}" for cell, (_, width) in zip(cells, COLUMNS, strict=True)))


if __name__ == "__main__":
    main()
