"""The organiser's event form: network activity, coordinates with a German decimal comma
and the link to an exams training."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from verbund.events.forms import EventForm
from verbund.events.models import Event
from verbund.exams.models import Training


def form_data(org, **extra):
    data = {
        "title": "Ausbildertag",
        "kind": "event",
        "visibility": "public",
        "organization": org.pk,
        "start": "2031-05-04T09:00",
        "end": "2031-05-04T12:00",
        "capacity": "30",
        "overbooking_margin": "0",
        "max_seats_per_registration": "4",
        "waitlist_mode": "offer",
        "offer_hours": "48",
    }
    data.update(extra)
    return data


def bound_form(user, data, instance=None):
    form = EventForm(data=data, instance=instance or Event())
    form.limit_choices(user)
    return form


@pytest.fixture
def activity_a(network_a):
    return factories.activity(network_a, title="Forum Verbundausbildung")


@pytest.fixture
def activity_b(network_b):
    return factories.activity(network_b, title="Fremdes Treffen")


def test_create_with_activity_and_german_coordinates(client, organiser_a, org_a, activity_a):
    client.force_login(organiser_a)
    response = client.post(
        reverse("events:event_create"),
        form_data(org_a, activity=activity_a.pk, lat="51,2937", lon="7,3419"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = org_a.organised_events.get(title="Ausbildertag")
    assert created.activity == activity_a
    assert created.network == activity_a.network  # taken from the activity
    assert (created.lat, created.lon) == (pytest.approx(51.2937), pytest.approx(7.3419))
    page = client.get(created.get_absolute_url()).content.decode()
    assert 'id="activity"' in page and "Forum Verbundausbildung" in page
    # The edit form shows the coordinates the German way again.
    edit = client.get(reverse("events:event_edit", args=[created.pk])).content.decode()
    assert "51,2937" in edit


def test_only_activities_of_managed_networks_are_offered(organiser_a, activity_a, activity_b):
    form = bound_form(organiser_a, {})
    offered = set(form.fields["activity"].queryset)
    assert activity_a in offered and activity_b not in offered


def test_foreign_activity_is_refused_not_500(client, organiser_a, org_a, activity_b):
    client.force_login(organiser_a)
    response = client.post(reverse("events:event_create"), form_data(org_a, activity=activity_b.pk))
    assert response.status_code == 400
    assert not Event.objects.exists()


def test_activity_of_another_network_than_the_events(organiser_a, org_a, network_a, activity_a):
    other = factories.network("Zweites Netz", lead=org_a)
    form = bound_form(organiser_a, form_data(org_a, network=other.pk, activity=activity_a.pk))
    assert not form.is_valid()
    assert form.errors["activity"] == ["Die Aktivität gehört nicht zum gewählten Netzwerk."]


@pytest.mark.parametrize(
    ("lat", "lon", "field", "message"),
    [
        ("51,2937", "", "lon", "Bitte Breite und Länge zusammen angeben."),
        ("abc", "7,1", "lat", "Bitte eine Koordinate als Dezimalzahl angeben, z. B. 51,2937."),
        ("91", "7,1", "lat", "Bitte einen Wert von höchstens 90 angeben."),
        ("51,1", "-181", "lon", "Bitte einen Wert von mindestens -180 angeben."),
    ],
)
def test_bad_coordinates_get_a_german_message(organiser_a, org_a, lat, lon, field, message):
    form = bound_form(organiser_a, form_data(org_a, lat=lat, lon=lon))
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_examiner_training_link(organiser_a, org_a, network_a, org_b, network_b):
    own = Training.objects.create(
        network=network_a, chamber=org_a, title="Prüferschulung", date=datetime.date(2031, 5, 4)
    )
    foreign = Training.objects.create(
        network=network_b, chamber=org_b, title="Fremd", date=datetime.date(2031, 5, 4)
    )
    form = bound_form(organiser_a, form_data(org_a, exam_training=own.pk))
    assert set(form.fields["exam_training"].queryset) == {own}
    assert not form.is_valid()  # kind "event" cannot carry an examiner training
    assert "Prüferschulung" in form.errors["exam_training"][0]
    form = bound_form(organiser_a, form_data(org_a, kind="examiner_training", exam_training=own.pk))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["exam_training"] == own
    form = bound_form(
        organiser_a, form_data(org_a, kind="examiner_training", exam_training=foreign.pk)
    )
    assert not form.is_valid()


def test_activity_is_not_shown_to_outsiders(client, org_a, activity_a):
    from tests.events.conftest import make_event

    event = make_event(org_a, network=activity_a.network, activity=activity_a)
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'id="activity"' not in page  # an anonymous visitor cannot open the network's page
