"""``verbund apprenticeship plan|check|generate``, free of Django (the command only parses)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from . import checker, cpsat, generate, model


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    plan = actions.add_parser("plan", help="plan the rotation of an instance")
    plan.add_argument("instance", help="instance JSON (docs/apprenticeship.md)")
    plan.add_argument("--out", required=True, help="where to write the plan JSON")
    plan.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    plan.add_argument("--seed", type=int, default=0)
    check = actions.add_parser("check", help="check a plan against the hard rules")
    check.add_argument("instance")
    check.add_argument("plan")
    gen = actions.add_parser("generate", help="write a realistic random instance")
    gen.add_argument("--companies", type=int, required=True)
    gen.add_argument("--apprentices", type=int, required=True)
    gen.add_argument("--stations", type=int, default=None)
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--out", required=True)


def dispatch(options: dict, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    action = options["action"]
    if action == "plan":
        return plan_main(
            options["instance"],
            options["out"],
            options["time_limit"],
            options["seed"],
            stdout,
            stderr,
        )
    if action == "check":
        return check_main(options["instance"], options["plan"], stdout, stderr)
    return generate_main(
        options["companies"],
        options["apprentices"],
        options["out"],
        options.get("stations"),
        options["seed"],
        stdout,
        stderr,
    )


def plan_main(
    instance_path, out, time_limit=60.0, seed=0, stdout=sys.stdout, stderr=sys.stderr
) -> int:
    try:
        instance = model.load_instance(instance_path)
    except (OSError, model.InstanceError) as error:
        _errors(stderr, error)
        return 2
    plan = cpsat.plan_rotation(
        instance, time_limit=time_limit, seed=seed, progress=_Progress(stderr)
    )
    model.dump(model.plan_to_dict(plan), out)
    uncovered = sum(u.weeks for u in plan.uncovered)
    stdout.write(
        f"{plan.solver['status']} in {plan.solver['seconds']} s: {len(plan.stays)} stays, "
        f"{uncovered} uncovered weeks (bound {plan.bound.get('uncovered_weeks')}), "
        f"cost {plan.cost['total']:.2f} EUR -> {out}\n"
    )
    return 0


def check_main(instance_path, plan_path, stdout=sys.stdout, stderr=sys.stderr) -> int:
    """Exit 1 with one line per violation; 0 and a summary when the plan keeps every rule."""
    try:
        instance = model.load_instance(instance_path)
        plan = model.load_plan(plan_path)
    except (OSError, model.InstanceError) as error:
        _errors(stderr, error)
        return 2
    violations = checker.check(instance, plan)
    for line in violations:
        stdout.write(line + "\n")
    if violations:
        return 1
    stdout.write(
        f"OK: {len(plan.stays)} stays, {sum(u.weeks for u in plan.uncovered)} uncovered weeks\n"
    )
    return 0


def generate_main(
    companies, apprentices, out, stations=None, seed=0, stdout=sys.stdout, stderr=sys.stderr
) -> int:
    try:
        instance = generate.generate(companies, apprentices, stations=stations, seed=seed)
    except ValueError as error:
        stderr.write(f"{error}\n")
        return 2
    model.dump(model.instance_to_dict(instance), out)
    stdout.write(
        f"{len(instance.companies)} companies, {len(instance.apprentices)} apprentices, "
        f"{len(instance.stations)} stations -> {out}\n"
    )
    return 0


def _errors(stream: TextIO, error: Exception) -> None:
    for line in getattr(error, "errors", None) or [str(error)]:
        stream.write(f"{line}\n")


class _Progress:
    """Progress lines on stderr, at most one a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.last = stream, 0.0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self.last >= 1.0 or fraction >= 1.0:
            self.last = now
            self.stream.write(f"[{fraction:4.0%}] {message}\n")
