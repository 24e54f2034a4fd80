"""Course API: public search with filters; offer and run CRUD scoped like the UI."""

import pytest

from tests.api.conftest import client_for
from verbund.courses.api_schemas import SearchOut
from verbund.courses.models import Offer, Run

API = "/api/v1/courses"


@pytest.fixture(autouse=True)
def _api_urls(settings):
    settings.ROOT_URLCONF = "verbund.urls"


@pytest.fixture
def actors(offers, staff_a, staff_b, outsider):
    return {"anonymous": None, "outsider": outsider, "staff_a": staff_a, "staff_b": staff_b}


def new_offer(provider):
    return {
        "provider": provider.pk,
        "external_id": "API-1",
        "title": "SPS-Programmierung",
        "description": "TIA Portal",
        "format": "praesenz",
        "topics": ["schweissen"],
    }


# actor -> expected status for: list, retrieve A, create for A, update A, delete A, update B
EXPECTED = {
    "anonymous": (401, 401, 401, 401, 401, 401),
    "outsider": (200, 200, 403, 403, 403, 403),
    "staff_b": (200, 200, 403, 403, 403, 200),
    "staff_a": (200, 200, 201, 200, 204, 403),
}


@pytest.mark.parametrize("actor", EXPECTED)
def test_offer_crud_permissions(actors, offers, provider_a, actor):
    api = client_for(actors[actor])
    welding, excel = offers["welding"], offers["excel"]
    expected = EXPECTED[actor]
    assert api.get(f"{API}/offers").status_code == expected[0]
    assert api.get(f"{API}/offers/{welding.pk}").status_code == expected[1]
    assert api.post(f"{API}/offers", new_offer(provider_a)).status_code == expected[2]
    assert api.patch(f"{API}/offers/{welding.pk}", {"title": "Neu"}).status_code == expected[3]
    assert api.request("delete", f"{API}/offers/{welding.pk}").status_code == expected[4]
    assert api.patch(f"{API}/offers/{excel.pk}", {"title": "Excel 365"}).status_code == expected[5]


def test_archived_offer_hidden_from_other_providers(actors, offers):
    archived = offers["archived"]
    assert client_for(actors["staff_b"]).get(f"{API}/offers/{archived.pk}").status_code == 404
    assert client_for(actors["staff_a"]).get(f"{API}/offers/{archived.pk}").status_code == 200


def test_run_crud_and_validation(actors, offers):
    api = client_for(actors["staff_a"])
    welding = offers["welding"]
    response = api.post(
        f"{API}/offers/{welding.pk}/runs",
        {"start_date": "2030-01-10", "end_date": "2030-01-12", "city": "Hameln"},
    )
    assert response.status_code == 201, response.content
    run_id = response.json()["id"]
    assert response.json()["lat"] is not None
    response = api.patch(f"{API}/runs/{run_id}", {"end_date": "2029-01-01"})
    assert response.status_code == 422
    other = client_for(actors["staff_b"])
    assert other.patch(f"{API}/runs/{run_id}", {"seats_left": 3}).status_code == 403
    assert other.post(f"{API}/offers/{welding.pk}/runs", {"city": "X"}).status_code == 403
    assert api.request("delete", f"{API}/runs/{run_id}").status_code == 204
    assert not Run.objects.filter(pk=run_id).exists()
    welding.refresh_from_db()
    assert welding.version >= 3


def test_create_conflict_and_unknown_topic(actors, provider_a):
    api = client_for(actors["staff_a"])
    assert api.post(f"{API}/offers", new_offer(provider_a)).status_code == 201
    assert api.post(f"{API}/offers", new_offer(provider_a)).status_code == 409
    response = api.post(
        f"{API}/offers", new_offer(provider_a) | {"external_id": "2", "topics": ["x"]}
    )
    assert response.status_code == 422
    assert "Unbekanntes Thema" in response.json()["errors"]["topics"][0]
    assert Offer.objects.filter(external_id="API-1").count() == 1


def test_search_is_public_with_filters_facets_and_sort(client, offers):
    response = client.get(f"{API}/search", {"q": "Schweissen", "place": "Holzminden", "radius": 30})
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [offers["welding"].pk]
    assert body["items"][0]["title_html"].startswith("<mark>Schweißen</mark>")
    assert body["items"][0]["distance_km"] < 5
    body = client.get(f"{API}/search", {"format": ["online", "hybrid"]}).json()
    assert [item["id"] for item in body["items"]] == [offers["excel"].pk]
    formats = {facet["value"]: facet["count"] for facet in body["facets"]["format"]}
    assert formats == {"online": 1, "praesenz": 1}
    body = client.get(f"{API}/search", {"sort": "price"}).json()
    assert [item["price"] for item in body["items"]] == [120.0, 490.0]
    body = client.get(f"{API}/search", {"max_price": "200"}).json()
    assert body["total"] == 1
    body = client.get(f"{API}/search", {"provider": str(offers["welding"].provider_id)}).json()
    assert body["total"] == 1
    body = client.get(f"{API}/search", {"place": "Atlantis"}).json()
    assert "place" in body["errors"]
    assert client.get(f"{API}/search", {"sort": "zufall"}).status_code == 422


def test_search_response_matches_its_documented_schema(client, offers):
    # The view renders its dict without ninja's response validation: keep it honest.
    for params in ({}, {"q": "Schweissen", "place": "Holzminden"}, {"place": "Atlantis"}):
        response = client.get(f"{API}/search", params)
        assert response["Content-Type"].startswith("application/json")
        body = response.json()
        assert SearchOut.model_validate(body).model_dump(mode="json") == body


def test_search_reports_the_town_it_took_and_the_words_it_dropped(client, offers):
    body = client.get(f"{API}/search", {"q": "Schweißen Holzminden Quantenchromodynamik"}).json()
    assert (body["place_from_text"], body["dropped_words"]) == (
        "Holzminden",
        ["Quantenchromodynamik"],
    )
    assert [item["id"] for item in body["items"]] == [offers["welding"].pk]
    body = client.get(f"{API}/search", {"q": "Schweißen Holzminden", "no_town": "true"}).json()
    assert body["place_from_text"] == ""
    assert SearchOut.model_validate(body).model_dump(mode="json") == body
