from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "verbund.advice"
    label = "advice"
