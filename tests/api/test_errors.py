"""Every error is JSON with a clear German message; 422/409 carry per-field errors."""

import pytest
from django.test import Client

from tests.api.conftest import client_for
from verbund.core.models import Organization
from verbund.networks.models import Activity, Membership


@pytest.fixture
def api(coordinator_a):
    return client_for(coordinator_a)


def test_schema_errors_are_422_per_field(api, network_a):
    response = api.post(
        "activities",
        {"network": network_a.pk, "kind": "picknick", "start": "morgen", "colour": "blau"},
    )

    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Die Eingaben sind ungültig."
    errors = body["errors"]
    assert errors["title"] == ["Dieses Feld ist erforderlich."]
    assert errors["start"] == ["Bitte ein Datum im Format JJJJ-MM-TT angeben."]
    assert errors["kind"][0].startswith("Ungültige Auswahl. Erlaubt:")
    assert errors["colour"] == ["Dieses Feld ist unbekannt."]
    assert not Activity.objects.filter(network=network_a, title="").exists()


def test_model_validation_errors_have_the_same_shape(api, network_a):
    response = api.post(
        "activities",
        {
            "network": network_a.pk,
            "kind": "meeting",
            "title": "Rückwärts",
            "start": "2026-05-10",
            "end": "2026-05-01",
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"end": ["Das Ende liegt vor dem Beginn."]}
    assert not Activity.objects.filter(title="Rückwärts").exists()


def test_field_validators_of_the_model_apply(api, org_a):
    response = api.patch(f"organizations/{org_a.pk}", {"email": "kein-mail", "name": ""})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"email", "name"}
    org_a.refresh_from_db()
    assert org_a.name == "Handwerkskammer Hannover"


def test_unknown_reference_is_a_field_error(api, org_a):
    response = api.post(
        "organizations", {"name": "X GmbH", "kind": "company", "region": 999999, "parent": org_a.pk}
    )

    assert response.status_code == 422
    assert response.json()["errors"] == {"region": ["Unbekannte ID: 999999"]}


def test_invisible_reference_is_a_field_error(api, network_a, network_b):
    """An agreement of network B may not be linked from network A's goal (nor probed)."""
    from verbund.networks.models import Agreement

    foreign = Agreement.objects.create(network=network_b, title="Vertrag B")
    response = api.post(
        "goals", {"network": network_a.pk, "title": "Ziel", "agreement": foreign.pk}
    )

    assert response.status_code == 422
    assert "agreement" in response.json()["errors"]


def test_duplicate_is_409(superuser, network_a):
    # members are added directly only by an administrator, for organizations without users
    from tests import factories

    foundation = factories.organization("Stiftung ohne Konto")
    api = client_for(superuser)
    body = {"network": network_a.pk, "organization": foundation.pk}
    assert api.post("members", body).status_code == 201
    response = api.post("members", body)

    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == "Ein solcher Eintrag existiert bereits."
    assert body["errors"]
    assert Membership.objects.filter(network=network_a, organization=foundation).count() == 1


def test_duplicate_topic_code_is_409(superuser):
    response = client_for(superuser).post(
        "topics",
        {"code": "pytest-doppelt", "label_de": "A", "label_en": "A", "label_fr": "A"},
    )
    assert response.status_code == 201
    again = client_for(superuser).post(
        "topics",
        {"code": "pytest-doppelt", "label_de": "B", "label_en": "B", "label_fr": "B"},
    )
    assert again.status_code == 409
    assert "code" in again.json()["errors"]


def test_invalid_json_is_400(api):
    response = api.client.post(
        "/api/v1/organizations", "{kaputt", content_type="application/json", headers=api.headers
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "Der Inhalt der Anfrage ist kein gültiges JSON."


def test_unknown_object_is_404_json(api):
    response = api.get("networks/999999")

    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


def test_forbidden_is_403_json(api, org_b):
    response = api.patch(f"organizations/{org_b.pk}", {"city": "Wolfsburg"})

    assert response.status_code == 403
    assert response.json() == {"detail": "Dazu fehlt Ihnen die Berechtigung."}


def test_bad_path_id_is_422(api):
    response = api.get("organizations/abc")

    assert response.status_code == 422
    assert "organization_id" in response.json()["errors"]


# Session authentication (the docs page in the browser) -------------------------------


def test_session_reads_without_token(coordinator_a):
    client = Client()
    client.force_login(coordinator_a)

    assert client.get("/api/v1/networks").status_code == 200


def test_session_writes_need_the_csrf_token(coordinator_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_a)
    body = {"name": "Ohne CSRF GmbH", "kind": "company"}

    refused = client.post("/api/v1/organizations", body, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert not Organization.objects.filter(name="Ohne CSRF GmbH").exists()

    client.get("/api/v1/docs")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/organizations",
        body,
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert accepted.status_code == 201


def test_anonymous_write_is_401_not_a_csrf_error():
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/organizations", {}, content_type="application/json"
    )
    assert response.status_code == 401
