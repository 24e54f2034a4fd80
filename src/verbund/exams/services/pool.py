"""The examiner pool: appointment rules, expiring appointments, board membership."""

import datetime

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


@task_provider
def expiring_appointment_tasks(user):
    """Dashboard: planners see appointments that end soon."""
    from verbund.exams.models import Examiner

    if not user.is_authenticated:
        return []
    soon = expiring(Examiner.objects.with_perm(user, "exams.plan")).select_related("person")
    return [
        Task(
            title=_("Berufung endet: %(name)s") % {"name": examiner.person},
            url=examiner.get_absolute_url(),
            due=examiner.appointed_until,
            context=_("Prüferpool – erneut berufen oder Nachfolge suchen"),
        )
        for examiner in soon[:20]
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
