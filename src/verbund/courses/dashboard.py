"""What courses contributes to core's pages: the provider's figures and tasks, the
network's course database capability.

Imported from ``CoursesConfig.ready`` (core imports no feature app).
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbund.core.services import access
from verbund.core.services.capabilities import Capability, capability_provider
from verbund.core.services.dashboard import Figure, figure_provider
from verbund.courses import tasks  # noqa: F401 - registers the dashboard task
from verbund.courses.models import Offer
from verbund.courses.services.offers import dormant_offers


@figure_provider(order=50)
def provider_figures(user):
    if not access.has_perm(user, "courses.edit_own"):
        return []
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


@capability_provider(order=40)
def course_database(network, user):
    """Offers of the network's member providers in the public course search."""
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
