from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilityConfig(AppConfig):
    name = "verbund.mobility"
    label = "mobility"
    verbose_name = _("Internationale Mobilität")

    def ready(self):
        from verbund.core.services import legal

        # The privacy notice shown beside this app's forms that collect personal data.
        legal.register_notice("mobility", _("Bewerbung um einen Auslandsaufenthalt"))
