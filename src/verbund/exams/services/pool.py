"""The examiner pool: appointment rules, expiring appointments, board membership."""

import datetime
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.core.services.dashboard import Task, task_provider
from verbund.exams.services import composition

# §40(3) BBiG: examiners are appointed for at most five years.
MAX_APPOINTMENT_YEARS = 5
# Warn this many days before an appointment ends (time to re-appoint or replace).
EXPIRY_WARNING_DAYS = 180


def latest_end(start: datetime.date) -> datetime.date:
    """The last day of a five-year appointment starting on ``start``."""
    try:
        end = start.replace(year=start.year + MAX_APPOINTMENT_YEARS)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + MAX_APPOINTMENT_YEARS, day=28)
    return end - datetime.timedelta(days=1)


def examiner_errors(examiner) -> dict[str, list[str]]:
    """Field -> messages for an examiner that breaks the appointment or pool rules."""
    from verbund.networks.models import Membership, Network

    errors: dict[str, list[str]] = {}
    start, end = examiner.appointed_from, examiner.appointed_until
    if start and end:
        if end < start:
            errors["appointed_until"] = [_("Das Ende liegt vor dem Beginn der Berufung.")]
        elif end > latest_end(start):
            errors["appointed_until"] = [
                _("§ 40 Abs. 3 BBiG: Berufung höchstens fünf Jahre, also bis %(date)s.")
                % {"date": latest_end(start).strftime("%d.%m.%Y")}
            ]
    if examiner.network_id:
        if examiner.network.kind != Network.Kind.KAMMERKOOPERATION:
            errors["network"] = [_("Ein Prüferpool gehört zu einer Kammerkooperation.")]
        elif (
            examiner.chamber_id
            and not Membership.objects.filter(
                network_id=examiner.network_id, organization_id=examiner.chamber_id
            ).exists()
        ):
            errors["chamber"] = [_("Die berufende Kammer ist nicht Mitglied dieser Kooperation.")]
    if not (-90 <= (examiner.home_lat or 0) <= 90 and -180 <= (examiner.home_lon or 0) <= 180):
        errors["home_lat"] = [_("Keine gültigen Koordinaten.")]
    return errors


def expiring(queryset, today: datetime.date | None = None):
    """Active examiners whose appointment ends within the warning window."""
    today = today or timezone.localdate()
    return queryset.filter(
        active=True,
        appointed_until__gte=today,
        appointed_until__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
    )


def expires_soon(examiner, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return today <= examiner.appointed_until <= today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)


def renewal_horizon(network_id, today: datetime.date | None = None) -> datetime.date:
    """Appointments ending before this day need a decision now: the end of the pool's
    next (or current) exam period, at least EXPIRY_WARNING_DAYS ahead."""
    from verbund.exams.models import ExamPeriod

    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
    next_end = (
        ExamPeriod.objects.filter(network=network_id, end__gte=today)
        .order_by("start")
        .values_list("end", flat=True)
        .first()
    )
    return max(horizon, next_end) if next_end else horizon


def renewal_due(queryset, today: datetime.date | None = None) -> list:
    """Active examiners whose appointment ends before their pool's renewal horizon."""
    today = today or timezone.localdate()
    candidates = queryset.filter(active=True, appointed_until__gte=today).select_related("person")
    horizons: dict[int, datetime.date] = {}
    due = []
    for examiner in candidates.order_by("appointed_until", "person__last_name"):
        if examiner.network_id not in horizons:
            horizons[examiner.network_id] = renewal_horizon(examiner.network_id, today)
        if examiner.appointed_until <= horizons[examiner.network_id]:
            due.append(examiner)
    return due


def renewal_proposal(examiner) -> tuple[datetime.date, datetime.date]:
    """The next appointment: from the day after the current one ends, five years (§40(3))."""
    start = examiner.appointed_until + datetime.timedelta(days=1)
    return start, latest_end(start)


def renew(examiners, user) -> int:
    """Re-appoint ``examiners`` as proposed; returns how many were renewed."""
    with transaction.atomic():
        for examiner in examiners:
            start, end = renewal_proposal(examiner)
            before = (examiner.appointed_from, examiner.appointed_until)
            examiner.appointed_from, examiner.appointed_until = start, end
            examiner.save(update_fields=["appointed_from", "appointed_until"])
            audit.record(
                examiner,
                "exams.examiner.renewed",
                user=user,
                changes={"appointment": ([str(d) for d in before], [str(start), str(end)])},
            )
    return len(examiners)


