"""Issue 25: each party decides an agreement with its own body and date (seed 003)."""

import datetime
import importlib

import pytest
from django.apps import apps as global_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from verbund.core.models import AuditEntry
from verbund.networks.models import Agreement, PartyDecision
from verbund.networks.services import decisions

D = datetime.date


@pytest.fixture
def agreement(network_a, org_a, org_b):
    created = Agreement.objects.create(network=network_a, title="Kooperationsvertrag")
    created.parties.set([org_a, org_b])
    return created


def test_in_force_once_every_party_has_decided(agreement, org_a, org_b, coordinator_a):
    decisions.record(agreement, org_b, D(2018, 6, 27), "Vollversammlung", coordinator_a)
    assert decisions.in_force_since(agreement) is None
    assert list(decisions.missing_parties(agreement)) == [org_a]
    agreement.refresh_from_db()
    assert agreement.decided_on is None
    decisions.record(agreement, org_a, D(2018, 9, 24), " Vollversammlung ", coordinator_a)
    agreement.refresh_from_db()
    assert agreement.decided_on == D(2018, 9, 24) == decisions.in_force_since(agreement)
    assert PartyDecision.objects.get(organization=org_a).body == "Vollversammlung"
    assert AuditEntry.objects.filter(action="networks.agreement.party_decided").count() == 2


def test_only_parties_decide_and_not_after_signing(agreement, coordinator_a):
    outsider_org = factories.organization("Fremder Betrieb")
    with pytest.raises(ValidationError):
        decisions.record(agreement, outsider_org, D(2018, 1, 1), "", coordinator_a)
    agreement.signed_on = D(2018, 10, 1)
    agreement.save()
    with pytest.raises(ValidationError):
        decisions.record(agreement, agreement.parties.first(), D(2018, 11, 1), "", coordinator_a)
    assert not PartyDecision.objects.exists()


def test_page_permissions_and_form(client, agreement, org_a, coordinator_a, member_b, outsider):
    url = reverse("networks:agreement_decisions", args=[agreement.pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member_b)
    assert client.get(url).status_code == 404  # network A is not B's
    client.force_login(coordinator_a)
    assert client.get(url).status_code == 200
    data = {"organization": org_a.pk, "decided_on": "2018-09-24", "body": "Präsidium"}
    assert client.post(url, data).status_code == 302
    page = client.get(agreement.network.get_absolute_url()).content.decode()
    assert "beschlossen am 24.09.2018" in page and "(Präsidium)" in page
    bad = client.post(url, {"organization": org_a.pk, "decided_on": "gestern"})
    assert bad.status_code == 400


def test_migration_copies_the_single_date_to_every_party(agreement, org_a, org_b):
    agreement.decided_on = D(2018, 9, 24)
    agreement.save()
    migration = importlib.import_module("verbund.networks.migrations.0004_party_decisions")
    migration.copy_agreement_dates(global_apps, None)
    assert set(PartyDecision.objects.values_list("organization", "decided_on")) == {
        (org_a.pk, D(2018, 9, 24)),
        (org_b.pk, D(2018, 9, 24)),
    }
