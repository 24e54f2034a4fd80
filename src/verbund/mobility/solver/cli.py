"""The ``mobility`` batch commands, free of Django so they also run from tests and scripts.

``verbund mobility match|check`` (management command mobility.py) only parses the
arguments with ``add_arguments`` and hands them to ``dispatch`` together with the lookup
of the platform's rate table (used when an instance omits ``rates``).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from . import checker, cpsat, model
from .rates import shipped_rates


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    match = actions.add_parser("match", help="match participants to placements")
    match.add_argument("instance", help="instance JSON (docs/mobility.md: batch interface)")
    match.add_argument("--out", required=True, help="where to write the plan JSON")
    match.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
    match.add_argument("--seed", type=int, default=0)
    check = actions.add_parser("check", help="check a plan against the hard rules")
    check.add_argument("instance")
    check.add_argument("plan")
    exchange = actions.add_parser(
        "check-exchange", help="check a Franco-German group exchange against its programme"
    )
    exchange.add_argument("exchange", help="group exchange JSON (docs/mobility.md)")


def dispatch(
    options: dict,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
    rates_for_year: model.RatesLookup = shipped_rates,
) -> int:
    if options["action"] == "match":
        return match_main(
            options["instance"],
            options["out"],
            options["time_limit"],
            options["seed"],
            stdout,
            stderr,
            rates_for_year,
        )
    if options["action"] == "check-exchange":
        return check_exchange_main(options["exchange"], stdout, stderr)
    return check_main(options["instance"], options["plan"], stdout, stderr, rates_for_year)


def check_exchange_main(path: str, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    """Exit 0 valid, 1 rules broken, 2 a malformed file (shared/domain/mobility.md)."""
    import json

    from verbund.mobility.exchanges import rules

    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        exchange = rules.read(data)
        output = rules.result(exchange)
    except OSError as error:
        stderr.write(f"{path}: Datei nicht lesbar ({error.strerror}).\n")
        return 2
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        stderr.write(f"{path}: kein gültiges JSON ({error}).\n")
        return 2
    except rules.ExchangeFileError as error:
        stderr.write(f"{path}: {error}\n")
        return 2
    stdout.write(json.dumps(output, ensure_ascii=False, indent=2) + "\n")
    return 0 if output["valid"] else 1


def match_main(
    instance_path: str,
    out: str,
    time_limit: float = 30.0,
    seed: int = 0,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
    rates_for_year: model.RatesLookup = shipped_rates,
) -> int:
    try:
        instance = model.load_instance(instance_path, rates_for_year)
    except (OSError, model.InstanceError) as error:
        _errors(stderr, error)
        return 2
    plan = cpsat.match(instance, time_limit=time_limit, seed=seed, progress=_Progress(stderr))
    model.dump_json(model.plan_to_json(plan), out)
    o = plan.objective
    stdout.write(
        f"{plan.solver['status']} in {plan.solver['seconds']} s: {o['placed']} placed "
        f"(bound {plan.bound['placed']}), {len(plan.unplaced)} unplaced, preference rank sum "
        f"{o['preference_rank_sum']}, grant {o['grant_total']} EUR -> {out}\n"
    )
    return 0


def check_main(
    instance_path: str,
    plan_path: str,
    stdout: TextIO = sys.stdout,
    stderr: TextIO = sys.stderr,
    rates_for_year: model.RatesLookup = shipped_rates,
) -> int:
    """Exit 1 with one line per violation; 0 and a summary when the plan is lawful."""
    try:
        instance = model.load_instance(instance_path, rates_for_year)
        plan = model.load_plan(plan_path)
    except (OSError, model.InstanceError) as error:
        _errors(stderr, error)
        return 2
    violations = checker.check(instance, plan)
    for line in violations:
        stdout.write(line + "\n")
    if violations:
        return 1
    stdout.write(f"OK: {len(plan.stays)} stays, {len(plan.unplaced)} unplaced\n")
    return 0


def _errors(stream: TextIO, error: Exception) -> None:
    for line in getattr(error, "errors", None) or [str(error)]:
        stream.write(f"{line}\n")


class _Progress:
    """Progress lines on stderr, at most one a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.last = 0.0

    def __call__(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self.last >= 1.0 or fraction >= 1.0:
            self.last = now
            self.stream.write(f"[{fraction:4.0%}] {message}\n")