@task_provider
def expiring_appointment_tasks(user):
    """Dashboard: one task for the planner when appointments end before the next period."""
    from django.urls import reverse

    from verbund.exams.models import Examiner

    if not user.is_authenticated:
        return []
    due = renewal_due(Examiner.objects.with_perm(user, "exams.plan"))
    if not due:
        return []
    return [
        Task(
            title=_("Wiederberufung: %(n)s Berufungen enden demnächst") % {"n": len(due)},
            url=reverse("exams:renewals"),
            due=due[0].appointed_until,
            context=_("Prüferpool – Verlängerung mit einem Klick vorschlagen und bestätigen"),
        )
    ]


def set_board_members(board, members, deputies, user) -> list[str]:
    """Replace the board's members and deputies after checking §40; [] on success.

    Returns the broken rules (German) and changes nothing when any rule is broken.
    """
    from verbund.exams.models import BoardMember

    errors = composition.board_errors(
        [examiner.group for examiner in members], [examiner.group for examiner in deputies]
    )
    overlap = {e.pk for e in members} & {e.pk for e in deputies}
    if overlap:
        errors.append(_("Niemand kann zugleich Mitglied und Stellvertretung sein."))
    wrong = [e for e in [*members, *deputies] if e.network_id != board.network_id]
    if wrong:
        errors.append(_("Alle Mitglieder müssen aus dem Prüferpool des Ausschusses kommen."))
    if errors:
        return errors
    with transaction.atomic():
        before = sorted(board.members.values_list("examiner_id", "role"))
        board.members.all().delete()
        BoardMember.objects.bulk_create(
            [BoardMember(board=board, examiner=e, role=BoardMember.Role.MEMBER) for e in members]
            + [BoardMember(board=board, examiner=e, role=BoardMember.Role.DEPUTY) for e in deputies]
        )
        after = sorted(board.members.values_list("examiner_id", "role"))
        audit.record(
            board,
            "exams.board.members_changed",
            user=user,
            changes={"members": (before, after)},
        )
    return []


def board_status(board) -> list[str]:
    """The §40 problems of the board as it is stored (shown on lists and the detail page)."""
    rows = list(board.members.select_related("examiner"))
    return composition.board_errors(
        [m.examiner.group for m in rows if m.role == "member"],
        [m.examiner.group for m in rows if m.role == "deputy"],
    )


def sitting_attendance(sitting):
    """The deputy check of one sitting: each examiner's role on the board, and §40 errors.

    Members are counted per group from the board's composition; an assigned examiner who
    is a deputy counts as present deputy, anyone else assigned as a member stand-in
    outside the board (shown, not an error: pools may staff boards beyond their
    appointed members). Returns ({examiner pk: role}, errors); no board members -> no
    check (errors empty).
    """
    from verbund.exams.models import BoardMember

    seats = {m.examiner_id: m.role for m in sitting.board.members.all()}
    members = Counter()
    for member in sitting.board.members.select_related("examiner"):
        if member.role == BoardMember.Role.MEMBER:
            members[member.examiner.group] += 1
    present_members, present_deputies = Counter(), Counter()
    roles = {}
    for row in sitting.assignments.filter(declined_at__isnull=True):
        role = seats.get(row.examiner_id)
        roles[row.examiner_id] = role
        if role == BoardMember.Role.MEMBER:
            present_members[row.group] += 1
        elif role == BoardMember.Role.DEPUTY:
            present_deputies[row.group] += 1
    if not members:
        return roles, []
    # Only the deputy rule: whether the seats are filled is the plan's business.
    return roles, composition.deputy_errors(members, present_members, present_deputies)


def set_training(examiner, training, attended: bool, user) -> None:
    """Record (or take back) that ``examiner`` attended ``training`` of the same pool."""
    from django.core.exceptions import ValidationError

    if training.network_id != examiner.network_id:
        raise ValidationError(_("Die Schulung gehört nicht zum Prüferpool dieser Person."))
    present = training.attendees.filter(pk=examiner.pk).exists()
    if present == attended:
        return
    with transaction.atomic():
        if attended:
            training.attendees.add(examiner)
        else:
            training.attendees.remove(examiner)
        audit.record(
            examiner,
            "exams.training.attended" if attended else "exams.training.attendance_removed",
            user=user,
            data={"training": training.pk, "title": training.title},
        )
