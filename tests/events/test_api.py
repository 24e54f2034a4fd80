import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.events.conftest import make_event
from verbund.core.services.tokens import create_token
from verbund.events.models import Event, Registration

URL = "/api/v1/events"


def post(client, event, headers=None, **body):
    payload = {"name": "Anna Beispiel", "email": "anna@example.org", "seats": 1, **body}
    return client.post(
        f"{URL}/{event.pk}/registrations",
        payload,
        content_type="application/json",
        headers=headers or {},
    )


@pytest.fixture
def signed_in(db):
    """A script with a token: its registrations are confirmed at once and it gets the link."""
    _token, key = create_token(factories.user("skript"), "Anmeldungen")
    return {"Authorization": f"Bearer {key}"}


def test_list_and_detail_without_account(client, event, event_b):
    listed = client.get(f"{URL}?upcoming=1")
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()] == [event.pk]  # members-only is hidden
    detail = client.get(f"{URL}/{event.pk}").json()
    assert (detail["capacity"], detail["seats_left"], detail["waiting_list"]) == (3, 3, 0)
    assert client.get(f"{URL}/{event_b.pk}").status_code == 404


def test_upcoming_leaves_out_past_events(client, org_a):
    past = make_event(
        org_a,
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    ids = [item["id"] for item in client.get(f"{URL}?upcoming=1").json()]
    assert past.pk not in ids
    assert past.pk in [item["id"] for item in client.get(URL).json()]


def test_register_confirmed_then_waitlisted_then_409(client, event, signed_in):
    first = post(client, event, seats=3, headers=signed_in)
    assert first.status_code == 201
    body = first.json()
    assert body["status"] == "confirmed" and body["position"] is None
    assert body["cancel_url"].endswith(
        f"/api/v1/events/registrations/{Registration.objects.get().token}"
    )
    second = post(client, event, email="bert@example.org", headers=signed_in)
    assert second.status_code == 201
    assert second.json() | {"id": 0, "cancel_url": ""} == {
        "id": 0,
        "status": "waitlisted",
        "position": 1,
        "cancel_url": "",
    }
    again = post(client, event, email="ANNA@example.org", headers=signed_in)
    assert again.status_code == 409
    assert client.get(f"{URL}/{event.pk}").json()["waiting_list"] == 1


def test_closed_or_past_event_is_422(client, org_a):
    closed = make_event(org_a, registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    response = post(client, closed)
    assert response.status_code == 422
    assert "Anmeldeschluss" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [{"email": "keine-adresse"}, {"seats": 0}, {"name": ""}, {"seats": 99}],
)
def test_bad_input_is_422_not_500(client, event, body):
    assert post(client, event, **body).status_code == 422


def test_without_account_the_seat_is_held_and_the_link_not_shown(client, event):
    """Issue 24: anonymous registrations hold their seat until the mailed link confirms it."""
    first = post(client, event, seats=3).json()
    assert (first["status"], first["position"], first["cancel_url"]) == ("offered", None, None)
    held = Registration.objects.get()
    assert held.offer_expires_at is not None
    second = post(client, event, email="bert@example.org").json()
    assert (second["status"], second["position"], second["cancel_url"]) == ("waitlisted", 1, None)
    assert client.get(f"{URL}/{event.pk}").json()["seats_left"] == 0


def test_delete_on_cancel_link_frees_the_seat_and_promotes(client, event, signed_in):
    cancel_url = post(client, event, seats=3, headers=signed_in).json()["cancel_url"]
    post(client, event, email="bert@example.org")
    path = cancel_url.split("://", 1)[1].split("/", 1)[1]
    response = client.delete(f"/{path}")
    assert response.status_code == 204
    assert Registration.objects.get(email="bert@example.org").status == "offered"
    assert client.delete(f"{URL}/registrations/unbekannt").status_code == 404


def test_members_only_event_needs_a_member_token(client, event_b, org_b):
    assert post(client, event_b).status_code == 404
    member = factories.user("bernd", organization=org_b)
    _token, key = create_token(member, "Skript")
    response = client.post(
        f"{URL}/{event_b.pk}/registrations",
        {"name": "Bernd", "email": "bernd@example.org"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 201
    assert Registration.objects.get(event=event_b).user == member


def test_registration_list_needs_events_manage(client, event, organiser_a, member_b):
    url = f"{URL}/{event.pk}/registrations"
    assert client.get(url).status_code == 401
    client.force_login(member_b)
    assert client.get(url).status_code == 403  # public event: visible, not manageable
    client.force_login(organiser_a)
    post(client, event)
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()[0]["email"] == "anna@example.org"


def test_event_of_another_organization_is_not_manageable(client, event_b, organiser_a):
    client.force_login(organiser_a)
    assert client.get(f"{URL}/{event_b.pk}/registrations").status_code == 404
    assert Event.objects.with_perm(organiser_a, "events.manage").count() == 0
