from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprenticeshipConfig(AppConfig):
    name = "verbund.apprenticeship"
    label = "apprenticeship"
    verbose_name = _("Verbundausbildung")

    def ready(self):
        # Tasks (AEVO, partner requests, contract approvals), capability, reference data.
        from verbund.apprenticeship import dashboard  # noqa: F401
