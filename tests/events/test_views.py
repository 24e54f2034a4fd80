"""Every events page: anonymous, signed in without permission, permitted, another
organization's object."""

import pytest
from django.urls import reverse

from tests import factories
from tests.events.test_event_form import form_data
from verbund.core.models import AuditEntry
from verbund.events.models import Registration
from verbund.events.services import registration as registrations


@pytest.fixture
def anna(event):
    return registrations.register(event, name="Anna", email="anna@example.org")


def test_public_list_and_detail_for_anonymous_visitors(client, event, event_b):
    listing = client.get(reverse("events:event_list"))
    assert listing.status_code == 200
    assert event.title in listing.content.decode()
    assert event_b.title not in listing.content.decode()
    detail = client.get(event.get_absolute_url())
    html = detail.content.decode()
    assert detail.status_code == 200
    assert '<script type="application/ld+json">' in html
    assert '"@type": "Event"' in html
    assert client.get(event_b.get_absolute_url()).status_code == 404


def test_jsonld_cannot_break_out_of_its_script(client, org_a):
    from tests.events.conftest import make_event

    event = make_event(org_a, title="</script><script>alert(1)</script>")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html


def test_members_only_event_is_visible_to_members(client, event_b, member_b):
    client.force_login(member_b)
    assert client.get(event_b.get_absolute_url()).status_code == 200


def test_register_without_account_then_confirm_by_the_mailed_link(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 24: without an account the seat is only held; the link goes to the mailbox
    alone (the form's answer does not show it) and confirms it there."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            event.get_absolute_url(),
            {"name": "Anna", "email": "anna@example.org", "organization_name": "", "seats": 1},
        )
    registration = Registration.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert registration.status == "offered" and registration.offer_expires_at is not None
    page = client.get(response.url).content.decode()
    assert "Minuten lang frei" in page and registration.token not in page
    (mail,) = mailoutbox
    assert mail.subject.startswith("Bitte bestätigen Sie Ihre Anmeldung")
    manage = reverse("events:registration_manage", args=[registration.token])
    assert manage in mail.body
    client.post(
        reverse("events:registration_action", args=[registration.token]), {"action": "accept"}
    )
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    page = client.get(manage)
    assert "Bestätigt" in page.content.decode()
    client.post(
        reverse("events:registration_action", args=[registration.token]), {"action": "cancel"}
    )
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_registration_form_shows_errors_not_500(client, event):
    response = client.post(event.get_absolute_url(), {"name": "", "email": "x", "seats": "99"})
    assert response.status_code == 400


def test_signed_in_member_registers_with_account(client, event, coordinator_a):
    client.force_login(coordinator_a)
    client.post(
        event.get_absolute_url(),
        {"name": "Anika Test", "email": "anika@example.org", "seats": 1},
    )
    assert Registration.objects.get().user == coordinator_a


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("events:registration_manage", args=["nope"])).status_code == 404


ORGANISER_PAGES = [
    ("events:registration_list", "event"),
    ("events:event_edit", "event"),
]


@pytest.mark.parametrize(("name", "_kind"), ORGANISER_PAGES)
def test_organiser_pages_permissions(client, event, event_b, organiser_a, member_b, name, _kind):
    url = reverse(name, args=[event.pk])
    assert client.get(url).status_code == 302  # anonymous -> login
    client.force_login(member_b)
    assert client.get(url).status_code == 403  # visible public event, no permission
    client.force_login(organiser_a)
    assert client.get(url).status_code == 200
    assert client.get(reverse(name, args=[event_b.pk])).status_code == 404  # other org


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_exports(client, event, anna, organiser_a, member_b, fmt):
    url = reverse("events:registration_export", args=[event.pk, fmt])
    client.force_login(member_b)
    assert client.get(url).status_code == 403
    client.force_login(organiser_a)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content
    if fmt == "csv":
        assert "anna@example.org" in body.decode("utf-8-sig")
    elif fmt == "pdf":
        assert body.startswith(b"%PDF")
    else:
        assert body.startswith(b"PK")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_exports_need_a_login(client, event, anna, fmt):
    url = reverse("events:registration_export", args=[event.pk, fmt])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_exports_of_another_organizations_event(client, event_b, org_b, organiser_a, fmt):
    from tests.events.conftest import make_event

    registrations.register(event_b, name="Bea", email="bea@example.org")
    client.force_login(organiser_a)
    url = reverse("events:registration_export", args=[event_b.pk, fmt])
    assert client.get(url).status_code == 404  # members-only event of org B: invisible
    public_b = make_event(org_b, title="Offener Abend")
    registrations.register(public_b, name="Bea", email="bea@example.org")
    url = reverse("events:registration_export", args=[public_b.pk, fmt])
    assert client.get(url).status_code == 403  # visible, but not organiser_a's to manage


