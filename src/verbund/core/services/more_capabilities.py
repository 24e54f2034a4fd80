"""More of what a network uses, for its page (see ``capabilities``): its course database,
events, business-climate report, Verbundausbildung and stays abroad.

Each provider links only what the user may open (querysets with ``visible_to``) and
returns None when the network does not use the capability.
"""

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbund.core.services.capabilities import Capability, _links, capability_provider


def _installed(app: str) -> bool:
    return apps.is_installed(f"verbund.{app}")


@capability_provider
def course_database(network, user):
    """Offers of the network's member providers in the public course search."""
    if not _installed("courses"):
        return None
    from verbund.courses.models import Offer

    providers = list(
        network.memberships.filter(organization__course_offers__isnull=False)
        .values_list("organization_id", flat=True)
        .distinct()
    )
    if not providers:
        return None
    count = Offer.objects.searchable().filter(provider__in=providers).count()
    if not count:
        return None
    search = reverse("courses:search")
    links = [
        (
            _("Angebote der Mitglieder suchen"),
            search + "?" + "&".join(f"provider={pk}" for pk in providers[:20]),
        )
    ]
    summary = ngettext(
        "%(count)s Weiterbildungsangebot von Mitgliedern",
        "%(count)s Weiterbildungsangebote von Mitgliedern",
        count,
    ) % {"count": count}
    return Capability(_("Weiterbildungsdatenbank"), links, summary)


@capability_provider
def network_events(network, user):
    if not _installed("events"):
        return None
    from django.utils import timezone

    from verbund.events.models import Event

    events = (
        Event.objects.visible_to(user)
        .filter(network=network, end__gte=timezone.now())
        .order_by("start")
    )
    if not events.exists():
        return None
    return Capability(_("Veranstaltungen"), _links(events))


@capability_provider
def climate_report(network, user):
    if not _installed("economy"):
        return None
    from verbund.economy.models import Report, Wave

    waves = Wave.objects.visible_to(user).filter(network=network).order_by("-pk")
    if not waves.exists():
        return None
    reports = Report.objects.visible_to(user).filter(wave__network=network).order_by("-pk")
    links = _links(reports) if reports.exists() else _links(waves)
    return Capability(_("Konjunkturumfrage und Bericht"), links)


@capability_provider
def verbund_training(network, user):
    if not _installed("apprenticeship"):
        return None
    from verbund.apprenticeship.querysets import training_networks
    from verbund.networks.models import Network

    visible = training_networks(Network.objects.visible_to(user)).filter(pk=network.pk)
    if not visible.exists() or not hasattr(network, "apprenticeship_setup"):
        return None
    return Capability(
        _("Verbundausbildung"),
        [
            (
                _("Verbund, Rotationsplan und Kostenteilung"),
                reverse("apprenticeship:verbund_detail", args=[network.pk]),
            )
        ],
    )


@capability_provider
def stays_abroad(network, user):
    if not _installed("mobility"):
        return None
    from verbund.mobility.models import Exchange, MobilityProject

    projects = MobilityProject.objects.visible_to(user).filter(network=network).order_by("-pk")
    exchanges = Exchange.objects.visible_to(user).filter(network=network).order_by("-pk")
    links = _links(projects) + _links(exchanges)
    if not links:
        return None
    return Capability(_("Auslandsaufenthalte und Austausch"), links[:5])
