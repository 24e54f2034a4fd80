"""What economy contributes to core's pages: tasks and figures of the economic-policy
department (running waves), the network's business-climate report.

Imported from ``EconomyConfig.ready`` (core imports no feature app).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from verbund.core.services import access
from verbund.core.services.capabilities import Capability, capability_provider, links_to
from verbund.core.services.dashboard import Figure, figure_provider
from verbund.economy.models import Report, Wave
from verbund.economy.permissions import ECONOMY_MANAGE
from verbund.economy.services import dashboard  # noqa: F401 - registers the tasks
from verbund.economy.services.waves import response_rate


@figure_provider(order=110)
def economy_figures(user):
    """The economic-policy department: response rate of the running business-climate wave."""
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


@capability_provider(order=60)
def climate_report(network, user):
    waves = Wave.objects.visible_to(user).filter(network=network).order_by("-pk")
    if not waves.exists():
        return None
    reports = Report.objects.visible_to(user).filter(wave__network=network).order_by("-pk")
    links = links_to(reports) if reports.exists() else links_to(waves)
    return Capability(_("Konjunkturumfrage und Bericht"), links)
