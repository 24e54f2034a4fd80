"""Generated permission tests: every endpoint × every kind of caller (NetBox style).

Each resource belongs to one visibility category; the category's table says which
status each caller gets for list/retrieve/create/update on A's object ("a") and on
B's object ("b"). A not-visible object is 404, a visible but not editable one 403.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.api.conftest import client_for

# (actor, action, target) -> status. Anonymous callers get 401 everywhere (added below).
REFERENCE = {  # regions, topics: read by all signed-in users, changed by superusers
    ("outsider", "list", "a"): 200,
    ("outsider", "retrieve", "a"): 200,
    ("outsider", "create", "a"): 403,
    ("outsider", "update", "a"): 403,
    ("coordinator_a", "list", "a"): 200,
    ("coordinator_a", "retrieve", "a"): 200,
    ("coordinator_a", "create", "a"): 403,
    ("coordinator_a", "update", "a"): 403,
    ("superuser", "create", "a"): 201,
    ("superuser", "update", "a"): 200,
}
DIRECTORY = {  # organizations: everyone signed in reads, organizations.edit changes
    ("outsider", "list", "a"): 200,
    ("outsider", "retrieve", "a"): 200,
    ("outsider", "create", "a"): 403,
    ("outsider", "update", "a"): 403,
    ("member_b", "retrieve", "b"): 200,
    ("member_b", "create", "b"): 403,
    ("member_b", "update", "b"): 403,
    ("coordinator_a", "list", "a"): 200,
    ("coordinator_a", "retrieve", "a"): 200,
    ("coordinator_a", "create", "a"): 201,
    ("coordinator_a", "update", "a"): 200,
    ("coordinator_a", "retrieve", "b"): 200,
    ("coordinator_a", "update", "b"): 403,
    ("superuser", "create", "a"): 201,
    ("superuser", "update", "b"): 200,
}
PRIVATE = {  # people, networks: seen only within the organization / network
    ("outsider", "list", "a"): 200,
    ("outsider", "retrieve", "a"): 404,
    ("outsider", "create", "a"): 403,  # the organization in the body is visible to all
    ("outsider", "update", "a"): 404,
    ("member_b", "retrieve", "b"): 200,
    ("member_b", "create", "b"): 403,
    ("member_b", "update", "b"): 403,
    ("coordinator_a", "list", "a"): 200,
    ("coordinator_a", "retrieve", "a"): 200,
    ("coordinator_a", "create", "a"): 201,
    ("coordinator_a", "update", "a"): 200,
    ("coordinator_a", "retrieve", "b"): 404,
    ("coordinator_a", "create", "b"): 403,
    ("coordinator_a", "update", "b"): 404,
    ("superuser", "retrieve", "b"): 200,
    ("superuser", "create", "b"): 201,
    ("superuser", "update", "b"): 200,
}
NETWORK_PART = {  # members, agreements, goals, activities of a private network
    **PRIVATE,
    ("outsider", "create", "a"): 404,  # the network in the body is invisible
    ("coordinator_a", "create", "b"): 404,
}


@dataclass
class Resource:
    path: str
    expected: dict
    own: Callable  # world, "a"/"b" -> the object
    create: Callable  # world, "a"/"b" -> request body
    update: dict


RESOURCES = {
    "regions": Resource(
        "regions",
        REFERENCE,
        lambda w, t: w.region,
        lambda w, t: {"name": "Landkreis Celle", "kind": "landkreis", "code": "03351"},
        {"name": "Region Hannover (neu)"},
    ),
    "topics": Resource(
        "topics",
        REFERENCE,
        lambda w, t: w.topic,
        lambda w, t: {
            "code": "pytest-schweisstechnik",
            "label_de": "Schweißtechnik",
            "label_en": "Welding",
            "label_fr": "Soudage",
        },
        {"synonyms": ["Schweißen"]},
    ),
    "organizations": Resource(
        "organizations",
        DIRECTORY,
        lambda w, t: getattr(w, t).organization,
        lambda w, t: {"name": "Tischlerei Neu GmbH", "kind": "company", "city": "Celle"},
        {"city": "Hildesheim"},
    ),
    "people": Resource(
        "people",
        PRIVATE,
        lambda w, t: getattr(w, t).person,
        lambda w, t: {
            "first_name": "Petra",
            "last_name": "Neu",
            "organization": getattr(w, t).organization.pk,
        },
        {"function": "Ausbildungsberatung"},
    ),
    "networks": Resource(
        "networks",
        PRIVATE,
        lambda w, t: getattr(w, t).network,
        lambda w, t: {
            "name": "Ausbildungsverbund Neu",
            "kind": "ausbildungsverbund",
            "lead_organization": getattr(w, t).organization.pk,
        },
        {"description": "Gemeinsam ausbilden."},
    ),
    "members": Resource(
        "members",
        # Joining needs the organization's consent: editors invite (tests/networks/
        # test_invitations.py); only an administrator adds one without users directly.
        {**NETWORK_PART, ("coordinator_a", "create", "a"): 403},
        lambda w, t: getattr(w, t).membership,
        lambda w, t: {"network": getattr(w, t).network.pk, "organization": w.org_c.pk},
        {"note": "seit der Gründung"},
    ),
    "agreements": Resource(
        "agreements",
        NETWORK_PART,
        lambda w, t: getattr(w, t).agreement,
        lambda w, t: {
            "network": getattr(w, t).network.pk,
            "title": "Kooperationsvertrag 2026",
            "parties": [getattr(w, t).organization.pk, w.org_c.pk],
            "decided_on": "2026-01-15",
        },
        {"signed_on": "2026-02-01"},
    ),
    "goals": Resource(
        "goals",
        NETWORK_PART,
        lambda w, t: getattr(w, t).goal,
        lambda w, t: {"network": getattr(w, t).network.pk, "title": "20 Verbundazubis"},
        {"status": "achieved"},
    ),
    "activities": Resource(
        "activities",
        NETWORK_PART,
        lambda w, t: getattr(w, t).activity,
        lambda w, t: {
            "network": getattr(w, t).network.pk,
            "kind": "delegation",
            "title": "Delegationsbesuch Caen",
            "start": "2026-06-02",
            "end": "2026-06-04",
            "organizations": [w.org_c.pk],
        },
        {"place": "Caen"},
    ),
}
ACTIONS = ("list", "retrieve", "create", "update")


def _cases():
    for name, resource in RESOURCES.items():
        for action in ACTIONS:
            for target in ("a", "b") if resource.expected is not REFERENCE else ("a",):
                yield pytest.param(name, "anonymous", action, target, 401)
        for (actor, action, target), status in resource.expected.items():
            yield pytest.param(name, actor, action, target, status)


def _ids(param):
    name, actor, action, target, status = param.values
    return f"{name}-{action}-{actor}-{target}-{status}"


CASES = list(_cases())


@pytest.mark.parametrize(
    ("name", "actor", "action", "target", "status"), CASES, ids=[_ids(c) for c in CASES]
)
def test_endpoint_permissions(world, actors, name, actor, action, target, status):
    resource = RESOURCES[name]
    api = client_for(actors[actor])
    obj = resource.own(world, target)
    if action == "list":
        response = api.get(resource.path)
    elif action == "retrieve":
        response = api.get(f"{resource.path}/{obj.pk}")
    elif action == "create":
        response = api.post(resource.path, resource.create(world, target))
    else:
        response = api.patch(f"{resource.path}/{obj.pk}", resource.update)

    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    if status >= 400:
        assert body["detail"]
    elif action == "list":
        assert set(body) == {"items", "count"}
    elif action == "create":
        assert body["id"]
    elif action == "update":
        field, value = next(iter(resource.update.items()))
        assert body[field] == value
    else:
        assert body["id"] == obj.pk


# Capability apps test their own routes' permissions in tests/<app>/.
CAPABILITY_PREFIXES = (
    "courses",
    "needs",
    "advice",
    "exams",
    "events",
    "economy",
    "apprenticeship",
    "mobility",
)


def test_every_foundation_route_is_in_the_permission_table():
    from verbund.api.api import api

    paths = {
        path
        for path in api.get_openapi_schema()["paths"]
        if path.split("/")[3] not in CAPABILITY_PREFIXES
    }
    covered = {f"/api/v1/{r.path}" for r in RESOURCES.values()}
    covered.add("/api/v1/invitations")  # tests/networks/test_invitations.py
    assert {path.split("/{")[0] for path in paths} == covered


def test_lists_are_scoped_like_the_ui(world, coordinator_a, member_b):
    """Lists show what visible_to shows: A's things to A, B's to B, never the other's."""
    for name in ("people", "networks", "members", "agreements", "goals", "activities"):
        resource = RESOURCES[name]
        for user, mine, theirs in ((coordinator_a, "a", "b"), (member_b, "b", "a")):
            ids = {item["id"] for item in client_for(user).get(name).json()["items"]}
            assert resource.own(world, mine).pk in ids, name
            assert resource.own(world, theirs).pk not in ids, name


def test_moving_a_person_needs_the_right_in_the_new_organization(world, coordinator_a):
    api = client_for(coordinator_a)
    person = world.a.person

    assert (
        api.patch(f"people/{person.pk}", {"organization": world.b.organization.pk}).status_code
        == 403
    )
    cleared = api.patch(f"people/{person.pk}", {"organization": None})
    assert cleared.status_code == 422 and "organization" in cleared.json()["errors"]
    person.refresh_from_db()
    assert person.organization == world.a.organization


def test_a_network_team_grant_is_enough(world, outsider):
    """networks.edit from a team of the network itself (not of the lead organization)."""
    from tests import factories

    factories.grant(outsider, ["networks.edit"], network=world.a.network)
    api = client_for(outsider)

    assert api.patch(f"goals/{world.a.goal.pk}", {"status": "in_progress"}).status_code == 200
    assert api.patch(f"goals/{world.b.goal.pk}", {"status": "in_progress"}).status_code == 404
