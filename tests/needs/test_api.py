"""API endpoints of needs and advice: same scoping as the UI, protected aggregates."""

import json

import pytest
from django.test import Client

from tests.advice.conftest import advice_world  # noqa: F401 - fixture
from verbund.core.services import disclosure, tokens


def api(user):
    headers = {}
    if user is not None:
        _token, plaintext = tokens.create_token(user, "pytest")
        headers = {"Authorization": f"Bearer {plaintext}"}
    client = Client()

    def call(method, path, data=None):
        url = f"/api/v1/{path}"
        if method == "get":
            return client.get(url, data or {}, headers=headers)
        return client.post(
            url, json.dumps(data or {}), content_type="application/json", headers=headers
        )

    return call


@pytest.mark.parametrize(
    "path", ["needs/waves/{a}", "needs/waves/{a}/analysis", "needs/waves/{a}/gaps"]
)
def test_wave_endpoints(survey_world, path):
    world = survey_world
    a, b = world.wave_a.pk, world.wave_b.pk
    assert api(None)("get", path.format(a=a)).status_code == 401
    assert api(world.outsider)("get", path.format(a=a)).status_code == 404
    assert api(world.viktor)("get", path.format(a=a)).status_code == 200
    assert api(world.nora)("get", path.format(a=a)).status_code == 200
    assert api(world.nora)("get", path.format(a=b)).status_code == 404


def test_wave_list_is_scoped(survey_world):
    assert [w["title"] for w in api(survey_world.nora)("get", "needs/waves").json()] == [
        "Bedarf 2026"
    ]
    assert api(survey_world.outsider)("get", "needs/waves").json() == []


def test_analysis_obeys_privacy(survey_world):
    body = api(survey_world.nora)("get", f"needs/waves/{survey_world.wave_a.pk}/analysis").json()
    by_label = {row["label"]: row for row in body["rows"]}
    assert (
        by_label["Landkreis Vechta"]["hidden"] and by_label["Landkreis Vechta"]["employees"] is None
    )
    # Holzminden (6 companies) is hidden too, else Vechta = total - Holzminden
    assert (
        by_label["Landkreis Holzminden"]["hidden"]
        and by_label["Landkreis Holzminden"]["companies"] is None
    )
    # published numbers carry the cell-key noise (core.services.disclosure)
    assert abs(body["total"]["companies"] - 8) <= disclosure.MAX_DEVIATION


def test_match_endpoint(survey_world, topics):
    call = api(survey_world.outsider)
    assert api(None)("post", "needs/match", {"topic_id": topics.it.pk}).status_code == 401
    response = call(
        "post", "needs/match", {"topic_id": topics.it.pk, "format": "online", "urgency": 6}
    )
    assert response.status_code == 200 and response.json() == []
    assert call("post", "needs/match", {"unknown": 1}).status_code == 422


def test_match_stored_needs_is_scoped(survey_world, advice_world):  # noqa: F811
    from verbund.needs.models import Response

    response = Response.objects.filter(wave=survey_world.wave_a).first()
    assert (
        api(survey_world.outsider)("post", "needs/match", {"response_id": response.pk}).status_code
        == 404
    )
    assert (
        api(survey_world.viktor)("post", "needs/match", {"response_id": response.pk}).status_code
        == 403
    )
    assert (
        api(survey_world.nora)("post", "needs/match", {"response_id": response.pk}).status_code
        == 200
    )
    case = advice_world.case_a
    assert api(advice_world.mara)("post", "needs/match", {"case_id": case.pk}).status_code == 404
    assert api(advice_world.tobias)("post", "needs/match", {"case_id": case.pk}).status_code == 200


def test_advice_endpoints(advice_world):  # noqa: F811
    world = advice_world
    for path in ("advice/offices", "advice/cases", "advice/worklist"):
        assert api(None)("get", path).status_code == 401
    assert [c["subject"] for c in api(world.tobias)("get", "advice/cases").json()] == [
        "Digitalisierung im Büro"
    ]
    assert api(world.mara)("get", "advice/cases").json() == []
    assert api(world.outsider)("get", f"advice/cases/{world.case_a.pk}").status_code == 404
    assert api(world.tobias)("get", f"advice/cases/{world.case_b.pk}").status_code == 404
    assert (
        api(world.tobias)("get", f"advice/cases/{world.case_a.pk}").json()["needs"][0]["employees"]
        == 3
    )
    assert len(api(world.tobias)("get", "advice/worklist").json()) == 1
    assert api(world.outsider)("get", f"advice/offices/{world.office_a.pk}").status_code == 404
    assert api(world.tobias)("get", f"advice/offices/{world.office_a.pk}").status_code == 200


def test_openapi_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/needs/match" in paths and "/api/v1/advice/cases" in paths
