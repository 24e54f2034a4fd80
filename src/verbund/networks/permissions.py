from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

NETWORKS_EDIT = register(
    "networks.edit",
    _("Netzwerke bearbeiten: Mitglieder, Vereinbarungen, Ziele, Bilanzen, Aktivitäten"),
)
