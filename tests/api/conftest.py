"""API test helpers: a JSON client per actor (token auth) and one small world of data.

Organization A (Handwerkskammer Hannover) leads the private network A, organization B
(IHK Braunschweig) the private network B. ``coordinator_a`` may edit A's things,
``member_b`` sees B's things but may edit nothing, ``outsider`` belongs nowhere.
"""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.test import Client

from tests import factories
from verbund.core.models import Person, Topic
from verbund.core.services import tokens
from verbund.networks.models import Agreement, Goal, Membership

API = "/api/v1"


class ApiClient:
    """JSON in, JSON out; ``token`` is sent as ``Authorization: Bearer``."""

    def __init__(self, token: str | None = None, client: Client | None = None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, path: str, data=None, **params):
        url = path if path.startswith("/") else f"{API}/{path}"
        if method == "get":
            return self.client.get(url, data or params, headers=self.headers)
        return getattr(self.client, method)(
            url,
            json.dumps(data) if data is not None else "",
            content_type="application/json",
            headers=self.headers,
        )

    def get(self, path, **params):
        return self.request("get", path, **params)

    def post(self, path, data):
        return self.request("post", path, data)

    def patch(self, path, data):
        return self.request("patch", path, data)


def client_for(user) -> ApiClient:
    if user is None:
        return ApiClient()
    _token, plaintext = tokens.create_token(user, "pytest")
    return ApiClient(plaintext)


@pytest.fixture
def superuser(db):
    return factories.user("root", is_superuser=True, is_staff=True)


@pytest.fixture
def actors(outsider, member_b, coordinator_a, superuser):
    return {
        "anonymous": None,
        "outsider": outsider,
        "member_b": member_b,
        "coordinator_a": coordinator_a,
        "superuser": superuser,
    }


@pytest.fixture
def world(org_a, org_b, network_a, network_b, actors):
    """One object of every kind in A and in B (reference data once)."""
    region = factories.region("Region Hannover", code="03241")
    org_c = factories.organization("Metallbau Celle GmbH", city="Celle")
    parts = {}
    for key, organization, network in (("a", org_a, network_a), ("b", org_b, network_b)):
        agreement = Agreement.objects.create(network=network, title=f"Vertrag {key.upper()}")
        agreement.parties.add(organization)
        parts[key] = SimpleNamespace(
            organization=organization,
            network=network,
            person=Person.objects.create(
                first_name="Paula",
                last_name=f"Kontakt {key.upper()}",
                organization=organization,
                email=f"paula.{key}@example.org",
                phone="+49 511 0000",
            ),
            membership=Membership.objects.get(network=network, role=Membership.Role.LEAD),
            agreement=agreement,
            goal=Goal.objects.create(network=network, title=f"Ziel {key.upper()}"),
            activity=factories.activity(network, title=f"Treffen {key.upper()}"),
        )
    return SimpleNamespace(
        a=parts["a"],
        b=parts["b"],
        org_c=org_c,
        region=region,
        topic=Topic.objects.create(
            code="pytest-metall", label_de="Metall (Test)", label_en="Metal", label_fr="Métal"
        ),
        today=datetime.date.today(),
    )
