"""``verbund events schedule|check|generate``, free of Django (the management command only
hands its parsed arguments to ``dispatch``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from . import checker, generate, model, planted, scheduler
from .tables import build_schedule


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    schedule = actions.add_parser("schedule", help="schedule the meetings of an instance")
    schedule.add_argument("instance", help="instance JSON (docs/events.md)")
    schedule.add_argument("--out", required=True, help="where to write the schedule JSON")
    schedule.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    schedule.add_argument("--seed", type=int, default=0)
    check = actions.add_parser("check", help="check a schedule against the hard rules")
    check.add_argument("instance")
    check.add_argument("schedule")
    gen = actions.add_parser("generate", help="write a realistic random instance")
    gen.add_argument("--participants", type=int, required=True)
    gen.add_argument("--requests", type=int, help="meeting requests (not with --planted)")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument(
        "--acceptance",
        type=float,
        default=generate.ACCEPTANCE,
        help="share of requests accepted, i.e. turned into meetings (default 0.5; 1 = all)",
    )
    gen.add_argument(
        "--spare-tables",
        type=float,
        default=generate.SPARE_TABLES,
        help="tables beyond the average need per slot (default 0.15)",
    )
    gen.add_argument(
        "--planted",
        action="store_true",
        help="a forum built around a known schedule (--requests is ignored): its gaps "
        "bound the optimum from above",
    )
    gen.add_argument("--planted-out", help="with --planted: where to write that schedule")
    gen.add_argument("--out", help="where to write the instance JSON (default: standard output)")


def dispatch(options: dict, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        if options["action"] == "schedule":
            instance = model.load_instance(options["instance"])

            def progress(fraction, message):
                stderr.write(f"\r{fraction * 100:5.1f} %  {message:<60}")

            result = scheduler.solve(
                instance,
                time_limit=options["time_limit"],
                seed=options["seed"],
                progress=progress,
            )
            stderr.write("\n")
            Path(options["out"]).write_text(
                json.dumps(result.to_dict(), indent=1, ensure_ascii=False), encoding="utf-8"
            )
            objective = result.objective
            stdout.write(
                f"{objective['scheduled']} of {len(instance.meetings)} meetings scheduled, "
                f"{objective['idle_gaps']} idle gaps (max {objective['max_gaps_per_participant']} "
                f"per participant), {result.solver['seconds']} s -> {options['out']}\n"
            )
            return 0
        if options["action"] == "check":
            instance = model.load_instance(options["instance"])
            violations = checker.check(instance, model.load_schedule(options["schedule"]))
            for line in violations:
                stdout.write(line + "\n")
            if not violations:
                stdout.write("OK: every hard rule holds\n")
            return 1 if violations else 0
        plan = None
        if options.get("planted"):
            instance, plan = planted.planted(options["participants"], options["seed"])
        else:
            if options.get("requests") is None:
                raise ValueError("--requests is needed (or --planted)")
            instance = generate.generate(
                options["participants"],
                options["requests"],
                options["seed"],
                acceptance=options.get("acceptance", generate.ACCEPTANCE),
                spare_tables=options.get("spare_tables", generate.SPARE_TABLES),
            )
        if plan is not None and options.get("planted_out"):
            known = build_schedule(instance, plan, status="PLANTED", seconds=0.0)
            Path(options["planted_out"]).write_text(
                json.dumps(known.to_dict(), indent=1, ensure_ascii=False), encoding="utf-8"
            )
        text = json.dumps(model.instance_to_dict(instance), indent=1, ensure_ascii=False)
        if not options.get("out"):
            stdout.write(text + "\n")
            return 0
        Path(options["out"]).write_text(text, encoding="utf-8")
        shape = generate.structure(instance)
        stderr.write(
            f"{shape['participants']} participants, {shape['meetings']} meetings "
            f"(max {shape['max_degree']} per participant), {shape['slots']} slots, "
            f"{shape['tables']} tables -> {options['out']}\n"
        )
        if plan is not None:
            stderr.write(
                f"a schedule with {planted.planted_gaps(instance, plan)} idle gaps exists"
                + (f" -> {options['planted_out']}\n" if options.get("planted_out") else "\n")
            )
        return 0
    except (OSError, ValueError) as error:
        stderr.write(f"error: {error}\n")
        return 2
