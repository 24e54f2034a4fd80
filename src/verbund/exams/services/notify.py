"""Tell examiners about their sittings: mail with an ICS file (icalendar)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from verbund.core.services import ical

BERLIN = ZoneInfo(settings.TIME_ZONE)


def assignments_ics(assignments, name: str, method: str | None = None) -> bytes:
    """The examiner's sittings; a declined one stays as STATUS:CANCELLED (a higher
    SEQUENCE), so it leaves a subscribed calendar instead of lingering there."""
    calendar = ical.calendar("Prüfungstermine", name, method)
    for assignment in assignments:
        sitting = assignment.sitting
        event = Event()
        event.add("uid", ical.uid("exam-assignment", assignment.pk))
        event.add(
            "summary",
            ical.one_line(
                _("Prüfung %(occupation)s (%(board)s)")
                % {"occupation": sitting.occupation.name, "board": sitting.board.code}
            ),
        )
        event.add("dtstart", datetime.combine(sitting.date, sitting.start_time, BERLIN))
        event.add("dtend", datetime.combine(sitting.date, sitting.end_time, BERLIN))
        event.add("location", ical.one_line(sitting.place))
        event.add("description", f"{assignment.get_group_display()} – {sitting.board.name}")
        event.add("url", settings.SITE_URL.rstrip("/") + reverse("exams:my_sittings"))
        event.add("dtstamp", timezone.now())
        declined = assignment.declined_at is not None
        ical.add_state(
            event, cancelled=declined, sequence=int(declined), lat=sitting.lat, lon=sitting.lon
        )
        event.add("organizer", ical.organizer(sitting.board.name))
        calendar.add_component(event)
    return calendar.to_ical()


def mail_assignments(examiner, assignments) -> bool:
    """One mail with all of ``assignments`` and an ICS attachment; False without address."""
    email = examiner.person.email
    if not email or not assignments:
        return False
    lines = [
        _("Guten Tag %(name)s,") % {"name": examiner.person.full_name},
        "",
        _("Sie sind für folgende Prüfungstermine eingeplant:"),
    ]
    for assignment in assignments:
        sitting = assignment.sitting
        lines.append(
            f"- {sitting.date:%d.%m.%Y} {sitting.start_time:%H:%M}, {sitting.place}: "
            f"{sitting.occupation.name} ({assignment.get_group_display()})"
        )
    lines += [
        "",
        _("Falls Sie einen Termin nicht wahrnehmen können, sagen Sie bitte hier ab:"),
        settings.SITE_URL.rstrip("/") + reverse("exams:my_sittings"),
    ]
    message = EmailMessage(
        subject=_("Ihre Prüfungstermine"),
        body="\n".join(lines),
        to=[email],
    )
    message.attach(
        "pruefungstermine.ics",
        assignments_ics(assignments, _("Prüfungstermine"), method="PUBLISH"),
        "text/calendar",
    )
    message.send()
    return True


def mail_cancellations(examiner, removed) -> bool:
    """Tell ``examiner`` that published sittings ((sitting, group) pairs) were taken back."""
    email = examiner.person.email
    if not email or not removed:
        return False
    lines = [
        _("Guten Tag %(name)s,") % {"name": examiner.person.full_name},
        "",
        _("folgende Prüfungstermine entfallen für Sie; Sie werden dort nicht mehr gebraucht:"),
    ]
    for sitting, _group in removed:
        lines.append(f"- {sitting.date:%d.%m.%Y} {sitting.start_time:%H:%M}, {sitting.place}")
    lines += ["", _("Ihre übrigen Termine finden Sie hier:")]
    lines.append(settings.SITE_URL.rstrip("/") + reverse("exams:my_sittings"))
    EmailMessage(subject=_("Geänderte Prüfungstermine"), body="\n".join(lines), to=[email]).send()
    return True
