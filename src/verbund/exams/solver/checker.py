"""Independent plan checker: one message per broken hard rule.

Deliberately shares no rule code with the solvers (eligibility.py, flow.py, blocks.py):
it re-reads exams.md and checks each rule on its own, so a bug in the solvers' shared
rule code cannot hide itself. Only the plain dataclasses of model.py are shared.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .model import Instance, Plan

KNOWN_GROUPS = ("employer", "employee", "teacher")


def check(instance: Instance, plan: Plan) -> list[str]:
    """Violations of the hard rules by ``plan`` (and of §40 by ``instance``); [] if lawful."""
    problems = _instance_violations(instance)
    examiners = {e.id: e for e in instance.examiners}
    sittings = {s.id: s for s in instance.sittings}

    per_seat_group: Counter[tuple[str, str]] = Counter()
    per_sitting_examiner: Counter[tuple[str, str]] = Counter()
    days_of: dict[str, Counter] = defaultdict(Counter)
    sittings_of: Counter[str] = Counter()
    for a in plan.assignments:
        tag = f"sitting {a.sitting}, examiner {a.examiner}"
        sitting, examiner = sittings.get(a.sitting), examiners.get(a.examiner)
        if sitting is None:
            problems.append(f"{tag}: unknown sitting id")
        if examiner is None:
            problems.append(f"{tag}: unknown examiner id")
        if a.group not in KNOWN_GROUPS:
            problems.append(f"{tag}: unknown group {a.group!r}")
        if sitting is None or examiner is None:
            continue
        per_seat_group[a.sitting, a.group] += 1
        per_sitting_examiner[a.sitting, a.examiner] += 1
        days_of[a.examiner][sitting.date] += 1
        sittings_of[a.examiner] += 1
        problems += [f"{tag}: {p}" for p in _pair_violations(a.group, examiner, sitting)]

    for (sitting_id, examiner_id), n in sorted(per_sitting_examiner.items()):
        if n > 1:
            problems.append(
                f"sitting {sitting_id}, examiner {examiner_id}: holds {n} seats in one sitting"
            )
    for (sitting_id, group), n in sorted(per_seat_group.items()):
        seats = getattr(sittings[sitting_id].seats, group, 0) if group in KNOWN_GROUPS else 0
        if n > seats:
            problems.append(
                f"sitting {sitting_id}: {n} {group} assignments for {seats} {group} seat(s) "
                "(seat overfilled)"
            )
    for examiner_id, days in sorted(days_of.items()):
        for day, n in sorted(days.items()):
            if n > 1:
                problems.append(
                    f"examiner {examiner_id}: {n} sittings on {day} (at most one a day)"
                )
        limit = examiners[examiner_id].max_sittings
        if sittings_of[examiner_id] > limit:
            problems.append(
                f"examiner {examiner_id}: {sittings_of[examiner_id]} sittings exceed "
                f"max_sittings {limit}"
            )
    problems += _accounting_violations(instance, plan, per_seat_group)
    return problems


def _pair_violations(group, examiner, sitting) -> list[str]:
    found = []
    if examiner.group != group:
        found.append(f"group rule: examiner is {examiner.group}, seat is {group}")
    if group in KNOWN_GROUPS and getattr(sitting.seats, group) == 0:
        found.append(f"group rule: sitting has no {group} seat")
    if sitting.occupation not in examiner.occupations:
        found.append(f"qualification rule: not qualified for occupation {sitting.occupation}")
    if sitting.date not in set(examiner.available):
        found.append(f"availability rule: not available on {sitting.date}")
    if sitting.date > examiner.appointed_until:
        found.append(
            f"appointment rule: appointed until {examiner.appointed_until}, "
            f"sitting on {sitting.date}"
        )
    for candidate in sitting.candidates:
        if examiner.company and candidate.company == examiner.company:
            found.append(
                f"conflict rule: same company {examiner.company} as candidate {candidate.id}"
            )
        if candidate.id in examiner.relatives:
            found.append(f"conflict rule: relative of candidate {candidate.id}")
    return found


def _accounting_violations(instance: Instance, plan: Plan, filled: Counter) -> list[str]:
    """Every seat is either filled or reported unfilled, never both, never forgotten."""
    reported: Counter[tuple[str, str]] = Counter((u.sitting, u.group) for u in plan.unfilled)
    found = []
    known = {s.id for s in instance.sittings}
    for sitting_id, group in sorted(reported):
        if sitting_id not in known or group not in KNOWN_GROUPS:
            found.append(f"sitting {sitting_id}: unfilled entry for an unknown seat ({group})")
    for sitting in instance.sittings:
        for group in KNOWN_GROUPS:
            seats = getattr(sitting.seats, group)
            accounted = filled[sitting.id, group] + reported[sitting.id, group]
            if seats > 0 and accounted != seats and filled[sitting.id, group] <= seats:
                found.append(
                    f"sitting {sitting.id}: {seats} {group} seat(s), "
                    f"{filled[sitting.id, group]} filled + {reported[sitting.id, group]} "
                    "reported unfilled"
                )
    return found


def _instance_violations(instance: Instance) -> list[str]:
    """BBiG §40 on each sitting's seats, and unique ids (the checker's own reading)."""
    found = []
    for kind, ids in (
        ("examiner", [e.id for e in instance.examiners]),
        ("sitting", [s.id for s in instance.sittings]),
    ):
        for ident, n in sorted(Counter(ids).items()):
            if n > 1:
                found.append(f"instance: {kind} id {ident} occurs {n} times")
    for sitting in instance.sittings:
        employer, employee, teacher = (
            sitting.seats.employer,
            sitting.seats.employee,
            sitting.seats.teacher,
        )
        members = employer + employee + teacher
        tag = f"instance: sitting {sitting.id} seats"
        if employer != employee:
            found.append(f"{tag}: §40 needs as many employer as employee representatives")
        if teacher < 1:
            found.append(f"{tag}: §40 needs at least one vocational-school teacher")
        if (employer + employee) * 3 < members * 2:
            found.append(f"{tag}: §40 needs employer + employee >= two thirds of the members")
        if members < 3:
            found.append(f"{tag}: §40 needs at least 3 members")
    return found
