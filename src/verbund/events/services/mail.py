"""Mails to registrants, sent after the transaction commits; a confirmation has the event's
ICS, and every mail (expiry and cancellation included) the personal link (cancel, confirm
an offered seat, 'no longer interested', or just the status)."""

import logging

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from verbund.events.services.calendar import absolute, event_ics

logger = logging.getLogger(__name__)


def _subject(registration, reason: str) -> str:
    event = registration.event
    status = registration.status
    if reason == "expired":
        return _("Platzangebot verfallen: %(event)s") % {"event": event}
    if reason == "registered" and status == "offered":
        return _("Bitte bestätigen Sie Ihre Anmeldung: %(event)s") % {"event": event}
    if status == "confirmed":
        return _("Anmeldung bestätigt: %(event)s") % {"event": event}
    if status == "waitlisted":
        return _("Auf der Warteliste: %(event)s") % {"event": event}
    if status == "offered":
        return _("Ein Platz ist frei: %(event)s") % {"event": event}
    return _("Abmeldung bestätigt: %(event)s") % {"event": event}


def _body(registration, reason: str) -> str:
    from verbund.events.services.registration import position

    event = registration.event
    when = formats.date_format(timezone.localtime(event.start), "DATETIME_FORMAT")
    link = absolute(reverse("events:registration_manage", args=[registration.token]))
    lines = [_("Guten Tag %(name)s,") % {"name": registration.name}, ""]
    status = registration.status
    if reason == "expired":
        lines.append(_("Ihr Platzangebot wurde nicht rechtzeitig bestätigt und ist verfallen."))
    elif reason == "registered" and status == "offered":
        until = formats.date_format(
            timezone.localtime(registration.offer_expires_at), "DATETIME_FORMAT"
        )
        lines.append(
            _(
                "Wir halten %(seats)s Platz/Plätze bis %(until)s für Sie frei. Bitte bestätigen "
                "Sie Ihre Anmeldung über den Link unten; ohne Bestätigung verfällt die "
                "Reservierung."
            )
            % {"seats": registration.seats, "until": until}
        )
    elif status == "confirmed":
        lines.append(
            _("Ihre Anmeldung für %(seats)s Platz/Plätze ist bestätigt.")
            % {"seats": registration.seats}
        )
    elif status == "waitlisted":
        lines.append(
            _("Die Veranstaltung ist ausgebucht. Sie stehen auf Platz %(position)s der Warteliste.")
            % {"position": position(registration)}
        )
    elif status == "offered":
        until = formats.date_format(
            timezone.localtime(registration.offer_expires_at), "DATETIME_FORMAT"
        )
        lines.append(
            _("Ein Platz ist frei geworden. Bitte bestätigen Sie ihn bis %(until)s.")
            % {"until": until}
        )
    else:
        lines.append(_("Ihre Anmeldung ist storniert."))
    lines += [
        "",
        f"{event.title}",
        when,
        ", ".join(part for part in (event.place, event.city) if part),
        "",
    ]
    if registration.is_active:
        lines.append(
            _("Absagen, Platz bestätigen oder „kein Interesse mehr“ melden: %(link)s")
            % {"link": link}
        )
    else:
        # Expired and cancelled too: the page shows the status, so nobody has to ask.
        lines.append(_("Ihre Anmeldung ansehen: %(link)s") % {"link": link})
    return "\n".join(lines)


def send_status_mail(registration_id: int, reason: str) -> bool:
    from verbund.events.models import Registration

    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or not registration.email:
        return False
    message = EmailMessage(
        _subject(registration, reason), _body(registration, reason), to=[registration.email]
    )
    if registration.status == "confirmed":
        ics = event_ics(registration.event, method="REQUEST", attendee=registration.email)
        message.attach("veranstaltung.ics", ics, "text/calendar; method=REQUEST")
    try:
        message.send()
    except OSError:  # the registration stands; the mail server is someone else's problem
        logger.exception("event mail to registration %s failed", registration_id)
        return False
    return True
