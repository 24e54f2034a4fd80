"""ICS feeds of activities (RFC 5545), for calendar apps."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Event

from verbund.core.services import ical

BERLIN = ZoneInfo(settings.TIME_ZONE)


def activities_ics(activities, name: str) -> bytes:
    calendar = ical.calendar("Aktivitäten", name)
    for activity in activities:
        event = Event()
        event.add("uid", ical.uid("activity", activity.pk))
        event.add("summary", ical.one_line(activity.title))
        ical.add_state(event)
        if activity.start_time:
            event.add("dtstart", datetime.combine(activity.start, activity.start_time, BERLIN))
            end_time = activity.end_time or activity.start_time
            event.add("dtend", datetime.combine(activity.last_day, end_time, BERLIN))
        else:
            event.add("dtstart", activity.start)
            event.add("dtend", activity.last_day + timedelta(days=1))
        if activity.place:
            event.add("location", ical.one_line(activity.place))
        description = f"{activity.get_kind_display()} – {activity.network}"
        if activity.notes:
            description += "\n\n" + ical.text(activity.notes)
        event.add("description", description)
        event.add("url", settings.SITE_URL.rstrip("/") + activity.get_absolute_url())
        event.add("dtstamp", activity.updated_at)
        calendar.add_component(event)
    return calendar.to_ical()
