"""NUL characters in any field or filter are refused with 400 (issue 24, part 7).

PostgreSQL cannot hold U+0000 in text: the probe got 500s on 24 endpoints from ``?q=%00``
and from PATCH/POST bodies. The guard (``core.nul_bytes``) answers before any view, so
the tests walk every URL pattern of the site and every operation of the API.
"""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from tests import factories

_CONVERTER = re.compile(r"<(?:(\w+):)?\w+>")
_SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
}


def _site_paths(patterns=None, prefix=""):
    """One concrete path per URL pattern of the site (route patterns; the admin's regexes
    are left to Django)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = getattr(entry.pattern, "_route", None)
        if route is None:
            continue
        concrete = prefix + _CONVERTER.sub(lambda m: _SAMPLE.get(m.group(1) or "str", "x"), route)
        if isinstance(entry, URLResolver):
            yield from _site_paths(entry.url_patterns, concrete)
        elif isinstance(entry, URLPattern):
            yield "/" + concrete


@pytest.fixture
def admin(db):
    return factories.user("root", is_superuser=True, is_staff=True)


def test_every_page_refuses_nul_in_the_query_and_in_form_fields(client, admin):
    client.force_login(admin)
    paths = sorted(set(_site_paths()))
    assert len(paths) > 100  # the walk found the site, not a fragment of it
    accepted = []
    for path in paths:
        if client.get(path, {"q": "Schwei\x00ßen"}).status_code != 400:
            accepted.append(("GET", path))
        if client.post(path, {"title": "a\x00b"}).status_code != 400:
            accepted.append(("POST", path))
    assert accepted == []


def test_the_page_says_why_in_german(client, db):
    response = client.get("/kurse/", {"q": "\x00"})
    assert response.status_code == 400
    assert "Nullzeichen" in response.content.decode()


def test_a_nul_in_the_path_is_refused(client, db):
    assert client.get("/veranstaltungen/anmeldung/ab%00cd/").status_code == 400


def test_every_api_operation_refuses_nul_in_query_and_body(client, admin):
    client.force_login(admin)
    schema = client.get("/api/v1/openapi.json").json()
    accepted = []
    operations = 0
    for template, methods in schema["paths"].items():
        path = re.sub(r"\{[^}]+\}", "1", template)
        for method in methods:
            operations += 1
            send = getattr(client, method)
            response = send(path + "?q=%00")
            if response.status_code != 400:
                accepted.append((method, template, "query"))
            if method in ("post", "put", "patch"):
                body = json.dumps({"name": "a\x00b", "title": "x\x00"})
                response = send(path, body, content_type="application/json")
                if response.status_code != 400 or "Nullzeichen" not in response.json()["detail"]:
                    accepted.append((method, template, "body"))
    assert operations > 50
    assert accepted == []


def test_escaped_backslash_and_file_contents_pass(client, admin):
    """Only a real NUL counts: the JSON text ``\\u0000`` (an escaped backslash) and a file
    whose bytes contain NUL (every XLSX) reach the view."""
    client.force_login(admin)
    response = client.post(
        "/api/v1/events/999999/registrations",
        json.dumps({"name": "a\\u0000", "email": "a@example.org"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    upload = SimpleUploadedFile("plan.xlsx", b"PK\x03\x04\x00\x00binary")
    response = client.post("/verbundausbildung/berufe/import/", {"file": upload})
    assert response.status_code != 400 or "Nullzeichen" not in response.content.decode()
