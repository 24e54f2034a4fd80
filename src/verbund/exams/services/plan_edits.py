"""What the planner and the examiners do with a stored plan.

Lock or unlock an assignment; put an examiner on a seat by hand (the independent checker
runs on the edited plan and every rule the edit breaks blocks saving); free a seat;
publish (examiners see their sittings and get mail with an ICS file); an examiner
declines (only that seat is re-planned, with the solver's decline API). Every decision
writes an audit entry.
"""

from collections import Counter, defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.core.services import audit
from verbund.exams.models import Assignment, UnfilledSeat
from verbund.exams.services import instance as instances
from verbund.exams.services import notify, versions
from verbund.exams.services.planning import mark_changed, store_unfilled
from verbund.exams.solver import checker, cpsat
from verbund.exams.solver.eligibility import LockError
from verbund.exams.solver.model import GROUPS, Plan, Unfilled
from verbund.exams.solver.model import Assignment as PlanAssignment


class PlanEditError(Exception):
    """The edit breaks rules; ``errors`` are German messages for the planner."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


def _claim(period, expected_version) -> None:
    """Refuse an edit made on an older state of the plan (versions.py)."""
    try:
        versions.claim(period, expected_version)
    except versions.StaleVersion as error:
        raise PlanEditError(error.errors) from error


# The checker speaks English ("availability rule: ..."); the planner reads German.
RULE_NAMES = {
    "group rule": gettext_lazy("Gruppe"),
    "qualification rule": gettext_lazy("Qualifikation für den Beruf"),
    "availability rule": gettext_lazy("Verfügbarkeit"),
    "appointment rule": gettext_lazy("Berufungszeitraum"),
    "conflict rule": gettext_lazy("Befangenheit"),
    "at most one a day": gettext_lazy("Höchstens ein Termin am Tag"),
    "max_sittings": gettext_lazy("Höchstzahl an Prüfungstagen"),
    "seat overfilled": gettext_lazy("Platz doppelt besetzt"),
    "seats in one sitting": gettext_lazy("Mehrere Plätze im selben Termin"),
}


def explain(violation: str) -> str:
    for key, name in RULE_NAMES.items():
        if key in violation:
            return _("Verletzte Regel: %(rule)s (%(detail)s)") % {"rule": name, "detail": violation}
    return _("Verletzte Regel: %(detail)s") % {"detail": violation}


def with_unfilled(instance, assignments) -> Plan:
    """A plan of ``assignments`` that accounts for every empty seat (checker bookkeeping)."""
    filled = Counter((a.sitting, a.group) for a in assignments)
    unfilled = [
        Unfilled(sitting.id, group, "offen")
        for sitting in instance.sittings
        for group in GROUPS
        for _n in range(max(sitting.seats.of(group) - filled[sitting.id, group], 0))
    ]
    return Plan(assignments=tuple(assignments), unfilled=tuple(unfilled))


def _active(period):
    return Assignment.objects.filter(sitting__period=period, declined_at__isnull=True)


def new_violations(built, before, after) -> list[str]:
    old = set(checker.check(built.instance, with_unfilled(built.instance, before)))
    return [
        v
        for v in checker.check(built.instance, with_unfilled(built.instance, after))
        if v not in old
    ]


def set_locked(assignment, locked: bool, user, *, expected_version=None) -> None:
    if assignment.locked == locked:
        return
    with transaction.atomic():
        _claim(assignment.sitting.period, expected_version)
        assignment.locked = locked
        assignment.save(update_fields=["locked"])
        audit.record(
            assignment,
            "exams.assignment.locked" if locked else "exams.assignment.unlocked",
            user=user,
            changes={"locked": (not locked, locked)},
        )


def assign_by_hand(
    sitting, group, examiner, user, *, replace=None, override_reason="", expected_version=None
):
    """Put ``examiner`` on a ``group`` seat of ``sitting`` (instead of ``replace``).

    Raises PlanEditError with every broken rule; nothing is saved then. A conflict warning
    (former employer, business relation) needs ``override_reason``, which is logged.
    """
    with transaction.atomic():
        # Lock, recount, write: the period's row lock comes first, so concurrent edits see
        # each other's seats (50 requests at once put 4 examiners into a 1-seat slot before).
        period = sitting.period
        _claim(period, expected_version)
        return _assign_locked(period, sitting, group, examiner, user, replace, override_reason)


def _assign_locked(period, sitting, group, examiner, user, replace, override_reason):
    if replace is not None and not Assignment.objects.filter(pk=replace.pk).exists():
        raise PlanEditError([_("Dieser Einsatz wurde inzwischen geändert; bitte neu laden.")])
    built = instances.build(period)
    rows = list(_active(period).select_related("sitting"))
    before = built.assignments(rows)
    kept = [row for row in rows if replace is None or row.pk != replace.pk]
    after = built.assignments(kept) + [
        PlanAssignment(sitting.code, instances.examiner_id(examiner.pk), group)
    ]
    errors = [explain(v) for v in new_violations(built, before, after)]
    if examiner.network_id != period.network_id:
        errors.append(_("Die Person gehört nicht zum Prüferpool dieses Zeitraums."))
    warnings = built.warnings.get((sitting.code, instances.examiner_id(examiner.pk)), [])
    if warnings and not override_reason.strip():
        errors.append(
            _("Befangenheitswarnung (%(kinds)s): bitte eine Begründung für die Ausnahme angeben.")
            % {"kinds": ", ".join(str(c.get_kind_display()) for c in warnings)}
        )
    if errors:
        raise PlanEditError(errors)
    if replace is not None:
        audit.record(replace, "exams.assignment.removed", user=user, data={"by_hand": True})
        replace.delete()
    created = Assignment.objects.create(
        sitting=sitting,
        examiner=examiner,
        group=group,
        locked=True,
        manual=True,
        override_reason=override_reason.strip() if warnings else "",
    )
    audit.record(created, "exams.assignment.edited", user=user, data={"group": group})
    if warnings:
        audit.record(
            created,
            "exams.conflict.overridden",
            user=user,
            data={"reason": override_reason.strip(), "conflicts": [c.pk for c in warnings]},
        )
    _refresh_unfilled(period, built, sitting)
    return created


def unassign(assignment, user, *, expected_version=None) -> None:
    period = assignment.sitting.period
    with transaction.atomic():
        _claim(period, expected_version)
        if not Assignment.objects.filter(pk=assignment.pk).exists():
            return  # removed a moment ago by another request: nothing left to do
        audit.record(assignment, "exams.assignment.removed", user=user, data={"by_hand": True})
        sitting = assignment.sitting
        assignment.delete()
        _refresh_unfilled(period, instances.build(period), sitting)


def _refresh_unfilled(period, built, sitting) -> None:
    """Recount the free seats of one sitting after a manual change."""
    filled = Counter(_active(period).filter(sitting=sitting).values_list("group", flat=True))
    seats = sitting.seats()
    reasons = defaultdict(list)
    for row in UnfilledSeat.objects.filter(sitting=sitting):
        reasons[row.group].append(row.reason)
    UnfilledSeat.objects.filter(sitting=sitting).delete()
    UnfilledSeat.objects.bulk_create(
        [
            UnfilledSeat(
                sitting=sitting,
                group=group,
                reason=(
                    reasons[group][i] if i < len(reasons[group]) else _("von Hand freigegeben")
                ),
            )
            for group in GROUPS
            for i in range(max(seats[group] - filled[group], 0))
        ]
    )


def publish(period, user, *, expected_version=None) -> int:
    """Publish the plan (publishing.py); kept here for the callers of the edit API."""
    from verbund.exams.services import publishing

    try:
        return publishing.publish(period, user, expected_version=expected_version)
    except versions.StaleVersion as error:
        raise PlanEditError(error.errors) from error


def decline(assignment, user, reason="") -> Assignment | None:
    """The examiner declines: only this seat is re-planned; returns the replacement."""
    with transaction.atomic():
        _claim(assignment.sitting.period, None)
        current = Assignment.objects.filter(pk=assignment.pk).first()
        if current is None or current.declined_at is not None:
            raise PlanEditError([_("Dieser Einsatz ist bereits abgesagt.")])
        replacement = _decline_locked(current, user, reason)
    if replacement is not None and replacement.published:
        notify.mail_assignments(replacement.examiner, [replacement])
    return replacement


def _decline_locked(assignment, user, reason) -> Assignment | None:
    sitting = assignment.sitting
    period = sitting.period
    built = instances.build(period)
    plan = instances.current_plan(period, built)
    code, examiner = sitting.code, instances.examiner_id(assignment.examiner_id)
    try:
        new_plan = cpsat.decline(built.instance, plan, code, examiner, forbidden=built.forbidden)
    except LockError as error:
        raise PlanEditError([explain(e) for e in error.errors]) from error
    before = {(a.sitting, a.examiner) for a in plan.assignments}
    added = [
        a
        for a in new_plan.assignments
        if (a.sitting, a.examiner) not in before and a.sitting == code
    ]
    assignment.declined_at = timezone.now()
    assignment.decline_reason = reason[:255]
    assignment.locked = False
    assignment.save(update_fields=["declined_at", "decline_reason", "locked"])
    audit.record(assignment, "exams.assignment.declined", user=user, data={"reason": reason})
    replacement = None
    for a in added:
        replacement = Assignment.objects.create(
            sitting=sitting,
            examiner=built.examiners[a.examiner],
            group=a.group,
            published=assignment.published,
        )
        audit.record(
            replacement,
            "exams.assignment.replaced",
            user=user,
            data={"declined": assignment.pk},
        )
    store_unfilled(period, built, new_plan, only_sittings={code})
    mark_changed(period)
    return replacement
