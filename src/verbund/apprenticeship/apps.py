from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprenticeshipConfig(AppConfig):
    name = "verbund.apprenticeship"
    label = "apprenticeship"
    verbose_name = _("Verbundausbildung")

    def ready(self):
        # Registers the dashboard task provider (AEVO, partner requests, contract approvals).
        from verbund.apprenticeship.services import dashboard  # noqa: F401
