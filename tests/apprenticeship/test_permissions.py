"""Every page and endpoint: anonymous, signed in without permission, permitted, and another
organization's user (who holds the permissions, but for their own organization)."""

import pytest
from django.urls import reverse

from tests.api.conftest import client_for
from verbund.apprenticeship.models import PartnerRequest, RotationRun
from verbund.apprenticeship.services import partners


@pytest.fixture
def world(
    profile,
    stations,
    verbund,
    home_user,
    partner_user,
    planner,
    stranger_user,
    chamber_user,
    outsider,
):
    partner_request = partners.request_partner(
        profile, stations[0].organization, [stations[0].pk], 3, "", home_user
    )
    run = RotationRun.objects.create(
        network=verbund,
        occupation=profile.occupation,
        cohort=2026,
        status="done",
        instance={"occupation": {"weeks": 10, "positions": []}, "apprentices": [], "stations": []},
        plan={"stays": [], "uncovered": [], "cost": {}},
    )
    return {
        "profile": profile.pk,
        "plan": profile.occupation.framework_plan.pk,
        "position": profile.occupation.framework_plan.positions.first().pk,
        "request": partner_request.pk,
        "verbund": verbund.pk,
        "run": run.pk,
        "users": {
            "home": home_user,
            "partner": partner_user,
            "planner": planner,
            "stranger": stranger_user,
            "chamber": chamber_user,
            "outsider": outsider,
        },
    }


# name, url kwargs (keys of world), who may, what an outsider / a stranger gets
PAGES = [
    ("index", {}, "outsider", 200, 200),
    ("plan_list", {}, "outsider", 200, 200),
    ("plan_detail", {"pk": "plan"}, "outsider", 200, 200),
    ("plan_import", {}, "chamber", 403, 403),
    ("position_edit", {"pk": "position"}, "chamber", 403, 403),
    ("profile_create", {}, "home", 403, 200),
    ("profile_detail", {"pk": "profile"}, "home", 404, 404),
    ("profile_edit", {"pk": "profile"}, "home", 404, 404),
    ("profile_covers", {"pk": "profile"}, "home", 404, 404),
    ("apprentice_create", {"profile": "profile"}, "home", 404, 404),
    ("finder", {"pk": "profile"}, "home", 404, 404),
    ("request_detail", {"pk": "request"}, "partner", 404, 404),
    ("trainer_list", {}, "outsider", 200, 200),
    ("trainer_create", {}, "partner", 403, 200),
    ("station_list", {}, "outsider", 200, 200),
    ("station_create", {}, "partner", 403, 200),
    ("verbund_detail", {"pk": "verbund"}, "planner", 404, 404),
    ("run_detail", {"pk": "run"}, "planner", 404, 404),
    ("run_progress", {"pk": "run"}, "planner", 404, 404),
]


def _url(world, name, kwargs):
    return reverse(f"apprenticeship:{name}", kwargs={k: world[v] for k, v in kwargs.items()})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,kwargs,permitted,outsider_status,stranger_status", PAGES, ids=[p[0] for p in PAGES]
)
def test_page_permissions(client, world, name, kwargs, permitted, outsider_status, stranger_status):
    url = _url(world, name, kwargs)
    response = client.get(url)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    client.force_login(world["users"]["outsider"])
    assert client.get(url).status_code == outsider_status
    client.force_login(world["users"]["stranger"])
    assert client.get(url).status_code == stranger_status
    client.force_login(world["users"][permitted])
    page = client.get(url)
    assert page.status_code == 200
    assert "INVALID_TEMPLATE_VARIABLE" not in page.content.decode()


POSTS = [  # name, kwargs, data, who may, status for them
    ("profile_covers", {"pk": "profile"}, {}, "home", 302),
    ("request_create", {"pk": "profile"}, {"partner": 0, "stations": "", "weeks": 0}, "home", 302),
    ("stay_edit", {"pk": "run"}, {"index": 0, "start_week": 1, "weeks": 1}, "planner", 302),
    ("run_replan", {"pk": "run"}, {}, "planner", 302),
]


@pytest.mark.django_db
@pytest.mark.parametrize("name,kwargs,data,permitted,status", POSTS, ids=[p[0] for p in POSTS])
def test_post_permissions(client, world, name, kwargs, data, permitted, status):
    url = _url(world, name, kwargs)
    assert client.post(url, data).status_code == 302  # to the login
    client.force_login(world["users"]["stranger"])
    assert client.post(url, data).status_code in (403, 404)
    client.force_login(world["users"][permitted])
    assert client.post(url, data).status_code == status


@pytest.mark.django_db
def test_the_requester_cannot_decide_and_strangers_do_not_see_requests(client, world):
    url = _url(world, "request_detail", {"pk": "request"})
    client.force_login(world["users"]["home"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"accept": "1"}).status_code == 403
    assert PartnerRequest.objects.get().status == "pending"


@pytest.mark.django_db
def test_api_permissions(world):
    users = world["users"]
    anonymous = client_for(None)
    assert anonymous.get("apprenticeship/plans").status_code == 401
    outsider = client_for(users["outsider"])
    assert outsider.get("apprenticeship/plans").json()["count"] == 1
    assert outsider.get(f"apprenticeship/plans/{world['plan']}").status_code == 200
    assert outsider.get("apprenticeship/stations").json()["count"] == 2
    assert outsider.get("apprenticeship/profiles").json()["count"] == 0
    assert outsider.get(f"apprenticeship/profiles/{world['profile']}").status_code == 404
    assert (
        client_for(users["home"]).get(f"apprenticeship/profiles/{world['profile']}").status_code
        == 200
    )
    assert outsider.get(f"apprenticeship/runs/{world['run']}").status_code == 404
    assert (
        client_for(users["planner"]).get(f"apprenticeship/runs/{world['run']}").status_code == 200
    )
    body = {"occupation": 1, "cohort": 2026}
    assert (
        outsider.post(f"apprenticeship/networks/{world['verbund']}/runs", body).status_code == 404
    )
    assert (
        client_for(users["partner"])
        .post(f"apprenticeship/networks/{world['verbund']}/runs", body)
        .status_code
        == 403
    )
    assert outsider.post("apprenticeship/check", {"instance": {}, "plan": {}}).status_code == 403


@pytest.mark.django_db
def test_api_run_and_check(world, profile):
    planner = client_for(world["users"]["planner"])
    response = planner.post(
        f"apprenticeship/networks/{world['verbund']}/runs",
        {"occupation": profile.occupation.pk, "cohort": 2026, "time_limit": 3},
    )
    assert response.status_code == 202
    run = planner.get(f"apprenticeship/runs/{response.json()['id']}").json()
    assert run["status"] == "done" and run["plan"]["uncovered"] == []
    stored = RotationRun.objects.get(pk=run["id"])
    checked = planner.post(
        "apprenticeship/check", {"instance": stored.instance, "plan": stored.plan}
    )
    assert checked.json() == {"valid": True, "violations": []}
    broken = dict(stored.plan, stays=stored.plan["stays"] * 2)
    assert (
        planner.post("apprenticeship/check", {"instance": stored.instance, "plan": broken}).json()[
            "valid"
        ]
        is False
    )
    assert (
        planner.post("apprenticeship/check", {"instance": {"x": 1}, "plan": {}}).status_code == 422
    )
