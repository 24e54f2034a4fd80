from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "verbund.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from verbund.core.services import legal

        # The privacy notice shown beside this app's forms that collect personal data.
        legal.register_notice("events", _("Anmeldung zu Veranstaltungen"))

        # Offered seats and unanswered meeting requests appear as dashboard tasks.
        from datetime import timedelta

        from verbund.core.services import periodic
        from verbund.events import dashboard, tasks  # noqa: F401
        from verbund.events.services import calendar_changes  # noqa: F401 (its job)

        # Unanswered waiting-list offers pass on, meeting requests lapse: the worker
        # enqueues this every five minutes (no cron needed).
        periodic.register(tasks.expire_offers, every=timedelta(minutes=5))
