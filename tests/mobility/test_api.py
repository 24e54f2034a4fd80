"""API of mobility: every endpoint as anonymous, without permission, permitted, and for
another partnership's object; match and check speak exactly mobility.md's JSON."""

import json

import pytest
from django.test import Client

from tests import factories
from verbund.core.services import tokens

from .test_solver_cli import EXAMPLE

API = "/api/v1"


def call(user, method, path, data=None):
    headers = {}
    if user is not None:
        _token, plaintext = tokens.create_token(user, "pytest")
        headers = {"Authorization": f"Bearer {plaintext}"}
    client = Client()
    if method == "get":
        return client.get(API + path, headers=headers)
    return client.post(
        API + path, json.dumps(data), content_type="application/json", headers=headers
    )


def ids(response):
    return {item["id"] for item in response.json()["items"]}


def test_lists_are_scoped(world, planner, outsider):
    a, c = world["a"], world["c"]
    assert call(None, "get", "/mobility/projects").status_code == 401
    assert ids(call(outsider, "get", "/mobility/projects")) == set()
    assert ids(call(planner, "get", "/mobility/projects")) == {a.project.pk}
    assert ids(call(planner, "get", "/mobility/placements")) == {a.placement.pk}
    assert ids(call(outsider, "get", "/mobility/stays")) == set()
    stays = call(planner, "get", "/mobility/stays").json()["items"]
    assert [s["id"] for s in stays] == [a.stay.pk]
    assert float(stays[0]["grant"]["total"]) == float(a.stay.grant_total)
    assert c.project.pk not in ids(call(planner, "get", "/mobility/projects"))


def test_details_anonymous_outsider_member_permitted_other(world, planner, member, outsider):
    a, c = world["a"], world["c"]
    stay, budget = f"/mobility/stays/{a.stay.pk}", f"/mobility/projects/{a.project.pk}/budget"
    assert call(None, "get", stay).status_code == 401
    assert call(outsider, "get", stay).status_code == 404
    assert call(member, "get", stay).status_code == 404  # personal data
    assert call(planner, "get", stay).status_code == 200
    assert call(planner, "get", f"/mobility/stays/{c.stay.pk}").status_code == 404
    assert call(outsider, "get", budget).status_code == 404
    assert call(member, "get", budget).status_code == 403
    response = call(planner, "get", budget)
    assert response.status_code == 200
    assert float(response.json()["committed"]) == float(a.stay.grant_total)
    assert call(planner, "get", f"/mobility/projects/{c.project.pk}/budget").status_code == 404


def test_match_and_check_speak_the_batch_format(world, planner, outsider):
    assert call(None, "post", "/mobility/match", EXAMPLE).status_code == 401
    assert call(outsider, "post", "/mobility/match", EXAMPLE).status_code == 403
    response = call(planner, "post", "/mobility/match?time_limit=1", EXAMPLE)
    assert response.status_code == 200
    plan = response.json()
    assert plan["stays"][0]["grant"]["total"] == 3136
    checked = call(planner, "post", "/mobility/check", {"instance": EXAMPLE, "plan": plan})
    assert checked.json() == {"valid": True, "violations": []}
    plan["stays"][0]["grant"]["inclusion"] = 0
    checked = call(planner, "post", "/mobility/check", {"instance": EXAMPLE, "plan": plan})
    assert checked.json()["valid"] is False
    bad = call(planner, "post", "/mobility/match", {"call_year": "x"})
    assert bad.status_code in (400, 422)
    assert (
        call(outsider, "post", "/mobility/check", {"instance": EXAMPLE, "plan": plan}).status_code
        == 403
    )


@pytest.fixture
def approver(world):
    account = factories.user("tina", organization=world["a"].company)
    factories.grant(account, ["mobility.approve"], organization=world["a"].company)
    return account


def test_training_company_sees_its_apprentices_stay_only(world, approver):
    assert ids(call(approver, "get", "/mobility/stays")) == {world["a"].stay.pk}
    assert ids(call(approver, "get", "/mobility/projects")) == set()
