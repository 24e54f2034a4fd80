"""What needs contributes to core's pages: the coordinator's survey figures, unmet demand
for providers, offers for a company's reported needs, the network's surveys.

Imported from ``NeedsConfig.ready`` (core imports no feature app). Gap figures run the gap
report (privacy rules applied, as on the gap pages) for the running or latest wave only.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from verbund.core.models import Topic
from verbund.core.services import access
from verbund.core.services import topics as taxonomy
from verbund.core.services.capabilities import Capability, capability_provider, links_to
from verbund.core.services.dashboard import Figure, companies_of, figure_provider
from verbund.courses.models import Offer
from verbund.needs.models import Need, Wave
from verbund.needs.services import gaps
from verbund.needs.services.waves import response_rate

# The horizon (months) the dashboard's gap figures count, the middle one of the gap pages.
GAP_HORIZON = 12
# Offers for a company without reported needs: what the course search finds for its place
# (runs within the search's default radius, and offers one can take anywhere: online).
NEARBY_KM = 25


def _latest(waves, status):
    return waves.filter(status=status).order_by("-opens_on", "-pk").first()


def _open_gaps(wave, districts=None) -> int:
    rows = gaps.gap_report(
        wave, by_target_group=False, districts=districts, horizons=(GAP_HORIZON,)
    )
    shown, _withheld = gaps.published(rows)
    return sum(1 for row in shown if row.gap > 0)


@figure_provider(order=70)
def survey_figures(user):
    """The coordinator's survey: response rate of the running wave, open gaps of the latest."""
    if not access.has_perm(user, "needs.manage"):
        return []
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


@figure_provider(order=80)
def provider_demand_figures(user):
    """A provider: gaps within reach of its place (the page "Ungedeckter Bedarf")."""
    if not access.has_perm(user, "courses.edit_own"):
        return []
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


@figure_provider(order=100)
def company_offer_figures(user):
    """A company: offers on the topics of its reported needs, else offers near its place."""
    companies = companies_of(user)
    if not companies.exists():
        return []
    topic_ids = set(
        Need.objects.filter(response__organization__in=companies)
        .exclude(topic=None)
        .values_list("topic_id", flat=True)
    )
    if not topic_ids:
        return _offers_nearby(companies)
    # The search finds a topic's narrower topics too (the index stores every offer under
    # its topics and their broader ones): count the same way, so the figure and the page
    # behind its link agree.
    chains = taxonomy.ancestor_chains()
    family = set().union(*(taxonomy.family_ids(pk, chains) for pk in topic_ids))
    offers = Offer.objects.searchable().filter(topics__in=family).distinct().count()
    codes = Topic.objects.filter(pk__in=topic_ids).order_by("code")
    query = urlencode([("topic", code) for code in codes.values_list("code", flat=True)])
    return [
        Figure(
            _("Angebote zu Ihrem gemeldeten Bedarf"),
            offers,
            reverse("courses:search") + "?" + query,
        )
    ]


@capability_provider(order=10)
def needs_surveys(network, user):
    waves = Wave.objects.visible_to(user).filter(network=network).order_by("-opens_on")
    if not waves.exists():
        return None
    return Capability(_("Bedarfsbefragungen"), links_to(waves))
