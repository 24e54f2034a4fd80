from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilityConfig(AppConfig):
    name = "verbund.mobility"
    label = "mobility"
    verbose_name = _("Internationale Mobilität")

    def ready(self):
        # The network capability (core imports no feature app).
        from verbund.mobility import dashboard  # noqa: F401
