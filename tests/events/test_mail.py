"""Every registration mail carries the personal link, and the page behind it shows the
status, also after an expiry or a cancellation."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from verbund.events.services import registration as registrations


def register(event, name, seats=1):
    return registrations.register(
        event, name=name, email=f"{name.lower()}@example.org", seats=seats
    )


def mails_to(name):
    return [m for m in mail.outbox if m.to == [f"{name.lower()}@example.org"]]


def test_each_mail_kind_contains_the_personal_link(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        anna = register(event, "Anna", seats=2)  # confirmed
        dora = register(event, "Dora")  # confirmed
        bert = register(event, "Bert")  # waitlisted
        carla = register(event, "Carla")  # waitlisted
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(dora)  # Dora: cancelled; Bert: offered
    later = timezone.now() + datetime.timedelta(hours=event.offer_hours + 1)
    with django_capture_on_commit_callbacks(execute=True):
        registrations.expire_offers(now=later)  # Bert: expired; Carla: offered

    kinds = {
        "confirmed": (anna, "Anmeldung bestätigt"),
        "waitlisted": (carla, "Auf der Warteliste"),
        "offered": (carla, "Ein Platz ist frei"),
        "expired": (bert, "Platzangebot verfallen"),
        "cancelled": (dora, "Abmeldung bestätigt"),
    }
    for kind, (registration, subject) in kinds.items():
        found = [m for m in mails_to(registration.name) if m.subject.startswith(subject)]
        assert found, kind
        assert registration.get_absolute_url() in found[0].body, kind

    # The link works after the registration ended and says what happened.
    for registration, status in ((bert, "Angebot verfallen"), (dora, "Storniert")):
        page = client.get(registration.get_absolute_url())
        assert page.status_code == 200
        assert status in page.content.decode()


@pytest.mark.parametrize("kind", ["expired", "cancelled"])
def test_ended_registration_mail_offers_no_actions(event, kind):
    from verbund.events.services.mail import _body

    anna = register(event, "Anna")
    anna.status = "expired" if kind == "expired" else "cancelled"
    body = _body(anna, kind)
    assert anna.get_absolute_url() in body
    assert "Absagen, Platz bestätigen" not in body  # nothing left to cancel or accept
