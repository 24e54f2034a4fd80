from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "verbund.economy"
    label = "economy"

    def ready(self):
        from verbund.economy import permissions  # noqa: F401 - registers the permissions
        from verbund.economy.services import dashboard  # noqa: F401 - registers dashboard tasks
