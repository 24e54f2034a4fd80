"""What exams contributes to core's pages: figures for the exam department, the
compensation office and examiners, the network's exam capability, the navigation entry.

Imported from ``ExamsConfig.ready`` (core imports no feature app).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from verbund.core.navigation import either, holds_any, register_section
from verbund.core.services import access
from verbund.core.services.capabilities import Capability, capability_provider, links_to
from verbund.core.services.dashboard import Figure, figure_provider
from verbund.exams.models import Assignment, Availability, Claim, Examiner, ExamPeriod, UnfilledSeat
from verbund.exams.services import pool  # noqa: F401 - registers the tasks (appointments)


def is_examiner(user) -> bool:
    """Examiners see their sittings under "Prüfungen" without any team permission."""
    if not user.is_authenticated:
        return False
    return Examiner.objects.filter(person__user=user).exists()


register_section(
    gettext_lazy("Prüfungen"),
    "exams:period_list",
    "/pruefungen/",
    either(holds_any("exams.plan", "exams.compensation"), is_examiner),
    order=70,
)


@figure_provider(order=20)
def exam_department_figures(user):
    if not access.has_perm(user, "exams.plan"):
        return []
    today = timezone.localdate()
    periods = ExamPeriod.objects.with_perm(user, "exams.plan").filter(end__gte=today)
    polls = Availability.objects.filter(period__in=periods)
    answered = polls.filter(answered_at__isnull=False).count()
    unfilled = UnfilledSeat.objects.filter(sitting__period__in=periods).count()
    figures = [
        Figure(
            _("Laufende und kommende Prüfungszeiträume"),
            periods.count(),
            reverse("exams:period_list"),
        ),
        Figure(
            _("Unbesetzte Prüferplätze"),
            unfilled,
            reverse("exams:period_list"),
            warn=bool(unfilled),
        ),
    ]
    if polls.exists():
        figures.append(
            Figure(
                _("Rückmeldungen zur Verfügbarkeit"),
                round(100 * answered / polls.count()),
                unit="%",
                warn=answered < polls.count(),
            )
        )
    return figures


@figure_provider(order=30)
def compensation_figures(user):
    if not access.has_perm(user, "exams.compensation"):
        return []
    submitted = (
        Claim.objects.with_perm(user, "exams.compensation")
        .filter(status=Claim.Status.SUBMITTED)
        .count()
    )
    return [
        Figure(
            _("Abrechnungen zu prüfen"),
            submitted,
            reverse("exams:claim_list"),
            warn=bool(submitted),
        )
    ]


@figure_provider(order=40)
def examiner_figures(user):
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    mine = Q(examiner__person__user=user)
    upcoming = Assignment.objects.filter(
        mine, sitting__date__gte=today, declined_at__isnull=True, published=True
    ).count()
    open_polls = Availability.objects.filter(
        mine, answered_at__isnull=True, period__end__gte=today
    ).count()
    if not upcoming and not open_polls and not Assignment.objects.filter(mine).exists():
        return []
    return [
        Figure(_("Ihre nächsten Prüfungseinsätze"), upcoming, reverse("exams:my_sittings")),
        Figure(
            _("Offene Abfragen zur Verfügbarkeit"),
            open_polls,
            reverse("exams:my_sittings"),
            warn=bool(open_polls),
        ),
    ]


@figure_provider(order=90)
def examiner_claim_figures(user):
    """An examiner: past sittings not yet claimed, claims awaiting the chamber's decision."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    mine = Assignment.objects.filter(examiner__person__user=user, declined_at__isnull=True)
    if not mine.exists():
        return []
    unclaimed = mine.filter(sitting__date__lt=today, published=True, claim__isnull=True).count()
    waiting = Claim.objects.filter(assignment__in=mine, status=Claim.Status.SUBMITTED).count()
    url = reverse("exams:my_sittings")
    return [
        Figure(_("Einsätze ohne Entschädigungsantrag"), unclaimed, url, warn=bool(unclaimed)),
        Figure(_("Anträge in Prüfung bei der Kammer"), waiting, url),
    ]


@capability_provider(order=30)
def exam_periods(network, user):
    periods = ExamPeriod.objects.visible_to(user).filter(network=network).order_by("-start")
    pool_size = Examiner.objects.visible_to(user).filter(network=network).count()
    if not periods.exists() and not pool_size:
        return None
    summary = (
        ngettext(
            "Gemeinsamer Prüferpool mit %(count)s Prüfer/in",
            "Gemeinsamer Prüferpool mit %(count)s Prüferinnen und Prüfern",
            pool_size,
        )
        % {"count": pool_size}
        if pool_size
        else ""
    )
    return Capability(_("Prüfungswesen"), links_to(periods), summary)
