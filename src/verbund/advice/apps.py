from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "verbund.advice"
    label = "advice"
    verbose_name = _("Beratung")

    def ready(self):
        # Case needs count in the needs analysis; follow-ups appear as dashboard tasks.
        from verbund.advice import dashboard, tasks  # noqa: F401
        from verbund.advice.services import demand  # noqa: F401
