from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "verbund.exams"
    label = "exams"
    verbose_name = _("Prüfungswesen")

    def ready(self):
        # Figures, tasks (expiring appointments), capability and navigation entry.
        # An examiner's person is seen by the exam department, not by the network (docs/privacy.md).
        from verbund.core.querysets import register_data_subjects
        from verbund.exams import dashboard  # noqa: F401
        from verbund.exams.models import Examiner

        register_data_subjects(Examiner)
