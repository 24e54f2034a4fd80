"""Pagination with count, filters and ordering of the list endpoints."""

import datetime

import pytest

from tests import factories
from tests.api.conftest import client_for
from verbund.core.models import Organization, Person, Region
from verbund.networks.models import Activity


@pytest.fixture
def api(coordinator_a):
    return client_for(coordinator_a)


def test_pagination_reports_count_and_slices(api, org_a):
    for number in range(7):
        factories.organization(f"Betrieb {number:02d}")
    total = Organization.objects.count()

    first = api.get("organizations", limit=3, ordering="name").json()
    second = api.get("organizations", limit=3, offset=3, ordering="name").json()

    assert first["count"] == second["count"] == total
    assert len(first["items"]) == 3
    names = [item["name"] for item in first["items"] + second["items"]]
    assert names == sorted(names) and len(set(names)) == 6


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"offset": -1}, "offset")],
)
def test_pagination_bounds_are_422(api, params, field):
    response = api.get("organizations", **params)

    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_ordering_by_allowed_fields_only(api, org_a, org_b):
    names = [item["name"] for item in api.get("organizations", ordering="-name").json()["items"]]
    assert names == sorted(names, reverse=True)

    response = api.get("organizations", ordering="email")
    assert response.status_code == 422
    assert response.json()["errors"]["ordering"][0].startswith("Unbekanntes Sortierfeld: email")


def test_organization_filters(api, org_a, org_b):
    region = factories.region("Landkreis Celle", code="03351")
    factories.organization("Metallbau Celle GmbH", city="Celle", region=region)
    factories.organization("Bäckerei Celle", kind="company", city="Celle")

    by_kind = api.get("organizations", kind="ihk").json()
    assert [item["name"] for item in by_kind["items"]] == ["IHK Braunschweig"]
    by_region = api.get("organizations", region=region.pk).json()
    assert [item["name"] for item in by_region["items"]] == ["Metallbau Celle GmbH"]
    by_text = api.get("organizations", q="celle").json()
    assert by_text["count"] == 2
    assert api.get("organizations", kind="bank").status_code == 422


def test_region_and_topic_filters(api):
    factories.region("Calvados", kind=Region.Kind.DEPARTEMENT, country="FR", code="14")
    factories.region("Region Hannover", code="03241")

    french = api.get("regions", country="fr").json()
    assert [item["name"] for item in french["items"]] == ["Calvados"]
    assert api.get("regions", kind="departement", q="calv").json()["count"] == 1

    topics = api.get("topics", limit=500).json()
    assert topics["count"] > 0
    child = next(item for item in topics["items"] if item["parent"])
    children = api.get("topics", parent=child["parent"]).json()["items"]
    assert children and all(item["parent"] == child["parent"] for item in children)


def test_people_filters_and_contact_data(api, org_a, coordinator_a):
    Person.objects.create(
        first_name="Jana",
        last_name="Beraterin",
        organization=org_a,
        email="jana@example.org",
        phone="0511 1",
    )
    other = factories.organization("Andere GmbH")
    Person.objects.create(
        first_name="Jan", last_name="Fremd", organization=other, email="jan@example.org"
    )

    people = api.get("people", organization=org_a.pk).json()["items"]
    assert {item["last_name"] for item in people} == {"Beraterin", "Test"}
    jana = api.get("people", q="jana").json()["items"]
    assert jana[0]["email"] == "jana@example.org" and jana[0]["phone"] == "0511 1"
    # People of organizations the caller has nothing to do with are not listed at all.
    assert api.get("people", q="fremd").json()["count"] == 0


def test_activity_filters(api, network_a, org_b):
    today = datetime.date.today()
    factories.activity(network_a, "Frühjahrstreffen", days_ahead=5)
    forum = factories.activity(network_a, "Herbstforum", days_ahead=60, place="Caen")
    Activity.objects.filter(pk=forum.pk).update(kind=Activity.Kind.FORUM)
    other = factories.network("Sichtbar", lead=org_b, is_public=True)
    factories.activity(other, "Fremdes Treffen", days_ahead=5)

    mine = api.get("activities", network=network_a.pk).json()
    assert {item["title"] for item in mine["items"]} == {"Frühjahrstreffen", "Herbstforum"}
    soon = api.get(
        "activities",
        network=network_a.pk,
        start_after=today.isoformat(),
        start_before=(today + datetime.timedelta(days=30)).isoformat(),
    ).json()
    assert [item["title"] for item in soon["items"]] == ["Frühjahrstreffen"]
    assert api.get("activities", kind="forum").json()["items"][0]["title"] == "Herbstforum"
    assert api.get("activities", q="caen").json()["count"] == 1
    assert api.get("activities", start_after="gestern").status_code == 422
    # A public network's activities are visible to every signed-in user.
    assert api.get("activities", network=other.pk).json()["count"] == 1


def test_network_and_member_filters(api, network_a, org_a, org_b):
    factories.network("Ausbildungsverbund Süd", kind="ausbildungsverbund", lead=org_a)

    kinds = api.get("networks", kind="ausbildungsverbund").json()["items"]
    assert [item["name"] for item in kinds] == ["Ausbildungsverbund Süd"]
    assert api.get("networks", q="normandie").json()["items"][0]["id"] == network_a.pk
    members = api.get("members", network=network_a.pk).json()["items"]
    assert [(item["organization"], item["role"]) for item in members] == [(org_a.pk, "lead")]
