"""ICS files (icalendar): one event, the public feed, a participant's B2B agenda.

Every entry carries STATUS (CONFIRMED or CANCELLED), the event's stored SEQUENCE (raised on
every change of time or place, see calendar_changes), GEO and ORGANIZER, and a UID on the
site's host, so a moved or cancelled event replaces the copy in a subscriber's calendar.
A mailed file has METHOD:REQUEST (or CANCEL) and names the recipient as ATTENDEE.
"""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Event as CalendarEvent
from icalendar import vCalAddress, vText

from verbund.core.services import ical


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _location(event) -> str:
    return ", ".join(part for part in (event.place, event.street, event.city) if part)


def _entry(uid, summary, start, end, location="", description="", url=""):
    entry = CalendarEvent()
    entry.add("uid", uid)
    entry.add("summary", ical.one_line(summary))
    entry.add("dtstart", start)
    entry.add("dtend", end)
    entry.add("dtstamp", timezone.now())
    if location:
        entry.add("location", ical.one_line(location))
    if description:
        entry.add("description", ical.text(description))
    if url:
        entry.add("url", url)
    return entry


def _organizer(event):
    organization = event.organization
    return ical.organizer(organization.name, organization.email)


def event_entry(event, attendee: str = ""):
    entry = _entry(
        ical.uid("event", event.pk),
        event.title,
        event.start,
        event.end,
        _location(event),
        event.description,
        absolute(event.get_absolute_url()),
    )
    ical.add_state(
        entry,
        cancelled=event.cancelled_at is not None,
        sequence=event.ical_sequence,
        lat=event.lat,
        lon=event.lon,
    )
    entry.add("organizer", _organizer(event))
    if attendee:
        address = vCalAddress(f"mailto:{attendee}")
        address.params["role"] = vText("REQ-PARTICIPANT")
        entry.add("attendee", address)
    return entry


def event_ics(event, method: str | None = None, attendee: str = "") -> bytes:
    """The event's file; a mailed one has ``method`` (REQUEST or CANCEL) and its recipient."""
    calendar = ical.calendar("Veranstaltungen", event.title, method)
    calendar.add_component(event_entry(event, attendee))
    return calendar.to_ical()


def feed_ics(events, name: str) -> bytes:
    calendar = ical.calendar("Veranstaltungen", name)
    for event in events:
        calendar.add_component(event_entry(event))
    return calendar.to_ical()


def agenda_ics(event, rows, name: str) -> bytes:
    """``rows``: agenda rows with ``start``/``end`` datetimes, ``table``, ``partner``, ``id``.

    A meeting shares the event's state: when the event is cancelled or moves, so does it.
    """
    calendar = ical.calendar("Veranstaltungen", name)
    for row in rows:
        entry = _entry(
            ical.uid("b2b", event.pk, row["id"], row["representative"]),
            row["summary"],
            row["start"],
            row["end"],
            f"{_location(event)} – {row['table_label']}",
        )
        ical.add_state(
            entry,
            cancelled=event.cancelled_at is not None or row.get("cancelled", False),
            sequence=event.ical_sequence + row.get("sequence", 0),
            lat=event.lat,
            lon=event.lon,
        )
        entry.add("organizer", _organizer(event))
        calendar.add_component(entry)
    return calendar.to_ical()


def slot_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))
