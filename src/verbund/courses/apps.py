from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "verbund.courses"
    label = "courses"
