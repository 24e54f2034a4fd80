"""Odd input gets 4xx (or an ignored filter), never a 500 (issue 10).

Unicode digits ("²" passes ``str.isdigit``), letters, numbers beyond any column, NaN
and infinity in every query parameter that takes a number, on the pages the probe hit.
"""

import pytest
from django.urls import reverse

from tests import factories
from tests.api.conftest import client_for
from tests.needs.conftest import make_response

ODD = ["²", "abc", "99999999999999999999999", "nan", "-1"]


@pytest.fixture
def admin(db):
    return factories.user("root", is_superuser=True, is_staff=True)


@pytest.fixture
def pages(survey_world, districts, topics):
    wave = survey_world.wave_a
    response = make_response(wave, "Extra", districts.vechta, topics.work)
    return {
        "course search": (
            reverse("courses:search"),
            ["provider", "region", "page", "radius", "max_price", "topic"],
        ),
        "course search near": (reverse("courses:search") + "?place=Hannover", ["radius"]),
        "organizations": (reverse("core:organization_list"), ["region", "kind", "page"]),
        "dashboard": (
            reverse("needs:dashboard", args=[wave.pk]),
            ["district", "topic", "sector", "size", "target_group", "cross", "group"],
        ),
        "chart": (reverse("needs:chart", args=[wave.pk]), ["district", "topic", "group"]),
        "xlsx": (reverse("needs:export_xlsx", args=[wave.pk]), ["district", "topic"]),
        "compare": (reverse("needs:compare", args=[wave.pk]), ["with", "group", "district"]),
        "gaps": (reverse("needs:gaps", args=[wave.pk]), ["horizon", "by_target_group"]),
        "provider gaps": (reverse("needs:provider_gaps"), ["horizon"]),
        "waves": (reverse("needs:wave_list"), ["page", "network"]),
        "response": (reverse("needs:response_detail", args=[response.pk]), ["lang"]),
        "offices": (reverse("advice:office_list"), ["page", "network"]),
        "worklist": (reverse("advice:worklist"), ["office", "page"]),
        "examiners": (reverse("exams:examiner_list"), ["group", "occupations__code", "page"]),
    }


def test_pages_survive_odd_numbers(client, admin, pages):
    client.force_login(admin)
    broken = []
    for name, (url, params) in pages.items():
        joiner = "&" if "?" in url else "?"
        for param in params:
            for value in ODD:
                status = client.get(f"{url}{joiner}{param}={value}").status_code
                if status >= 500:
                    broken.append((name, param, value, status))
    assert broken == []


def test_survey_need_count_and_api_filters(client, survey_world, admin):
    invitation = survey_world.invitation_a
    for value in ["abc", "²", "99999999999999999999"]:
        response = client.post(invitation.survey_path(), {"need_count": value, "save": "1"})
        assert response.status_code < 500
    api = client_for(admin)
    for path in ["organizations", "courses/offers", "members", "needs/waves"]:
        for param in ["region", "provider", "network", "organization", "limit", "offset"]:
            for value in ["²", str(2**63), "99999999999999999999999"]:
                status = api.get(path, **{param: value}).status_code
                assert status < 500, (path, param, value, status)
    for value in [str(2**63), "99999999999999999999999"]:
        assert api.get(f"needs/waves/{value}").status_code in (404, 422)
        assert api.get(f"needs/waves/1/gaps?horizon={value}").status_code < 500


def test_api_bodies_that_cannot_be_stored(admin, network_a):
    api = client_for(admin)
    cases = [
        ("patch", f"networks/{network_a.pk}", {"regions": None}, "regions"),
        (
            "post",
            "activities",
            {
                "network": network_a.pk,
                "title": "Treffen",
                "kind": "meeting",
                "start": "2027-01-01",
                "start_time": "10:00:00+02:00",
            },
            "start_time",
        ),
        ("post", "organizations", {"name": "X", "kind": "company", "region": 2**64}, "region"),
    ]
    for method, path, body, field in cases:
        response = api.request(method, path, body)
        assert response.status_code == 422, (path, response.content)
        assert field in response.json()["errors"]


def test_api_body_over_10_mib_is_413(admin):
    api = client_for(admin)
    body = "x" * (11 * 1024 * 1024)
    response = api.client.post(
        "/api/v1/networks", body, content_type="application/json", headers=api.headers
    )
    assert response.status_code == 413
    assert "MiB" in response.json()["detail"]


def test_seats_beyond_the_column_are_refused_on_every_database(admin):
    from verbund.courses.models import Offer, Run

    provider = factories.organization("Anbieter", kind="provider")
    offer = Offer.objects.create(
        provider=provider, external_id="x", title="Kurs", description="d", format="online"
    )
    run = Run.objects.create(offer=offer)
    response = client_for(admin).patch(f"courses/runs/{run.pk}", {"seats_left": 2**61})
    assert response.status_code == 422
    assert "seats_left" in response.json()["errors"]
    run.refresh_from_db()
    assert run.seats_left is None
