from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "verbund.economy"
    label = "economy"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from verbund.core.services.audit_labels import register_action_label
        from verbund.economy import permissions  # noqa: F401 - registers the permissions
        from verbund.economy.services import dashboard  # noqa: F401 - registers dashboard tasks

        register_action_label("economy.invitation.link_shown", _("Persönlicher Link angezeigt"))
