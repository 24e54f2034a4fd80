"""The OpenAPI document lists every route; the docs page works under our CSP."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from verbund.api.api import api

RESOURCES = {
    "regions": "region_id",
    "topics": "topic_id",
    "organizations": "organization_id",
    "people": "person_id",
    "networks": "network_id",
    "members": "membership_id",
    "agreements": "agreement_id",
    "goals": "goal_id",
    "activities": "activity_id",
}


@pytest.fixture
def schema(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_lists_every_foundation_route(schema):
    expected = set()
    for name, key in RESOURCES.items():
        expected |= {(f"/api/v1/{name}", "get"), (f"/api/v1/{name}", "post")}
        expected |= {(f"/api/v1/{name}/{{{key}}}", "get"), (f"/api/v1/{name}/{{{key}}}", "patch")}
    documented = {(path, method) for path, item in schema["paths"].items() for method in item}

    assert expected <= documented


def test_openapi_matches_the_registered_operations(schema):
    """Nothing routed is missing from the document (catches a router added without docs)."""
    registered = set()
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    full = "/api/v1/" + (prefix.strip("/") + "/" + path.strip("/")).strip("/")
                    registered.add((re.sub(r"{\w+:(\w+)}", r"{\1}", full), method.lower()))
    documented = {(path, method) for path, item in schema["paths"].items() for method in item}
    assert registered == documented


# Deliberately public: the course search is for everyone, like the search page.
PUBLIC_OPERATIONS = {("/api/v1/courses/search", "get")}


def test_every_operation_requires_authentication(schema):
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if (path, method) in PUBLIC_OPERATIONS:
                continue
            assert operation.get("security"), f"{method} {path} is open"


def test_lists_document_filters_and_pagination(schema):
    parameters = {
        parameter["name"]
        for parameter in schema["paths"]["/api/v1/activities"]["get"]["parameters"]
    }
    assert {
        "network",
        "kind",
        "start_after",
        "start_before",
        "q",
        "ordering",
        "limit",
        "offset",
    } <= parameters


def test_docs_page_loads_without_inline_scripts(db):
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attributes, body in scripts:
        # Either an external file from our own static files, or inert JSON data.
        assert "src=" in attributes or 'type="application/json"' in attributes
        assert "src=" not in attributes or not body.strip()
    for url in re.findall(r'(?:src|href)="/static/([^"]+)"', html):
        assert finders.find(url), url
    assert "cdn" not in html.lower()
    assert "/api/v1/openapi.json" in html


def _verbund_models():
    from pydantic import BaseModel

    found, todo = set(), [BaseModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return [model for model in found if model.__module__.startswith("verbund.")]


def test_no_two_schemas_share_a_component_name(schema):
    """Issue 24: ``CellOut``, ``ProfileOut``, ``RunOut``, ``WaveOut`` were each defined twice
    and one silently replaced the other in the document's components."""
    by_name = {}
    for model in _verbund_models():
        by_name.setdefault(model.__name__, set()).add(f"{model.__module__}.{model.__qualname__}")
    twice = {name: sorted(places) for name, places in by_name.items() if len(places) > 1}
    assert twice == {}
    components = set(schema["components"]["schemas"])
    assert {"NeedsWaveOut", "WaveOut", "NeedsCellOut", "CellOut"} <= components
    assert {"B2BProfileOut", "ProfileOut", "CourseRunOut", "RunOut"} <= components
