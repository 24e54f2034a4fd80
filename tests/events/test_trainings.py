"""Joint examiner trainings: checking in an examiner records the training on their
record; resetting the check-in or a no-show takes it back (only what the check-in added)."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from tests.events.conftest import begin, make_event
from verbund.core.models import AuditEntry, Occupation, Person
from verbund.events.models import Event
from verbund.events.services import registration as registrations
from verbund.events.services import trainings
from verbund.exams.models import Examiner, Training
from verbund.exams.services.pool import set_training


@pytest.fixture
def training(org_a, network_a):
    return Training.objects.create(
        network=network_a, chamber=org_a, title="Prüferschulung", date=datetime.date(2031, 5, 4)
    )


@pytest.fixture
def training_event(org_a, network_a, training):
    return make_event(
        org_a,
        network=network_a,
        kind=Event.Kind.EXAMINER_TRAINING,
        exam_training=training,
        capacity=10,
    )


def make_examiner(org, network, email, person=None):
    person = person or Person.objects.create(
        first_name="Petra", last_name="Prüferin", organization=org, email=email
    )
    examiner = Examiner.objects.create(
        person=person,
        network=network,
        chamber=org,
        group="employer",
        home_lat=52.27,
        home_lon=10.52,
        appointed_from=datetime.date(2025, 1, 1),
        appointed_until=datetime.date(2029, 12, 31),
    )
    occupation, _ = Occupation.objects.get_or_create(
        code="2611", defaults={"name": "Industriemechaniker/-in"}
    )
    examiner.occupations.add(occupation)
    return examiner


def test_check_in_matched_by_email(training_event, training, org_a, network_a, organiser_a):
    examiner = make_examiner(org_a, network_a, "Petra.Pruefer@example.org")
    registration = registrations.register(
        training_event, name="Petra Prüferin", email="petra.pruefer@example.org"
    )
    begin(training_event)
    registrations.set_attendance(registration, present=True, user=organiser_a)
    assert list(training.attendees.all()) == [examiner]
    entry = AuditEntry.objects.get(action="exams.training.attended")
    assert entry.data == {"examiner": examiner.pk, "event": training_event.pk}
    assert entry.user == organiser_a
    # Checking in twice adds nothing twice.
    registrations.set_attendance(registration, present=True, user=organiser_a)
    assert training.attendees.count() == 1
    assert AuditEntry.objects.filter(action="exams.training.attended").count() == 1


def test_check_in_matched_by_account(training_event, training, org_a, network_a, organiser_a):
    account = factories.user("petra", organization=org_a)  # with a person of that account
    account.person.email = "dienstlich@example.org"
    account.person.save()
    examiner = make_examiner(org_a, network_a, "", person=account.person)
    registration = registrations.register(
        training_event, name="Petra", email="privat@example.org", user=account
    )
    begin(training_event)
    registrations.set_attendance(registration, present=True, user=organiser_a)
    assert list(examiner.trainings.all()) == [training]


@pytest.mark.parametrize("present", [None, False], ids=["reset", "no_show"])
def test_reset_or_no_show_takes_the_training_back(
    training_event, training, org_a, network_a, organiser_a, present
):
    examiner = make_examiner(org_a, network_a, "petra@example.org")
    registration = registrations.register(training_event, name="Petra", email="petra@example.org")
    begin(training_event)
    registrations.set_attendance(registration, present=True, user=organiser_a)
    registrations.set_attendance(registration, present=present, user=organiser_a)
    assert not training.attendees.filter(pk=examiner.pk).exists()
    removed = AuditEntry.objects.get(action="exams.training.attendance_removed")
    assert removed.data == {"examiner": examiner.pk, "event": training_event.pk}
    # And in again: recorded again.
    registrations.set_attendance(registration, present=True, user=organiser_a)
    assert training.attendees.filter(pk=examiner.pk).exists()


def test_reset_keeps_an_attendance_entered_on_the_examiners_page(
    training_event, training, org_a, network_a, organiser_a
):
    examiner = make_examiner(org_a, network_a, "petra@example.org")
    set_training(examiner, training, True, organiser_a)
    registration = registrations.register(training_event, name="Petra", email="petra@example.org")
    begin(training_event)
    registrations.set_attendance(registration, present=True, user=organiser_a)
    registrations.set_attendance(registration, present=None, user=organiser_a)
    assert training.attendees.filter(pk=examiner.pk).exists()


def test_no_examiner_or_no_training_records_nothing(event, training_event, organiser_a):
    stranger = registrations.register(training_event, name="Gast", email="gast@example.org")
    assert trainings.record_attendance(stranger) is False
    assert trainings.remove_attendance(stranger) is False
    plain = registrations.register(event, name="Anna", email="anna@example.org")
    begin(event)
    registrations.set_attendance(plain, present=True, user=organiser_a)  # no training: fine
    assert not AuditEntry.objects.filter(action__startswith="exams.training").exists()


def test_check_in_through_the_page(client, training_event, training, org_a, network_a, organiser_a):
    examiner = make_examiner(org_a, network_a, "petra@example.org")
    registration = registrations.register(training_event, name="Petra", email="petra@example.org")
    client.force_login(organiser_a)
    url = reverse("events:attendance", args=[registration.pk])
    begin(training_event)
    assert client.post(url, {"present": "1"}).status_code == 302
    assert training.attendees.filter(pk=examiner.pk).exists()
    client.post(url, {"present": ""})
    assert not training.attendees.filter(pk=examiner.pk).exists()
