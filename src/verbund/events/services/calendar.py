"""ICS files (icalendar): one event, the public feed, a participant's B2B agenda."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//verbund//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def _location(event) -> str:
    return ", ".join(part for part in (event.place, event.street, event.city) if part)


def _entry(uid, summary, start, end, location="", description="", url=""):
    entry = CalendarEvent()
    entry.add("uid", uid)
    entry.add("summary", summary)
    entry.add("dtstart", start)
    entry.add("dtend", end)
    entry.add("dtstamp", timezone.now())
    if location:
        entry.add("location", location)
    if description:
        entry.add("description", description)
    if url:
        entry.add("url", url)
    return entry


def event_entry(event):
    return _entry(
        f"event-{event.pk}@verbund",
        event.title,
        event.start,
        event.end,
        _location(event),
        event.description,
        absolute(event.get_absolute_url()),
    )


def event_ics(event) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(event_entry(event))
    return calendar.to_ical()


def feed_ics(events, name: str) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(event_entry(event))
    return calendar.to_ical()


def agenda_ics(event, rows, name: str) -> bytes:
    """``rows``: agenda rows with ``start``/``end`` datetimes, ``table``, ``partner``, ``id``."""
    calendar = _calendar(name)
    for row in rows:
        calendar.add_component(
            _entry(
                f"b2b-{event.pk}-{row['id']}-{row['representative']}@verbund",
                row["summary"],
                row["start"],
                row["end"],
                f"{_location(event)} – {row['table_label']}",
            )
        )
    return calendar.to_ical()


def slot_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))
