from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "verbund.networks"
    label = "networks"
    verbose_name = _("Netzwerke")

    def ready(self):
        from verbund.networks.services import tasks  # noqa: F401 - registers dashboard tasks