def test_registration_status_api_by_token(client, anna):
    response = client.get(f"/api/v1/events/registrations/{anna.token}")
    assert response.status_code == 200
    assert response.json()["status"] == "confirmed"
    assert response.json()["cancel_url"].endswith(f"/api/v1/events/registrations/{anna.token}")
    assert client.get("/api/v1/events/registrations/unbekannt").status_code == 404


def test_export_unknown_format_is_404(client, event, organiser_a):
    client.force_login(organiser_a)
    assert (
        client.get(reverse("events:registration_export", args=[event.pk, "doc"])).status_code == 404
    )


@pytest.mark.parametrize("view", ["attendance", "priority", "organiser_cancel"])
def test_registration_actions_permissions(client, anna, organiser_a, member_b, org_b, view):
    url = reverse(f"events:{view}", args=[anna.pk])
    data = {"present": "1", "priority": "3"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).url.startswith(reverse("login"))
    client.force_login(member_b)
    assert client.post(url, data).status_code == 404  # registrations are not visible to others
    other = factories.user("otto", organization=org_b)
    factories.grant(other, ["events.manage"], organization=org_b)
    client.force_login(other)
    assert client.post(url, data).status_code == 404
    client.force_login(organiser_a)
    if view == "attendance":
        from tests.events.conftest import begin

        begin(anna.event)  # attendance is recorded from the event's day on
    assert client.post(url, data).status_code == 302
    anna.refresh_from_db()
    expected = {
        "attendance": anna.checked_in_at is not None,
        "priority": anna.priority == 3,
        "organiser_cancel": anna.status == "cancelled",
    }
    assert expected[view]


def test_priority_change_from_the_list_is_audited(client, anna, organiser_a):
    client.force_login(organiser_a)
    client.post(reverse("events:priority", args=[anna.pk]), {"priority": "7"})
    assert AuditEntry.objects.filter(action="events.registration.priority_changed").exists()
    assert (
        client.post(reverse("events:priority", args=[anna.pk]), {"priority": "x"}).status_code
        == 302
    )


def test_create_event_needs_the_permission(client, organiser_a, member_b, org_a, org_b):
    url = reverse("events:event_create")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))
    assert client.post(url, {"title": "X"}).status_code == 302
    assert not org_a.organised_events.exists()
    client.force_login(member_b)
    assert client.get(url).status_code == 403
    client.force_login(organiser_a)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Ausbildertag",
            "kind": "event",
            "visibility": "public",
            "organization": org_a.pk,
            "start": "2031-05-04T09:00",
            "end": "2031-05-04T12:00",
            "capacity": "30",
            "overbooking_margin": "2",
            "max_seats_per_registration": "4",
            "waitlist_mode": "offer",
            "offer_hours": "48",
            "questions_text": "Ernährungswunsch?\nBranche?",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = org_a.organised_events.get(title="Ausbildertag")
    assert created.questions == ["Ernährungswunsch?", "Branche?"]
    page = client.get(created.get_absolute_url()).content.decode()
    assert "Ernährungswunsch?" in page
    # Not for another organization: it is not among the choices, a clear 400, no event.
    foreign = client.post(url, form_data(org_b, title="Fremd"))
    assert foreign.status_code == 400
    assert not org_b.organised_events.exists()


def test_ics_feed_and_event_ics(client, event, event_b):
    feed = client.get(reverse("events:feed_ics")).content.decode()
    assert event.title in feed and event_b.title not in feed
    single = client.get(reverse("events:event_ics", args=[event.pk]))
    assert single["Content-Type"].startswith("text/calendar")


def test_registration_shows_the_privacy_notice_and_records_consent(client, event):
    from verbund.core.legal_models import LegalText

    LegalText.objects.create(
        key="hinweis-events", title="Hinweise zum Datenschutz", body="Zweck: Durchführung"
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Zweck: Durchführung" in html
    assert reverse("core:privacy_statement") in html
    assert 'name="photo_consent"' in html and 'name="newsletter_consent"' in html
    data = {"name": "Bea", "email": "bea@example.org", "seats": 1, "photo_consent": "on"}
    assert client.post(event.get_absolute_url(), data).status_code == 302
    bea = Registration.objects.get(email="bea@example.org")
    assert bea.photo_consent_at is not None
    assert bea.newsletter_consent_at is None
    # Without an account the seat is held until the mailed link confirms it (issue 24).
    entry = AuditEntry.objects.get(action="events.registration.held")
    assert entry.data["consents"] == ["photo"]
    client.post(event.get_absolute_url(), {"name": "Cem", "email": "cem@example.org", "seats": 1})
    cem = Registration.objects.get(email="cem@example.org")
    assert cem.photo_consent_at is None and cem.newsletter_consent_at is None


def test_cancelling_a_participant_asks_first(client, event, anna, organiser_a):
    client.force_login(organiser_a)
    html = client.get(reverse("events:registration_list", args=[event.pk])).content.decode()
    assert 'data-confirm="Die Anmeldung von Anna wirklich stornieren?' in html
