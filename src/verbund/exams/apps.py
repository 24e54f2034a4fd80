from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "verbund.exams"
    label = "exams"
    verbose_name = _("Prüfungswesen")

    def ready(self):
        # Registers the dashboard task provider (expiring appointments).
        from verbund.exams.services import pool  # noqa: F401
