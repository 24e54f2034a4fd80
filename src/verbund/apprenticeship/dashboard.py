"""What Verbundausbildung contributes to core's pages: its tasks (AEVO, partner requests,
contract approvals) and the network's training capability; the shipped framework plans
as reference data.

Imported from ``ApprenticeshipConfig.ready`` (core imports no feature app).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from verbund.apprenticeship.querysets import training_networks
from verbund.apprenticeship.services import dashboard  # noqa: F401 - registers the tasks
from verbund.apprenticeship.services.plans import seed_plans
from verbund.core.services import reference_data
from verbund.core.services.capabilities import Capability, capability_provider
from verbund.networks.models import Network

reference_data.register(seed_plans)


@capability_provider(order=70)
def verbund_training(network, user):
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
