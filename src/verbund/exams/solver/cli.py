"""The ``exams`` batch commands, free of Django so they also run from tests and scripts.

``verbund exams solve|check|generate`` (management command exams.py) only parses the
arguments with ``add_arguments`` and hands them to ``dispatch``.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from . import checker, cpsat, generate, model
from .eligibility import LockError
from .goals import DEFAULT_MODE, MODES, Goals, Weights


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    solve = actions.add_parser("solve", help="plan examiners for an instance")
    solve.add_argument("instance", help="instance JSON (see docs: exams batch interface)")
    solve.add_argument("--out", required=True, help="where to write the plan JSON")
    solve.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    solve.add_argument("--seed", type=int, default=0)
    solve.add_argument(
        "--goal",
        choices=MODES,
        default=DEFAULT_MODE,
        help="balanced (default): least euro sum of the weights below, no goal worse than "
        "the greedy plan's; or one goal first",
    )
    defaults = Weights()
    solve.add_argument(
        "--euro-per-km",
        type=float,
        default=defaults.euro_per_km,
        help=f"travel rate, paid both ways (default {defaults.euro_per_km})",
    )
    solve.add_argument(
        "--euro-per-board-change",
        type=float,
        default=defaults.euro_per_board_change,
        help=f"one extra examiner on a board (default {defaults.euro_per_board_change})",
    )
    solve.add_argument(
        "--euro-per-sitting-above-fair",
        type=float,
        default=defaults.euro_per_sitting_above_fair,
        help="one sitting above an examiner's fair share "
        f"(default {defaults.euro_per_sitting_above_fair})",
    )
    check = actions.add_parser("check", help="check a plan against the hard rules")
    check.add_argument("instance")
    check.add_argument("plan")
    gen = actions.add_parser("generate", help="write a realistic random instance")
    gen.add_argument("--examiners", type=int, required=True)
    gen.add_argument("--sittings", type=int, required=True)
    gen.add_argument("--planted", action="store_true", help="guarantee a complete plan exists")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--out", required=True)


def dispatch(options: dict, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    action = options["action"]
    if action == "solve":
        try:
            goals = _goals(options)
        except ValueError as error:
            _errors(stderr, error)
            return 2
        return solve_main(
            options["instance"],
            options["out"],
            options["time_limit"],
            options["seed"],
            stdout,
            stderr,
            goals=goals,
        )
    if action == "check":
        return check_main(options["instance"], options["plan"], stdout, stderr)
    return generate_main(
        options["examiners"],
        options["sittings"],
        options["out"],
        options["planted"],
        options["seed"],
        stdout,
        stderr,
    )


def _goals(options: dict) -> Goals:
    defaults = Weights()
    weights = Weights(
        euro_per_km=options.get("euro_per_km", defaults.euro_per_km),
        euro_per_board_change=options.get("euro_per_board_change", defaults.euro_per_board_change),
        euro_per_sitting_above_fair=options.get(
            "euro_per_sitting_above_fair", defaults.euro_per_sitting_above_fair
        ),
    )
    return Goals(options.get("goal") or DEFAULT_MODE, weights)


def solve_main(
    instance_path: str,
    out: str,
    time_limit: float = 60.0,
    seed: int = 0,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
    goals: Goals | None = None,
) -> int:
    try:
        instance = model.load_instance(instance_path)
    except (OSError, model.InstanceError) as error:
        _errors(stderr, error)
        return 2
    try:
        goals = goals or Goals()
        plan = cpsat.solve(
            instance, time_limit=time_limit, seed=seed, progress=_Progress(stderr), goals=goals
        )
    except LockError as error:
        _errors(stderr, error)
        return 2
    model.dump_plan(plan, out)
    o = plan.objective
    stdout.write(
        f"{plan.solver['status']} in {plan.solver['seconds']} s ({goals.mode}): "
        f"{len(plan.assignments)} assignments, {o['unfilled']} unfilled seats "
        f"(bound {plan.bound.get('unfilled')}), board_changes {o['board_changes']}, "
        f"load_spread {o['load_spread']}, travel {o['travel_km']} km -> {out}\n"
    )
    return 0


def check_main(
    instance_path: str, plan_path: str, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr
) -> int:
    """Exit 1 with one line per violation; 0 and a summary when the plan is lawful."""
    try:
        # Parse only: the checker reports rule breaches of the instance itself.
        instance = model.load_instance(instance_path, check_rules=False)
        plan = model.load_plan(plan_path)
    except (OSError, model.InstanceError) as error:
        _errors(stderr, error)
        return 2
    violations = checker.check(instance, plan)
    for line in violations:
        stdout.write(line + "\n")
    if violations:
        return 1
    stdout.write(f"OK: {len(plan.assignments)} assignments, {len(plan.unfilled)} unfilled seats\n")
    return 0


def generate_main(
    examiners: int,
    sittings: int,
    out: str,
    planted: bool = False,
    seed: int = 0,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
) -> int:
    try:
        instance = generate.generate(examiners, sittings, planted=planted, seed=seed)
    except ValueError as error:
        stderr.write(f"{error}\n")
        return 2
    model.dump_instance(instance, out)
    stdout.write(
        f"{len(instance.examiners)} examiners, {len(instance.sittings)} sittings -> {out}\n"
    )
    return 0


def _errors(stream: TextIO, error: Exception) -> None:
    for line in getattr(error, "errors", None) or [str(error)]:
        stream.write(f"{line}\n")


STAGES = {
    "filling": "filling seats (min-cost max-flow)",
    "improving": "improving the plan (CP-SAT, blocks of boards)",
    "done": "done",
}


class _Progress:
    """Progress lines on stderr, at most one a second (batch logs stay readable)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = 0.0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self.last >= 1.0 or fraction >= 1.0:
            self.last = now
            self.stream.write(f"[{fraction:4.0%}] {STAGES.get(message, message)}\n")
