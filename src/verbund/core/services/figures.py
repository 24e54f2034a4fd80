"""Key figures per role on the dashboard (``verbund.core.services.dashboard.Figure``).

Each provider shows only what the user's permissions cover (querysets with ``with_perm``)
and nothing at all to a user without the role. Apps installed later register their own
providers with ``figure_provider``; these cover the capabilities built so far.
"""

import datetime

from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import access
from verbund.core.services.dashboard import Figure, figure_provider

GOAL_HORIZON_DAYS = 90
ACTIVITY_HORIZON_DAYS = 30


def _installed(app: str) -> bool:
    return apps.is_installed(f"verbund.{app}")


@figure_provider
def coordinator_figures(user):
    if not _installed("networks") or not access.has_perm(user, "networks.edit"):
        return []
    from verbund.networks.models import Activity, Goal, Membership, Network

    today = timezone.localdate()
    networks = Network.objects.with_perm(user, "networks.edit")
    goals_due = Goal.objects.filter(
        network__in=networks,
        status__in=[Goal.Status.PLANNED, Goal.Status.IN_PROGRESS],
        due__lte=today + datetime.timedelta(days=GOAL_HORIZON_DAYS),
    ).count()
    activities = Activity.objects.filter(
        network__in=networks,
        start__gte=today,
        start__lte=today + datetime.timedelta(days=ACTIVITY_HORIZON_DAYS),
    ).count()
    return [
        Figure(
            _("Mitglieder in Ihren Netzwerken"),
            Membership.objects.filter(network__in=networks).count(),
            reverse("networks:network_list"),
        ),
        Figure(_("Ziele fällig in den nächsten 90 Tagen"), goals_due, warn=bool(goals_due)),
        Figure(_("Aktivitäten in den nächsten 30 Tagen"), activities),
    ]


@figure_provider
def exam_department_figures(user):
    if not _installed("exams") or not access.has_perm(user, "exams.plan"):
        return []
    from verbund.exams.models import Availability, ExamPeriod, UnfilledSeat

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


@figure_provider
def compensation_figures(user):
    if not _installed("exams") or not access.has_perm(user, "exams.compensation"):
        return []
    from verbund.exams.models import Claim

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


@figure_provider
def examiner_figures(user):
    if not _installed("exams") or not user.is_authenticated:
        return []
    from verbund.exams.models import Assignment, Availability

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


@figure_provider
def provider_figures(user):
    if not _installed("courses") or not access.has_perm(user, "courses.edit_own"):
        return []
    from verbund.courses.models import Offer
    from verbund.courses.services.offers import dormant_offers

    own = Offer.objects.with_perm(user, "courses.edit_own")
    dormant = dormant_offers(own).count()
    url = reverse("courses:my_offers")
    return [
        Figure(
            _("Aktive Weiterbildungsangebote"), own.filter(status=Offer.Status.ACTIVE).count(), url
        ),
        Figure(
            _("Angebote ohne künftigen Termin"),
            dormant,
            url + "?status=dormant",
            warn=bool(dormant),
        ),
    ]


@figure_provider
def advisor_figures(user):
    if not _installed("advice") or not access.has_perm(user, "advice.counsel"):
        return []
    from verbund.advice.models import Case
    from verbund.advice.services.cases import worklist

    open_cases = Case.objects.visible_to(user).filter(advisor=user, outcome=Case.Outcome.OPEN)
    due = worklist(user).count()
    return [
        Figure(_("Ihre offenen Beratungsfälle"), open_cases.count(), reverse("advice:worklist")),
        Figure(
            _("Wiedervorlagen in den nächsten Tagen"),
            due,
            reverse("advice:worklist"),
            warn=bool(due),
        ),
    ]
