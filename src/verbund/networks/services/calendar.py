"""ICS feeds of activities (RFC 5545), for calendar apps."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

BERLIN = ZoneInfo(settings.TIME_ZONE)


def activities_ics(activities, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//verbund//Aktivitäten//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for activity in activities:
        event = Event()
        event.add("uid", f"activity-{activity.pk}@verbund")
        event.add("summary", activity.title)
        if activity.start_time:
            event.add("dtstart", datetime.combine(activity.start, activity.start_time, BERLIN))
            end_time = activity.end_time or activity.start_time
            event.add("dtend", datetime.combine(activity.last_day, end_time, BERLIN))
        else:
            event.add("dtstart", activity.start)
            event.add("dtend", activity.last_day + timedelta(days=1))
        if activity.place:
            event.add("location", activity.place)
        description = f"{activity.get_kind_display()} – {activity.network}"
        if activity.notes:
            description += "\n\n" + activity.notes
        event.add("description", description)
        event.add("url", settings.SITE_URL.rstrip("/") + activity.get_absolute_url())
        event.add("dtstamp", activity.updated_at)
        calendar.add_component(event)
    return calendar.to_ical()
