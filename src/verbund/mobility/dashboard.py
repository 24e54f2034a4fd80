"""What mobility contributes to core's pages: the network's stays abroad and exchanges.

Imported from ``MobilityConfig.ready`` (core imports no feature app).
"""

from django.utils.translation import gettext as _

from verbund.core.services.capabilities import Capability, capability_provider, links_to
from verbund.mobility.models import Exchange, MobilityProject


@capability_provider(order=80)
def stays_abroad(network, user):
    projects = MobilityProject.objects.visible_to(user).filter(network=network).order_by("-pk")
    exchanges = Exchange.objects.visible_to(user).filter(network=network).order_by("-pk")
    links = links_to(projects) + links_to(exchanges)
    if not links:
        return None
    return Capability(_("Auslandsaufenthalte und Austausch"), links[:5])
