from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilityConfig(AppConfig):
    name = "verbund.mobility"
    label = "mobility"
    verbose_name = _("Internationale Mobilität")

    def ready(self):
        # The network capability (core imports no feature app).
        # Participants (often minors) are seen through their exchange or project, never
        # as contacts of a member organization (docs/privacy.md).
        from verbund.core.querysets import register_data_subjects
        from verbund.mobility import dashboard  # noqa: F401
        from verbund.mobility.models import Application, ExchangeParticipant, Stay

        for model in (ExchangeParticipant, Application, Stay):
            register_data_subjects(model)

        from verbund.core.services import legal

        # The privacy notice shown beside this app's forms that collect personal data.
        legal.register_notice("mobility", _("Bewerbung um einen Auslandsaufenthalt"))
