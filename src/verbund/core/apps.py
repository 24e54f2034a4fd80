from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "verbund.core"
    label = "core"
