"""The networks' demo steps (found by the demo registry's autodiscovery of ``<app>.demo``)."""

from verbund.core.demo.registry import MARKER_NETWORK_NAME, loaded_marker
from verbund.networks.demo import (  # noqa: F401 - the steps register themselves on import
    invitation,
    net_chambers,
    net_partnerships,
    net_regional,
    upcoming,
)
from verbund.networks.models import Network


@loaded_marker
def marker_network_exists() -> bool:
    return Network.objects.filter(name=MARKER_NETWORK_NAME).exists()
