from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "verbund.exams"
    label = "exams"
    verbose_name = _("Prüfungswesen")

    def ready(self):
        # Figures, tasks (expiring appointments), capability and navigation entry.
        from verbund.exams import dashboard  # noqa: F401
