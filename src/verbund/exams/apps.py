from django.apps import AppConfig


class ExamsConfig(AppConfig):
    name = "verbund.exams"
    label = "exams"
