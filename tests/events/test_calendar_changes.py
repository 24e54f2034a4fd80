"""Calendars that follow changes: STATUS, SEQUENCE, METHOD, GEO, ORGANIZER, UIDs on the
site's host, one-line titles; every file is read by two independent parsers."""

import datetime

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse

from tests import factories
from verbund.core.models import Job
from verbund.events.models import Event
from verbund.events.services import calendar, calendar_changes
from verbund.events.services import registration as registrations

SITE = "https://verbund.example.org"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


def parse_both(content: bytes):
    """(icalendar VEVENTs, vobject VEVENTs, METHOD) of one file, read by both libraries."""
    text = content.decode()
    by_icalendar = icalendar.Calendar.from_ical(text)
    by_vobject = vobject.readOne(text)
    method = str(by_icalendar.get("method", ""))
    vobject_method = by_vobject.method.value if hasattr(by_vobject, "method") else ""
    assert method == vobject_method
    return list(by_icalendar.walk("VEVENT")), list(by_vobject.vevent_list), method


def test_feed_entry_has_state_geo_organizer_and_a_one_line_title(client, event):
    Event.objects.filter(pk=event.pk).update(
        title="Wirtschaft trifft\r\nWirtschaft\nim Werk", lat=51.3, lon=7.34
    )
    content = client.get(reverse("events:feed_ics")).content
    assert b"\r\n\r\n" not in content
    (first,), (second,), method = parse_both(content)
    assert method == ""
    assert str(first["summary"]) == second.summary.value == "Wirtschaft trifft Wirtschaft im Werk"
    assert str(first["uid"]) == second.uid.value == f"event-{event.pk}@verbund.example.org"
    assert str(first["status"]) == second.status.value == "CONFIRMED"
    assert int(first["sequence"]) == int(second.sequence.value) == 0
    assert (first["geo"].latitude, first["geo"].longitude) == (51.3, 7.34)
    assert second.geo.value == "51.3;7.34"
    assert str(first["organizer"]).startswith("mailto:")
    assert first["organizer"].params["CN"] == event.organization.name


def _registered(event, count=2):
    Event.objects.filter(pk=event.pk).update(capacity=max(count, 3))
    event.refresh_from_db()
    for number in range(count):
        registrations.register(event, name=f"Person {number}", email=f"p{number}@example.org")
    mail.outbox.clear()


def test_moving_raises_sequence_and_mails_a_request(event, django_capture_on_commit_callbacks):
    _registered(event)
    before = calendar_changes.snapshot(event)
    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    event.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert calendar_changes.after_save(event, before)
    assert Event.objects.get(pk=event.pk).ical_sequence == 1
    assert len(mail.outbox) == 2 and mail.outbox[0].subject.startswith("Geändert:")
    name, content, kind = mail.outbox[0].attachments[0]
    assert kind == "text/calendar; method=REQUEST"
    (first,), (second,), method = parse_both(
        content.encode() if isinstance(content, str) else content
    )
    assert method == "REQUEST"
    assert int(first["sequence"]) == int(second.sequence.value) == 1
    assert first["dtstart"].dt == event.start.replace(microsecond=0)  # the moved start
    assert second.attendee.value == "mailto:" + mail.outbox[0].to[0]
    # An unchanged save raises nothing and mails nobody.
    mail.outbox.clear()
    assert not calendar_changes.after_save(event, calendar_changes.snapshot(event))
    assert mail.outbox == []


def test_cancellation_reaches_feed_and_mailed_calendars(
    client, event, django_capture_on_commit_callbacks
):
    _registered(event)
    with django_capture_on_commit_callbacks(execute=True):
        assert calendar_changes.cancel(event)
    assert not calendar_changes.cancel(event)  # once
    (first,), (second,), method = parse_both(mail.outbox[0].attachments[0][1].encode())
    assert method == "CANCEL"
    assert str(first["status"]) == second.status.value == "CANCELLED"
    assert int(second.sequence.value) == 1
    feed = client.get(reverse("events:feed_ics")).content
    (first,), (second,), _method = parse_both(feed)
    assert str(first["status"]) == second.status.value == "CANCELLED"
    assert int(first["sequence"]) == 1


def test_many_participants_are_told_by_a_job(
    event, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(calendar_changes, "INLINE_RECIPIENTS", 1)
    _registered(event, count=3)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_changes.cancel(event)
    job = Job.objects.get(kind=calendar_changes.JOB)
    assert job.params == {"event": event.pk, "method": "CANCEL"}


def test_cancel_permissions(client, event, organiser_a, org_b):
    url = reverse("events:event_cancel", args=[event.pk])
    assert client.post(url).status_code == 302 and "login" in client.post(url)["Location"]
    client.force_login(factories.user("niemand"))
    assert client.post(url).status_code in (403, 404)
    other = factories.user("fremd", organization=org_b)
    factories.grant(other, ["events.manage"], organization=org_b)
    client.force_login(other)
    assert client.post(url).status_code in (403, 404)
    assert Event.objects.get(pk=event.pk).cancelled_at is None
    client.force_login(organiser_a)
    response = client.post(url)
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).cancelled_at is not None
    assert client.get(url).status_code == 405


def test_agenda_entries_share_the_events_state(event):
    start = calendar.slot_datetime(datetime.date(2031, 5, 6), datetime.time(10, 0))
    rows = [
        {
            "id": 7,
            "representative": 3,
            "summary": "Gespräch mit\nMuster GmbH",
            "start": start,
            "end": start + datetime.timedelta(minutes=20),
            "table_label": "Tisch 1",
        }
    ]
    calendar_changes.cancel(event)
    event.refresh_from_db()
    (first,), (second,), _method = parse_both(calendar.agenda_ics(event, rows, "B2B"))
    assert str(first["summary"]) == "Gespräch mit Muster GmbH"
    assert second.status.value == "CANCELLED" and second.uid.value.endswith("@verbund.example.org")


def test_a_cancelled_event_takes_no_registrations(event):
    calendar_changes.cancel(event)
    event.refresh_from_db()
    with pytest.raises(registrations.RegistrationClosed, match="abgesagt"):
        registrations.register(event, name="Spät", email="spaet@example.org")
