"""The organiser's B2B setup page: permissions, saving (audited), German messages for
bad values, and the confirmation when a published schedule is affected."""

# The forum fixtures come from test_b2b; pytest passes them in by name (hence F811).
# ruff: noqa: F811

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.events.test_b2b import _accept_all, forum, forum_b, reps  # noqa: F401
from verbund.events.services import agenda, matchmaking

SETUP = {
    "morning_start": "09:00",
    "morning_slots": "4",
    "afternoon_start": "13:30",
    "afternoon_slots": "3",
    "slot_minutes": "25",
    "tables": "5",
    "request_minutes": "15",
    "max_pending": "10",
}


def test_setup_page_permissions(client, forum, forum_b, reps, organiser_a, event):
    url = reverse("events:b2b_setup", args=[forum.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.url
    client.force_login(reps[0].user)  # a participant without events.manage
    assert client.get(url).status_code == 403
    assert client.post(url, SETUP).status_code == 403
    client.force_login(organiser_a)
    assert client.get(reverse("events:b2b_setup", args=[forum_b.pk])).status_code == 403
    assert client.post(reverse("events:b2b_setup", args=[forum_b.pk]), SETUP).status_code == 403
    assert client.get(reverse("events:b2b_setup", args=[event.pk])).status_code == 404  # no B2B
    home = client.get(reverse("events:b2b_home", args=[forum.pk])).content.decode()
    assert url in home
    assert client.get(url).status_code == 200


def test_organiser_changes_the_setup_and_it_is_audited(client, forum, reps, organiser_a):
    from verbund.core.services import audit

    client.force_login(organiser_a)
    response = client.post(reverse("events:b2b_setup", args=[forum.pk]), SETUP)
    assert response.status_code == 302
    setup = matchmaking.setup_for(forum)
    assert (setup.morning_slots, setup.tables, setup.request_minutes) == (4, 5, 15)
    entry = audit.entries_for(setup).get(action="events.matchmaking_setup.changed")
    assert entry.user == organiser_a and entry.changes["tables"] == [2, 5]
    # The expiry period is now minutes: a request lapses after a quarter of an hour.
    sent = matchmaking.send_request(reps[0], reps[1].profile)
    assert datetime.timedelta(minutes=14) < sent.expires_at - timezone.now()
    assert sent.expires_at - timezone.now() <= datetime.timedelta(minutes=15)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"morning_slots": "0", "afternoon_slots": "0"}, "mindestens ein Gesprächsslot"),
        ({"tables": "0"}, "mindestens ein Tisch"),
        ({"tables": "99999999999"}, "höchstens 1.000"),
        ({"request_minutes": "14"}, "frühestens nach 15 Minuten"),
        ({"request_minutes": str(10 * 24 * 60 + 1)}, "spätestens nach 10 Tagen"),
        ({"max_pending": "0"}, "1 bis 1.000 offene Anfragen"),
        ({"slot_minutes": "5"}, "10 bis 60 Minuten"),
        ({"morning_slots": "20"}, "nach dem Beginn des Nachmittags"),
        ({"afternoon_start": "23:00"}, "vor Mitternacht"),
        ({"tables": "viele"}, "ganze Zahl"),
        ({"morning_start": "25:99"}, "Uhrzeit"),
    ],
)
def test_bad_setup_values_get_a_german_message(client, forum, organiser_a, change, message):
    client.force_login(organiser_a)
    response = client.post(reverse("events:b2b_setup", args=[forum.pk]), {**SETUP, **change})
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert matchmaking.setup_for(forum).tables == 2  # nothing stored


def test_changing_slots_after_publication_needs_confirmation(client, forum, reps, organiser_a):
    _accept_all(reps)
    agenda.start_run(forum, organiser_a, time_limit=2)
    agenda.publish(matchmaking.setup_for(forum), final=False, user=organiser_a)
    client.force_login(organiser_a)
    url = reverse("events:b2b_setup", args=[forum.pk])
    page = client.get(url).content.decode()
    assert 'id="published-warning"' in page and 'name="confirm"' in page
    response = client.post(url, SETUP)
    assert response.status_code == 400
    assert "neu berechnet" in response.content.decode()
    assert matchmaking.setup_for(forum).tables == 2
    # Only the request rules change: no confirmation needed, nothing to recompute.
    setup = matchmaking.setup_for(forum)
    unchanged = {
        **SETUP,
        "morning_slots": "3",
        "afternoon_slots": "2",
        "slot_minutes": str(setup.slot_minutes),
        "tables": "2",
    }
    assert client.post(url, unchanged).status_code == 302
    response = client.post(url, {**SETUP, "confirm": "on"}, follow=True)
    assert "Terminplan neu berechnen" in response.content.decode()
    setup.refresh_from_db()
    assert setup.tables == 5
    assert setup.published["scheduled"]  # the people keep the old plan until republished
    from verbund.core.services import audit

    entry = audit.entries_for(setup).filter(action="events.matchmaking_setup.changed").first()
    assert entry.data == {"recompute_needed": True}
