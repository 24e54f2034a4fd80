from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "verbund.needs"
    label = "needs"
