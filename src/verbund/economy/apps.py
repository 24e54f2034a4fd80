from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "verbund.economy"
    label = "economy"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from verbund.core.services.audit_labels import register_action_label
        from verbund.economy import (
            dashboard,  # noqa: F401 - tasks, figures, capability
            permissions,  # noqa: F401 - registers the permissions
        )

        register_action_label("economy.invitation.link_shown", _("Persönlicher Link angezeigt"))
