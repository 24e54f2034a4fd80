"""API of the exam department: every endpoint as anonymous, without permission, permitted,
and for another cooperation's object; solve and check speak exactly exams.md's JSON."""

import json

import pytest
from django.test import Client, override_settings

from tests import factories
from verbund.core.services import tokens
from verbund.exams.services import instance as instances
from verbund.exams.services import planning
from verbund.exams.solver.model import instance_to_dict

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


@pytest.fixture
def outsider(db):
    return factories.user("olga")


READS = [
    ("examiners", lambda p: "/exams/examiners", None),
    ("examiner", lambda p: f"/exams/examiners/{p.examiners[0].pk}", "detail"),
    ("boards", lambda p: "/exams/boards", None),
    ("board", lambda p: f"/exams/boards/{p.board.pk}", "detail"),
    ("sittings", lambda p: f"/exams/sittings?period={p.period.pk}", None),
    ("sitting", lambda p: f"/exams/sittings/{p.sittings[0].pk}", "detail"),
    ("plan", lambda p: f"/exams/periods/{p.period.pk}/plan", "detail"),
]


@pytest.mark.parametrize("name,path,kind", READS, ids=[r[0] for r in READS])
def test_reads_are_scoped(pool_a, pool_c, planner, member, outsider, name, path, kind):
    assert call(None, "get", path(pool_a)).status_code == 401
    permitted = call(planner, "get", path(pool_a))
    assert permitted.status_code == 200
    if kind == "detail":
        assert call(outsider, "get", path(pool_a)).status_code == 404
        assert call(planner, "get", path(pool_c)).status_code == 404
    else:
        assert call(outsider, "get", path(pool_a)).json()["count"] == 0
        assert permitted.json()["count"] > 0
        other = call(planner, "get", path(pool_c)).json()
        assert all(
            item.get("network", pool_a.network.pk) == pool_a.network.pk for item in other["items"]
        )


def test_examiner_list_hides_other_pools(pool_a, pool_c, planner, member):
    ids = {
        item["id"] for item in call(planner, "get", "/exams/examiners?limit=500").json()["items"]
    }
    assert ids == {e.pk for e in pool_a.examiners}
    # A colleague at the chamber without an exam permission sees no personal data.
    assert call(member, "get", "/exams/examiners").json()["count"] == 0


def test_plan_needs_plan_permission(pool_a, member):
    response = call(member, "get", f"/exams/periods/{pool_a.period.pk}/plan")
    assert response.status_code == 403


def test_stored_plan_in_exams_md_format(pool_a, planner):
    planning.start_run(pool_a.period, planner, time_limit=2)
    plan = call(planner, "get", f"/exams/periods/{pool_a.period.pk}/plan").json()
    assert len(plan["assignments"]) == 9
    assert set(plan["assignments"][0]) == {"sitting", "examiner", "group", "locked", "published"}
    assert plan["unfilled"] == []


def _instance_json(pool):
    return instance_to_dict(instances.build(pool.period).instance)


def _solved(user, instance, query="time_limit=2"):
    """POST solve (202, queued; tests run the job at once), then GET the run's plan."""
    response = call(user, "post", f"/exams/solve?{query}", instance)
    assert response.status_code == 202, response.content
    run = response.json()
    assert run["status_url"] == f"/api/v1/exams/solve/{run['run']}"
    polled = call(user, "get", f"/exams/solve/{run['run']}")
    assert polled.status_code == 200
    assert polled.json()["status"] == "done"
    return polled.json()["plan"]


def test_solve_and_check(pool_a, planner, outsider):
    instance = _instance_json(pool_a)
    assert call(None, "post", "/exams/solve", instance).status_code == 401
    assert call(outsider, "post", "/exams/solve", instance).status_code == 403
    plan = _solved(planner, instance)
    assert set(plan) == {"assignments", "unfilled", "objective", "bound", "solver"}
    assert len(plan["assignments"]) == 9

    checked = call(planner, "post", "/exams/check", {"instance": instance, "plan": plan})
    assert checked.json() == {"valid": True, "violations": []}
    broken = dict(plan, assignments=plan["assignments"][1:] + [plan["assignments"][0]] * 2)
    result = call(planner, "post", "/exams/check", {"instance": instance, "plan": broken}).json()
    assert not result["valid"] and result["violations"]
    assert (
        call(outsider, "post", "/exams/check", {"instance": instance, "plan": plan}).status_code
        == 403
    )


