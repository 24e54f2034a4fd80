"""API writes go through save_changes: validated, saved and audited in one step."""

import pytest

from tests.api.conftest import client_for
from verbund.core.models import AuditEntry
from verbund.networks.models import Membership, Network


@pytest.fixture
def api(coordinator_a):
    return client_for(coordinator_a)


def test_create_writes_an_audit_entry(api, coordinator_a, org_a):
    response = api.post("organizations", {"name": "Kfz Meyer GmbH", "kind": "company"})

    assert response.status_code == 201
    entry = AuditEntry.objects.get(action="core.organization.created")
    assert entry.user == coordinator_a
    assert entry.object_id == str(response.json()["id"])
    assert entry.changes["name"] == [None, "Kfz Meyer GmbH"]
    assert entry.data == {"via": "api"}


def test_update_records_only_changed_fields(api, coordinator_a, network_a):
    response = api.patch(
        f"networks/{network_a.pk}", {"description": "Austausch mit Caen", "name": network_a.name}
    )

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="networks.network.changed")
    assert entry.user == coordinator_a
    assert entry.changes == {"description": ["", "Austausch mit Caen"]}


def test_patch_leaves_unsent_fields_alone(api, network_a):
    Network.objects.filter(pk=network_a.pk).update(website="https://example.org")

    api.patch(f"networks/{network_a.pk}", {"short_name": "HN-NOR"})

    network_a.refresh_from_db()
    assert network_a.website == "https://example.org"
    assert network_a.short_name == "HN-NOR"


def test_rejected_change_is_not_audited(api, network_a):
    response = api.patch(f"networks/{network_a.pk}", {"website": "kein link"})

    assert response.status_code == 422
    assert not AuditEntry.objects.filter(action="networks.network.changed").exists()


def test_new_network_gets_its_lead_member(api, coordinator_a, org_a):
    response = api.post(
        "networks",
        {
            "name": "Ausbildungsverbund Leine",
            "kind": "ausbildungsverbund",
            "lead_organization": org_a.pk,
            "budget": "12500.00",
            "since": "2025-09-01",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["budget"] == "12500.00" and body["since"] == "2025-09-01"
    network = Network.objects.get(pk=body["id"])
    assert network.memberships.get().organization == org_a
    assert network.memberships.get().role == Membership.Role.LEAD
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "networks.network.created",
        "networks.membership.created",
    }
    # The creator edits it at once through the lead organization's team.
    assert api.patch(f"networks/{body['id']}", {"short_name": "AVL"}).status_code == 200


def test_many_to_many_changes_are_saved_and_audited(api, network_a, org_a, org_b):
    created = api.post(
        "agreements",
        {"network": network_a.pk, "title": "Kooperationsvertrag", "parties": [org_a.pk]},
    ).json()

    response = api.patch(f"agreements/{created['id']}", {"parties": [org_a.pk, org_b.pk]})

    assert sorted(response.json()["parties"]) == sorted([org_a.pk, org_b.pk])
    entry = AuditEntry.objects.get(action="networks.agreement.changed")
    assert entry.changes["parties"][1] == sorted([org_a.pk, org_b.pk])
