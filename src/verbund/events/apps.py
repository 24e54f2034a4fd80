from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "verbund.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        # Offered seats and unanswered meeting requests appear as dashboard tasks.
        from verbund.events import dashboard  # noqa: F401
