from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "verbund.needs"
    label = "needs"

    def ready(self):
        # Figures and the network capability (core imports no feature app).
        from verbund.needs import dashboard  # noqa: F401
