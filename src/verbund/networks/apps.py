from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "verbund.networks"
    label = "networks"
    verbose_name = _("Netzwerke")

    def ready(self):
        from verbund.core.services import access
        from verbund.networks import dashboard  # noqa: F401 - figures, tasks, core pages
        from verbund.networks.memberships import networks_of_organizations

        # Members of a network's organizations belong to the network (core's permission
        # checks ask this lookup; core imports no feature app).
        access.membership_lookup(networks_of_organizations)
