import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from tests import factories
from verbund.core.models import AuditEntry
from verbund.networks.models import Goal, GoalProgress, Membership, Network


def test_create_network_makes_chosen_organization_lead(client, coordinator_a, org_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("networks:network_create"),
        {
            "lead": org_a.pk,
            "name": "Ausbildungsverbund Leine",
            "kind": "ausbildungsverbund",
            "currency": "EUR",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    network = Network.objects.get(name="Ausbildungsverbund Leine")
    assert network.memberships.get().role == Membership.Role.LEAD
    assert AuditEntry.objects.filter(action="networks.network.created").exists()


def test_cannot_create_network_for_organization_without_permission(client, coordinator_a, org_b):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("networks:network_create"),
        {"lead": org_b.pk, "name": "Fremd", "kind": "initiative", "currency": "EUR"},
    )
    assert response.status_code == 400
    assert not Network.objects.filter(name="Fremd").exists()


def test_review_records_progress_per_goal_and_updates_goal_status(client, coordinator_a, network_a):
    goal = Goal.objects.create(network=network_a, title="Bedarfserhebung")
    client.force_login(coordinator_a)
    response = client.post(
        reverse("networks:review_create", args=[network_a.pk]),
        {
            "date": "2025-12-01",
            "summary": "Gutes Jahr",
            f"goal_{goal.pk}_status": "achieved",
            f"goal_{goal.pk}_progress": "400 Betriebe befragt",
        },
    )
    assert response.status_code == 302
    assert GoalProgress.objects.get(goal=goal).progress == "400 Betriebe befragt"
    goal.refresh_from_db()
    assert goal.status == Goal.Status.ACHIEVED


def test_validation_errors_are_shown_and_nothing_is_stored(client, coordinator_a, network_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("networks:activity_create", args=[network_a.pk]),
        {"kind": "meeting", "title": "", "start": "2027-02-30"},
    )
    assert response.status_code == 400
    assert "Bitte prüfen Sie Ihre Eingaben." in response.content.decode()
    assert not network_a.activities.exists()


def test_ics_feed_lists_upcoming_activities(client, coordinator_a, network_a):
    factories.activity(network_a, title="Workshop Mobilität", days_ahead=5, place="Le Havre")
    factories.activity(network_a, title="Altes Treffen", days_ahead=-30)
    client.force_login(coordinator_a)
    response = client.get(reverse("networks:network_calendar", args=[network_a.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Workshop Mobilität"]
    assert str(events[0]["LOCATION"]) == "Le Havre"


def test_ics_feed_no_longer_takes_an_api_token(client, coordinator_a, network_a):
    from verbund.core.services import tokens

    factories.activity(network_a, title="Forum", days_ahead=3)
    _token, plaintext = tokens.create_token(coordinator_a, "Kalender")
    url = reverse("networks:network_calendar", args=[network_a.pk])
    assert client.get(url, {"token": plaintext}).status_code == 302  # to the login


def test_calendar_subscription_has_its_own_revocable_secret(
    client, coordinator_a, network_a, network_b
):
    from verbund.networks.models import CalendarFeed

    factories.activity(network_a, title="Forum", days_ahead=3)
    client.force_login(coordinator_a)
    page = client.post(reverse("networks:calendar_feeds"), {"network": network_a.pk})
    assert page.status_code == 201
    url = page.context["new_url"]
    feed = CalendarFeed.objects.get(user=coordinator_a)
    assert url.split("/abo/")[1].removesuffix(".ics") not in feed.key_hash  # hashed at rest
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and b"Forum" in response.content
    assert response["Cache-Control"] == "private, no-store"
    # another network than the user can see: 404, nothing created
    client.force_login(coordinator_a)
    hidden = client.post(reverse("networks:calendar_feeds"), {"network": network_b.pk})
    assert hidden.status_code == 404 and CalendarFeed.objects.count() == 1
    client.post(reverse("networks:calendar_feed_revoke", args=[feed.pk]))
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(url.replace(".ics", "x.ics")).status_code == 404


def test_feeds_are_their_owners_alone(client, coordinator_a, member_b, network_a):
    from verbund.networks.services import feeds

    feed, _secret = feeds.create_feed(coordinator_a, network_a)
    client.force_login(member_b)
    assert client.post(reverse("networks:calendar_feed_revoke", args=[feed.pk])).status_code == 404
    assert (
        "Kammerpartnerschaft" not in client.get(reverse("networks:calendar_feeds")).content.decode()
    )
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_dashboard_shows_due_goal_as_task(client, coordinator_a, network_a):
    Goal.objects.create(
        network=network_a,
        title="Logo beschließen",
        due=datetime.date.today() + datetime.timedelta(days=10),
    )
    client.force_login(coordinator_a)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Ziel prüfen: Logo beschließen" in page
    assert "Jahresbilanz erstellen" in page


def test_attachment_upload_and_download_respect_permissions(
    client, coordinator_a, network_a, outsider
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = factories.activity(network_a)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("networks:attachment_upload", args=[activity.pk]),
        {"title": "Protokoll", "file": SimpleUploadedFile("protokoll.txt", b"Inhalt")},
    )
    assert response.status_code == 302
    attachment = activity.attachments.get()
    assert (
        client.get(reverse("networks:attachment_download", args=[attachment.pk])).status_code == 200
    )
    client.force_login(outsider)
    assert (
        client.get(reverse("networks:attachment_download", args=[attachment.pk])).status_code == 404
    )


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("setup.exe", b"MZ\x90\x00", "nicht erlaubt"),
        ("protokoll.pdf", b"MZ\x90\x00", "Programme"),
        ("bild.png", b"%PDF-1.7", "passt nicht"),
        ("seite.html", b"<script>", "nicht erlaubt"),
    ],
)
def test_attachments_refuse_programs_and_unknown_types(
    client, coordinator_a, network_a, name, content, message
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = factories.activity(network_a)
    client.force_login(coordinator_a)
    response = client.post(
        reverse("networks:attachment_upload", args=[activity.pk]),
        {"title": "Anhang", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not activity.attachments.exists()
