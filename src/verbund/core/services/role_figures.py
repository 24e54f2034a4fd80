"""More key figures per role (see ``figures``): surveys for the coordinator, unmet demand
for the provider, claims for the examiner, offers and events for the company.

Each provider returns nothing to a user without the role and counts only what the user may
see. Gap figures run the gap report (privacy rules applied, as on the gap pages) for the
running or latest wave only.
"""

from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.models import Organization, Topic
from verbund.core.services import access
from verbund.core.services import topics as taxonomy
from verbund.core.services.dashboard import Figure, figure_provider

# The horizon (months) the dashboard's gap figures count, the middle one of the gap pages.
GAP_HORIZON = 12


def _installed(app: str) -> bool:
    return apps.is_installed(f"verbund.{app}")


def _latest(waves, status):
    return waves.filter(status=status).order_by("-opens_on", "-pk").first()


def _open_gaps(wave, districts=None) -> int:
    from verbund.needs.services import gaps

    rows = gaps.gap_report(
        wave, by_target_group=False, districts=districts, horizons=(GAP_HORIZON,)
    )
    shown, _withheld = gaps.published(rows)
    return sum(1 for row in shown if row.gap > 0)


@figure_provider
def survey_figures(user):
    """The coordinator's survey: response rate of the running wave, open gaps of the latest."""
    if not _installed("needs") or not access.has_perm(user, "needs.manage"):
        return []
    from verbund.needs.models import Wave
    from verbund.needs.services.waves import response_rate

    waves = Wave.objects.with_perm(user, "needs.manage")
    running = _latest(waves, Wave.Status.OPEN)
    # Gaps of the last finished survey (a running one has few answers yet), else the running.
    analysed = _latest(waves, Wave.Status.CLOSED) or running
    figures = []
    rate = response_rate(running) if running is not None else {"rate": None}
    if rate["rate"] is not None:
        figures.append(
            Figure(
                _("Rücklauf der laufenden Bedarfsumfrage"),
                rate["rate"],
                running.get_absolute_url(),
                unit="%",
            )
        )
    if analysed is not None:
        gap_count = _open_gaps(analysed)
        figures.append(
            Figure(
                _("Offene Lücken (Bedarf ohne Angebot, 12 Monate)"),
                gap_count,
                reverse("needs:gaps", args=[analysed.pk]) + f"?horizon={GAP_HORIZON}",
                warn=bool(gap_count),
            )
        )
    return figures


@figure_provider
def provider_demand_figures(user):
    """A provider: gaps within reach of its place (the page "Ungedeckter Bedarf")."""
    if not _installed("needs") or not access.has_perm(user, "courses.edit_own"):
        return []
    from verbund.needs.services import gaps
    from verbund.needs.views.analysis import provider_waves

    pairs = provider_waves(user)
    if not pairs:
        return []
    count = sum(
        _open_gaps(wave, gaps.provider_districts(provider, wave)) for provider, wave in pairs
    )
    return [
        Figure(
            _("Ungedeckter Bedarf in Ihrer Nähe"),
            count,
            reverse("needs:provider_gaps") + f"?horizon={GAP_HORIZON}",
            warn=bool(count),
        )
    ]


@figure_provider
def examiner_claim_figures(user):
    """An examiner: past sittings not yet claimed, claims awaiting the chamber's decision."""
    if not _installed("exams") or not user.is_authenticated:
        return []
    from verbund.exams.models import Assignment, Claim

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


def _companies(user):
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        pk__in=access.member_organization_ids(user), kind=Organization.Kind.COMPANY
    )


# Offers for a company without reported needs: what the course search finds for its place
# (runs within the search's default radius, and offers one can take anywhere: online).
NEARBY_KM = 25


def _offers_nearby(companies) -> list[Figure]:
    """The course search's count for the company's place; the figure links to that search."""
    from verbund.courses.services import search
    from verbund.courses.services.indexing import IndexUnavailable

    company = companies.exclude(postcode="", city="").first()
    if company is None:
        return []
    params = {"place": [company.postcode or company.city], "radius": [str(NEARBY_KM)]}
    parsed = search.parse_params(params)
    if parsed.errors:
        return []
    try:
        result, _items = search.search(parsed.request)
    except IndexUnavailable:
        return []
    query = urlencode({key: values[0] for key, values in params.items()})
    return [
        Figure(
            _("Weiterbildungsangebote für Ihren Standort (25 km und online)"),
            result.total,
            reverse("courses:search") + "?" + query,
        )
    ]


@figure_provider
def company_figures(user):
    """A company: offers on the topics of its reported needs; its events, open events."""
    companies = _companies(user)
    if not companies.exists():
        return []
    figures = []
    if _installed("needs") and _installed("courses"):
        from verbund.courses.models import Offer
        from verbund.needs.models import Need

        topic_ids = set(
            Need.objects.filter(response__organization__in=companies)
            .exclude(topic=None)
            .values_list("topic_id", flat=True)
        )
        if topic_ids:
            # The search finds a topic's narrower topics too (the index stores every offer
            # under its topics and their broader ones): count the same way, so the figure
            # and the page behind its link agree.
            chains = taxonomy.ancestor_chains()
            family = set().union(*(taxonomy.family_ids(pk, chains) for pk in topic_ids))
            offers = Offer.objects.searchable().filter(topics__in=family).distinct().count()
            codes = Topic.objects.filter(pk__in=topic_ids).order_by("code")
            query = urlencode([("topic", code) for code in codes.values_list("code", flat=True)])
            figures.append(
                Figure(
                    _("Angebote zu Ihrem gemeldeten Bedarf"),
                    offers,
                    reverse("courses:search") + "?" + query,
                )
            )
        else:
            figures += _offers_nearby(companies)
    if _installed("events"):
        from verbund.events.models import Event, Registration
        from verbund.events.models.events import ACTIVE_STATUSES

        now = timezone.now()
        registered = (
            Registration.objects.filter(
                Q(user=user) | Q(organization__in=companies),
                status__in=ACTIVE_STATUSES,
                event__start__gte=now,
            )
            .values("event")
            .distinct()
            .count()
        )
        open_events = (
            Event.objects.visible_to(user)
            .filter(start__gte=now)
            .filter(Q(registration_opens__isnull=True) | Q(registration_opens__lte=now))
            .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gte=now))
            .count()
        )
        url = reverse("events:event_list")
        figures += [
            Figure(_("Ihre Anmeldungen zu kommenden Veranstaltungen"), registered, url),
            Figure(_("Veranstaltungen mit offener Anmeldung"), open_events, url),
        ]
    return figures


@figure_provider
def economy_figures(user):
    """The economic-policy department: response rate of the running business-climate wave."""
    if not _installed("economy"):
        return []
    from verbund.economy.models import Wave
    from verbund.economy.permissions import ECONOMY_MANAGE
    from verbund.economy.services.waves import response_rate

    if not access.has_perm(user, ECONOMY_MANAGE):
        return []
    figures = []
    for wave in Wave.objects.with_perm(user, ECONOMY_MANAGE).filter(status=Wave.Status.OPEN)[:2]:
        rate = response_rate(wave)
        if rate["rate"] is not None:
            figures.append(
                Figure(
                    _("Rücklauf der Konjunkturumfrage %(wave)s") % {"wave": wave},
                    rate["rate"],
                    reverse("economy:invitation_list", args=[wave.pk]),
                    unit="%",
                )
            )
    return figures
