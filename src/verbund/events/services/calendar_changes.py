"""Calendars that follow changes: a moved or cancelled event reaches every calendar.

A change of time or place raises the event's stored iCalendar SEQUENCE and mails each
registered participant (confirmed, offered or waiting) the updated entry with
METHOD:REQUEST; a cancellation sets STATUS:CANCELLED and mails METHOD:CANCEL. Subscribed
feeds pick up the new SEQUENCE/STATUS on their next refresh. More than
``INLINE_RECIPIENTS`` mails are sent by the background worker.
"""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from verbund.core.services import audit, jobs
from verbund.events.models import Event, Registration
from verbund.events.models.events import ACTIVE_STATUSES
from verbund.events.services.calendar import absolute, event_ics

logger = logging.getLogger(__name__)

WATCHED = ("start", "end", "place", "street", "postcode", "city")
INLINE_RECIPIENTS = 20
JOB = "events.calendar_update"


def snapshot(event) -> dict | None:
    if event.pk is None:
        return None
    stored = Event.objects.filter(pk=event.pk).values(*WATCHED).first()
    return stored


def after_save(event, before: dict | None, user=None) -> bool:
    """Raise SEQUENCE and tell the participants when time or place changed; True if so."""
    if before is None or all(before[name] == getattr(event, name) for name in WATCHED):
        return False
    Event.objects.filter(pk=event.pk).update(ical_sequence=F("ical_sequence") + 1)
    event.refresh_from_db(fields=["ical_sequence"])
    _notify(event, "REQUEST", user)
    return True


def cancel(event, user=None) -> bool:
    """Cancel the event for everyone's calendar (audited); False if it already was."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at is not None:
            return False
        locked.cancelled_at = timezone.now()
        locked.ical_sequence += 1
        locked.save(update_fields=["cancelled_at", "ical_sequence", "updated_at"])
        audit.record(locked, "events.event.cancelled", user)
        event.cancelled_at, event.ical_sequence = locked.cancelled_at, locked.ical_sequence
        _notify(locked, "CANCEL", user)
    return True


def _recipients(event) -> list[int]:
    return list(
        Registration.objects.filter(event=event, status__in=ACTIVE_STATUSES)
        .exclude(email="")
        .values_list("pk", flat=True)
    )


def _notify(event, method: str, user) -> None:
    ids = _recipients(event)
    if not ids:
        return
    if len(ids) > INLINE_RECIPIENTS:
        transaction.on_commit(
            lambda: jobs.start(
                JOB,
                user=user,
                title=_("Kalender-Aktualisierung: %(event)s") % {"event": event.title},
                params={"event": event.pk, "method": method},
            )
        )
        return
    transaction.on_commit(lambda: send_all(event.pk, method))


def send_all(event_id: int, method: str) -> int:
    event = Event.objects.select_related("organization").get(pk=event_id)
    sent = 0
    for registration in Registration.objects.filter(pk__in=_recipients(event)):
        sent += send_one(event, registration, method)
    return sent


def send_one(event, registration, method: str) -> bool:
    when = formats.date_format(timezone.localtime(event.start), "DATETIME_FORMAT")
    place = ", ".join(part for part in (event.place, event.city) if part)
    if method == "CANCEL":
        subject = _("Abgesagt: %(event)s") % {"event": event.title}
        news = _("die Veranstaltung ist abgesagt. Ihr Kalendereintrag wird entfernt.")
    else:
        subject = _("Geändert: %(event)s") % {"event": event.title}
        news = _("Zeit oder Ort der Veranstaltung haben sich geändert. Neu:")
    body = "\n".join(
        [
            _("Guten Tag %(name)s,") % {"name": registration.name},
            "",
            news,
            "",
            event.title,
            when,
            place,
            "",
            absolute(event.get_absolute_url()),
        ]
    )
    message = EmailMessage(subject, body, to=[registration.email])
    ics = event_ics(event, method=method, attendee=registration.email)
    message.attach("veranstaltung.ics", ics, f"text/calendar; method={method}")
    try:
        message.send()
    except OSError:
        logger.exception("calendar update to registration %s failed", registration.pk)
        return False
    return True


@jobs.register(JOB)
def calendar_update(job, progress):
    """Many participants: the update or cancellation mails, sent by the worker."""
    sent = send_all(job.params["event"], job.params["method"])
    progress(1.0, noop("Nachrichten verschickt."))
    return {"sent": sent}
