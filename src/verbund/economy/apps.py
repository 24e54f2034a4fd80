from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "verbund.economy"
    label = "economy"

    def ready(self):

        from verbund.core.services.audit_labels import register_action_label
        from verbund.economy import (
            dashboard,  # noqa: F401 - tasks, figures, capability
            permissions,  # noqa: F401 - registers the permissions
        )

        register_action_label("economy.invitation.link_shown", _("Persönlicher Link angezeigt"))

        from verbund.core.services import legal

        # The privacy notice shown beside this app's forms that collect personal data.
        legal.register_notice("economy", _("Konjunkturumfrage"))