def test_solve_run_is_only_visible_to_its_starter(pool_a, pool_c, chambers, planner):
    instance = _instance_json(pool_a)
    run = call(planner, "post", "/exams/solve?time_limit=1", instance).json()["run"]
    other_planner = factories.user("carla", organization=chambers.c)
    factories.grant(other_planner, ["exams.plan"], organization=chambers.c)
    assert call(None, "get", f"/exams/solve/{run}").status_code == 401
    assert call(factories.user("nina"), "get", f"/exams/solve/{run}").status_code == 404
    assert call(other_planner, "get", f"/exams/solve/{run}").status_code == 404
    assert call(planner, "get", "/exams/solve/999999").status_code == 404


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}})
def test_solve_does_not_run_in_the_request(pool_a, planner, monkeypatch):
    """With a real worker the POST only queues: 202 'queued', the plan comes later."""
    solved = []
    monkeypatch.setattr(planning.cpsat, "solve", lambda *a, **k: solved.append(a))
    instance = _instance_json(pool_a)
    first = call(planner, "post", "/exams/solve?time_limit=1", instance)
    assert first.status_code == 202
    assert first.json()["status"] == "queued" and first.json()["plan"] is None
    assert not solved
    # a re-sent POST gets the same run back (idempotent) ...
    again = call(planner, "post", "/exams/solve?time_limit=1", instance)
    assert again.status_code == 202 and again.json()["run"] == first.json()["run"]
    # ... another instance of the same period waits for it
    changed = dict(instance, sittings=instance["sittings"][1:])
    refused = call(planner, "post", "/exams/solve?time_limit=1", changed)
    assert refused.status_code == 409
    assert "läuft bereits" in refused.json()["detail"]


def test_solve_rejects_unlawful_instance(pool_a, planner):
    instance = _instance_json(pool_a)
    instance["sittings"][0]["seats"] = {"employer": 2, "employee": 1, "teacher": 1}
    response = call(planner, "post", "/exams/solve", instance)
    assert response.status_code == 422
    assert "§40" in json.dumps(response.json(), ensure_ascii=False)


def test_solve_takes_a_goal(pool_a, planner):
    instance = _instance_json(pool_a)
    for goal in ("travel", "load", "continuity", "balanced"):
        plan = _solved(planner, instance, f"time_limit=1&goal={goal}")
        assert len(plan["assignments"]) == 9
    assert call(planner, "post", "/exams/solve?goal=cheapest", instance).status_code == 422


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}})
def test_an_api_solve_whose_worker_died_never_blocks_the_planner(pool_a, planner):
    """The API's solve is a plan run like the screen's: supervised, never a 409 forever."""
    from datetime import timedelta

    from django.utils import timezone

    from verbund.exams.models import PlanRun

    instance = _instance_json(pool_a)
    first = call(planner, "post", "/exams/solve?time_limit=1", instance).json()["run"]
    run = PlanRun.objects.get(pk=first)
    assert (run.kind, run.period, run.instance) == ("instance", None, instance)
    # a worker took it up and was killed (no heartbeat for two minutes), twice
    PlanRun.objects.filter(pk=first).update(
        status="running", attempts=2, heartbeat_at=timezone.now() - timedelta(minutes=2)
    )
    changed = dict(instance, sittings=instance["sittings"][1:])
    again = call(planner, "post", "/exams/solve?time_limit=1", changed)
    assert again.status_code == 202 and again.json()["run"] != first
    failed = call(planner, "get", f"/exams/solve/{first}").json()
    assert failed["status"] == "failed" and "Bitte erneut starten" in failed["message"]
