from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "verbund.advice"
    label = "advice"
    verbose_name = _("Beratung")

    def ready(self):
        from verbund.core.services import legal

        # The privacy notice shown beside this app's forms that collect personal data.
        legal.register_notice("advice", _("Beratungsfälle"))

        # Case needs count in the needs analysis; follow-ups appear as dashboard tasks.
        from verbund.advice import dashboard, tasks  # noqa: F401
        from verbund.advice.services import demand  # noqa: F401
