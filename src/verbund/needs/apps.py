from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "verbund.needs"
    label = "needs"

    def ready(self):
        # Figures and the network capability (core imports no feature app).
        from verbund.core.services import legal
        from verbund.needs import dashboard  # noqa: F401

        # The privacy notice shown beside this app's forms that collect personal data.
        legal.register_notice("needs", _("Bedarfsumfragen"))
