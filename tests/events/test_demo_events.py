"""The events demo as docs/events.md describes it: the full Ennepetal evening with its
waiting list, the Wirtschaftsforum Harz, the joint examiner training, and what the
`betrieb` demo user does with them.

Only the steps the events demo builds on run (core and networks, the exams pool whose
examiners register for the training, then the events steps): the whole demo also solves
courses, mobility and apprenticeship data that the events do not use.
"""

import io
import time

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from verbund.core.demo.registry import DemoContext, registered_steps
from verbund.events.models import Event, MeetingRequest, Registration
from verbund.events.services import matchmaking
from verbund.events.services import registration as registrations

EVENING = "Wirtschaft trifft Wirtschaft: Verbundausbildung"
FORUM = "Wirtschaftsforum Harz mit Unternehmen aus dem Territoire de Belfort"


def _needed(step) -> bool:
    return step.order < 100 or 400 <= step.order < 500 or 800 <= step.order < 900


@pytest.fixture(scope="module")
def _events_demo(django_db_setup, django_db_blocker):
    """Run the needed demo steps once per module, rolled back afterwards; each test runs
    in its own savepoint inside."""
    with django_db_blocker.unblock(), transaction.atomic():
        context = DemoContext(stdout=io.StringIO(), today=timezone.localdate())
        began = time.monotonic()
        for step in registered_steps():
            if _needed(step):
                step.function(context)
        assert time.monotonic() - began < 60  # the brief: never a slow demo test
        yield context
        transaction.set_rollback(True)


@pytest.fixture
def demo(_events_demo, db):
    return _events_demo


def test_evening_event_is_full_with_a_waiting_list(demo):
    event = Event.objects.get(title=EVENING)
    free = registrations.availability(event)
    assert free.seats_left == 0
    assert free.seats_taken == event.seat_limit == 42
    assert free.waiting_list == 3
    assert event.activity is not None and event.activity.network == event.network
    assert event.activity.title == EVENING
    # Issue 25: the demo answered the branch question with towns.
    from verbund.events.demo import BRANCHES, RUHR_COMPANIES

    towns = {town for _company, town in RUHR_COMPANIES}
    branches = {
        registration.answers.get("Aus welcher Branche kommen Sie?")
        for registration in event.registrations.exclude(answers={})
    }
    assert branches and branches <= set(BRANCHES.values()) and not branches & towns


def test_demo_candidates_have_plausible_names(demo):
    from verbund.exams.models import Candidate

    assert Candidate.objects.exists()
    assert not Candidate.objects.filter(last_name__startswith="Azubi-").exists()


def test_forum_is_b2b_with_german_and_french_companies(demo):
    event = Event.objects.get(title=FORUM)
    assert event.kind == Event.Kind.B2B
    assert set(event.profiles.values_list("country", flat=True)) == {"DE", "FR"}
    assert event.profiles.count() == 9
    assert matchmaking.accepted(event).count() == 16
    setup = matchmaking.setup_for(event)
    assert setup.agenda == setup.Agenda.PRELIMINARY
    assert setup.published.get("scheduled")
    assert event.activity.title == "Wirtschaftsforum Harz mit Unternehmern aus Belfort"


def test_joint_examiner_training_with_registrations(demo):
    event = Event.objects.get(kind=Event.Kind.EXAMINER_TRAINING)
    assert event.visibility == Event.Visibility.MEMBERS
    assert event.exam_training is not None
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
    assert confirmed.count() == 14


def test_betrieb_registers_for_the_evening_and_lands_on_the_waiting_list(client, demo):
    betrieb = demo.user("betrieb")
    event = Event.objects.get(title=EVENING)
    client.force_login(betrieb)
    page = client.get(event.get_absolute_url())
    assert "Auf die Warteliste" in page.content.decode()
    response = client.post(
        event.get_absolute_url(),
        {"name": betrieb.get_full_name(), "email": betrieb.email, "seats": 1},
    )
    assert response.status_code == 302
    own = event.registrations.get(user=betrieb)
    assert own.status == Registration.Status.WAITLISTED
    assert registrations.position(own) == 4
    manage = client.get(response.url).content.decode()
    assert "Warteliste: Platz 4" in manage


def test_betrieb_joins_the_forum_and_sends_a_meeting_request(client, demo):
    betrieb = demo.user("betrieb")
    event = Event.objects.get(title=FORUM)
    client.force_login(betrieb)
    assert client.get(reverse("events:b2b_home", args=[event.pk])).status_code == 200
    joined = client.post(
        reverse("events:b2b_join", args=[event.pk]),
        {
            "company": "F. Hesterberg & Söhne",
            "city": "Ennepetal",
            "country": "DE",
            "offers": "Verbundausbildung Metall",
            "wants": "Partner in Belfort",
            "languages": ["de", "fr"],
        },
    )
    assert joined.status_code == 302, joined.content.decode()[:2000]
    me = matchmaking.representative_of(event, betrieb)
    assert me is not None
    belfort = event.profiles.filter(country="FR").order_by("pk").first()
    assert client.get(reverse("events:profile_detail", args=[belfort.pk])).status_code == 200
    sent = client.post(
        reverse("events:profile_detail", args=[belfort.pk]),
        {"message": "Wir würden gern über Ausbildung sprechen.", "session": "any"},
    )
    assert sent.status_code == 302, sent.content.decode()[:2000]
    request = MeetingRequest.objects.get(requester=me)
    assert request.invitee == belfort
    assert request.status == MeetingRequest.Status.PENDING
