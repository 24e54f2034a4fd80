import json

import pytest
from django.urls import reverse

from tests import factories
from verbund.core.models import ApiToken, AuditEntry, Person
from verbund.core.services import privacy


def test_every_model_with_personal_data_declares_export_and_erasure(db):
    """A new model that stores personal data must say what export and erasure do to it."""
    assert privacy.undeclared_models() == []


def test_detection_sees_references_and_personal_fields(db):
    from django.contrib.contenttypes.models import ContentType

    from verbund.core.models import Organization, Region

    assert privacy.holds_personal_data(ApiToken)  # refers to a user
    assert privacy.holds_personal_data(Organization)  # has email/phone fields
    assert not privacy.holds_personal_data(Region)
    assert not privacy.holds_personal_data(ContentType)


@pytest.fixture
def paula(org_a):
    account = factories.user("paula", organization=org_a)
    ApiToken.objects.create(user=account, name="Skript", prefix="abcd1234", key_hash="x" * 64)
    return account.person


def test_export_contains_person_and_related_records(paula):
    data = privacy.export_person(paula)
    assert data["person"]["name"] == "Paula Test"
    assert data["account"]["username"] == "paula"
    assert data["records"]["core.Person"][0]["email"] == "paula@example.org"
    assert data["records"]["core.ApiToken"][0]["name"] == "Skript"
    json.dumps(data)


def test_erase_anonymises_person_deactivates_account_and_keeps_audit(paula, coordinator_a):
    user = paula.user
    privacy.erase_person(paula, coordinator_a)
    paula.refresh_from_db()
    user.refresh_from_db()
    assert paula.first_name == privacy.ERASED_NAME and paula.email == "" and paula.anonymised_at
    assert not user.is_active and user.email == "" and not user.has_usable_password()
    assert not ApiToken.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(action="core.person.erased", object_id=str(paula.pk)).exists()


def test_erase_page_asks_for_the_last_name(client, paula, org_a):
    officer = factories.user("dora", organization=org_a)
    factories.grant(officer, ["privacy.manage"], organization=org_a)
    client.force_login(officer)
    url = reverse("core:person_erase", args=[paula.pk])
    response = client.post(url, {"confirm_name": "Falsch"})
    assert response.status_code == 400
    assert Person.objects.get(pk=paula.pk).first_name == "Paula"
    response = client.post(url, {"confirm_name": "Test"})
    assert response.status_code == 302
    assert Person.objects.get(pk=paula.pk).first_name == privacy.ERASED_NAME


def test_export_download_is_json_and_audited(client, paula, org_a):
    officer = factories.user("dora", organization=org_a)
    factories.grant(officer, ["privacy.manage"], organization=org_a)
    client.force_login(officer)
    response = client.post(reverse("core:person_export", args=[paula.pk]))
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["person"]["id"] == paula.pk
    assert AuditEntry.objects.filter(action="core.person.exported").count() == 1
