import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from verbund.core.models import AuditEntry
from verbund.core.services import editing
from verbund.networks.models import Activity


def test_save_changes_records_changed_fields_only(network_a, coordinator_a):
    activity = Activity(network=network_a, kind="meeting", title="Treffen", start="2027-01-10")
    editing.save_changes(activity, {}, coordinator_a, "networks.activity")
    editing.save_changes(
        activity, {"title": "Arbeitstreffen", "kind": "meeting"}, coordinator_a, "networks.activity"
    )
    entry = AuditEntry.objects.filter(action="networks.activity.changed").get()
    assert entry.changes == {"title": ["Treffen", "Arbeitstreffen"]}
    assert entry.user == coordinator_a


def test_invalid_change_is_not_stored_and_not_logged(network_a, coordinator_a):
    activity = Activity.objects.create(
        network=network_a, kind="meeting", title="Treffen", start="2027-01-10"
    )
    with pytest.raises(ValidationError):
        editing.save_changes(activity, {"end": "2027-01-01"}, coordinator_a, "networks.activity")
    activity.refresh_from_db()
    assert activity.end is None
    assert not AuditEntry.objects.filter(action="networks.activity.changed").exists()


def test_edit_through_the_ui_shows_in_history(client, network_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("networks:network_edit", args=[network_a.pk]),
        {"name": "Partnerschaft Hannover–Normandie", "kind": "partnerschaft", "currency": "EUR"},
    )
    assert response.status_code == 302
    page = client.get(network_a.get_absolute_url()).content.decode()
    # The history speaks German: subject, verb, changed field names; never the raw code.
    assert "Netzwerk: geändert" in page
    assert "networks.network.changed" not in page


def test_many_to_many_changes_are_recorded(network_a, coordinator_a, org_a, org_b):
    activity = Activity.objects.create(
        network=network_a, kind="forum", title="Forum", start="2027-01-10"
    )
    editing.save_changes(activity, {"organizations": [org_a, org_b]}, coordinator_a, "x.activity")
    entry = AuditEntry.objects.get(action="x.activity.changed")
    assert entry.changes["organizations"] == [[], sorted([org_a.pk, org_b.pk])]
