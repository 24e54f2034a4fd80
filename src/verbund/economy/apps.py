from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "verbund.economy"
    label = "economy"

    def ready(self):
        from verbund.economy import (
            dashboard,  # noqa: F401 - tasks, figures, capability
            permissions,  # noqa: F401 - registers the permissions
        )
