from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "verbund.economy"
    label = "economy"

    def ready(self):
        from verbund.core.services import legal

        # The privacy notice shown beside this app's forms that collect personal data.
        legal.register_notice("economy", _("Konjunkturumfrage"))

        from verbund.economy import permissions  # noqa: F401 - registers the permissions
        from verbund.economy.services import dashboard  # noqa: F401 - registers dashboard tasks
