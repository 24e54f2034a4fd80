from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "verbund.courses"
    label = "courses"
    verbose_name = _("Weiterbildung")

    def ready(self):
        from verbund.courses import tasks  # noqa: F401 - registers the dashboard task
