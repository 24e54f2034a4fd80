from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "verbund.funding"
    label = "funding"
    verbose_name = _("Förderung")

    def ready(self):
        from verbund.funding import dashboard, permissions  # noqa: F401 - registers

        dashboard.register()
