import datetime

import pytest
from django.utils import timezone

from tests import factories
from verbund.events.models import Event


def make_event(organization, **fields):
    start = timezone.now() + datetime.timedelta(days=20)
    values = {
        "title": "Wirtschaft trifft Wirtschaft",
        "organization": organization,
        "start": start,
        "end": start + datetime.timedelta(hours=2, minutes=30),
        "capacity": 3,
        "city": "Ennepetal",
        "place": "F. Hesterberg & Söhne",
    }
    values.update(fields)
    return Event.objects.create(**values)


def begin(event):
    """The event has begun: attendance can be recorded from its day on."""
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        start=now - datetime.timedelta(minutes=30), end=now + datetime.timedelta(hours=2)
    )
    event.refresh_from_db()


@pytest.fixture
def event(org_a):
    return make_event(org_a)


@pytest.fixture
def organiser_a(org_a):
    account = factories.user("erika", organization=org_a)
    factories.grant(account, ["events.manage"], organization=org_a)
    return account


@pytest.fixture
def event_b(org_b):
    return make_event(org_b, title="Prüferschulung", visibility=Event.Visibility.MEMBERS)
