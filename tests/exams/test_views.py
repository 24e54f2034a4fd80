"""Every exam page as anonymous, signed in without permission, permitted, and on another
cooperation's object (NetBox-style)."""

import re

import pytest
from django.urls import reverse

from tests import factories
from verbund.exams.models import Assignment, Availability
from verbund.exams.services import planning


@pytest.fixture
def outsider(db):
    return factories.user("olga")


@pytest.fixture
def world(pool_a, pool_c, planner):
    for pool in (pool_a, pool_c):
        planning.start_run(pool.period, None, time_limit=1)
    return {"a": pool_a, "c": pool_c}


def first_assignment(pool):
    return Assignment.objects.filter(sitting__period=pool.period).first()


def url(name, key=None):
    return lambda p: reverse(f"exams:{name}", args=[key(p)] if key else [])


# name, url from a pool, expected (anonymous, outsider, permitted, other pool's object)
PAGES = [
    ("period_list", url("period_list"), (302, 200, 200, None)),
    ("period_create", url("period_create"), (302, 403, 200, None)),
    ("period_detail", url("period_detail", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("period_edit", url("period_edit", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("sittings_import", url("sittings_import", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("poll_status", url("poll_status", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("plan_by_examiner", url("plan_by_examiner", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("unfilled_list", url("unfilled_list", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("sitting_create", url("sitting_create", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("period_goals", url("period_goals", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("publish_preview", url("publish", lambda p: p.period.pk), (302, 404, 200, 404)),
    ("sitting_detail", url("sitting_detail", lambda p: p.sittings[0].pk), (302, 404, 200, 404)),
    ("sitting_edit", url("sitting_edit", lambda p: p.sittings[0].pk), (302, 404, 200, 404)),
    ("run_detail", url("run_detail", lambda p: p.period.runs.first().pk), (302, 404, 200, 404)),
    ("run_progress", url("run_progress", lambda p: p.period.runs.first().pk), (302, 404, 200, 404)),
    ("examiner_list", url("examiner_list"), (302, 200, 200, None)),
    ("examiner_create", url("examiner_create"), (302, 403, 200, None)),
    ("examiner_detail", url("examiner_detail", lambda p: p.examiners[0].pk), (302, 404, 200, 404)),
    ("examiner_edit", url("examiner_edit", lambda p: p.examiners[0].pk), (302, 404, 200, 404)),
    ("conflict_create", url("conflict_create", lambda p: p.examiners[0].pk), (302, 404, 200, 404)),
    ("board_list", url("board_list"), (302, 200, 200, None)),
    ("board_create", url("board_create"), (302, 403, 200, None)),
    ("board_detail", url("board_detail", lambda p: p.board.pk), (302, 404, 200, 404)),
    ("board_edit", url("board_edit", lambda p: p.board.pk), (302, 404, 200, 404)),
    ("board_members", url("board_members", lambda p: p.board.pk), (302, 404, 200, 404)),
    ("my_sittings", url("my_sittings"), (302, 200, 200, None)),
    ("my_sittings_ics", url("my_sittings_ics"), (302, 200, 200, None)),
    ("rate_list", url("rate_list"), (302, 200, 200, None)),
    ("claim_list", url("claim_list"), (302, 403, 403, None)),
]


@pytest.mark.parametrize("name,url,expected", PAGES, ids=[page[0] for page in PAGES])
def test_page_permissions(client, world, planner, outsider, name, url, expected):
    anonymous, without, permitted, other = expected
    response = client.get(url(world["a"]))
    assert response.status_code == anonymous
    assert reverse("login") in response["Location"]
    client.force_login(outsider)
    assert client.get(url(world["a"])).status_code == without
    client.force_login(planner)
    response = client.get(url(world["a"]))
    assert response.status_code == permitted
    # base.html's header search reads ``query``, which only list pages set (core's template).
    assert set(re.findall(rb"INVALID_TEMPLATE_VARIABLE\(([^)]*)\)", response.content)) <= {b"query"}
    if other is not None:
        assert client.get(url(world["c"])).status_code == other


# The member works at the chamber without an exam permission: periods are visible to them
# (403), assignments are personal data and invisible (404).
POSTS = [
    ("run_start", lambda p: reverse("exams:run_start", args=[p.period.pk]), 403),
    ("publish", lambda p: reverse("exams:publish", args=[p.period.pk]), 403),
    ("poll_open", lambda p: reverse("exams:poll_open", args=[p.period.pk]), 403),
    ("lock", lambda p: reverse("exams:assignment_lock", args=[first_assignment(p).pk]), 404),
    ("remove", lambda p: reverse("exams:assignment_remove", args=[first_assignment(p).pk]), 404),
    ("keep", lambda p: reverse("exams:run_keep", args=[p.period.runs.first().pk]), 404),
]


@pytest.mark.parametrize("name,url,for_member", POSTS, ids=[p[0] for p in POSTS])
def test_actions_need_plan_permission(
    client, world, planner, member, outsider, name, url, for_member
):
    assert client.post(url(world["a"]), {"locked": "1"}).status_code == 302
    client.force_login(outsider)
    assert client.post(url(world["a"]), {"locked": "1"}).status_code == 404
    client.force_login(member)
    assert client.post(url(world["a"]), {"locked": "1"}).status_code == for_member
    client.force_login(planner)
    assert client.post(url(world["c"]), {"locked": "1"}).status_code == 404
    assert client.post(url(world["a"]), {"locked": "1"}).status_code == 302


def test_lock_from_the_sitting_page_is_audited(client, world, planner):
    client.force_login(planner)
    row = first_assignment(world["a"])
    client.post(reverse("exams:assignment_lock", args=[row.pk]), {"locked": "1"})
    row.refresh_from_db()
    assert row.locked


def test_manual_edit_shows_the_broken_rule(client, world, planner):
    client.force_login(planner)
    pool = world["a"]
    sitting = pool.sittings[0]
    employer = next(e for e in pool.examiners if e.group == "employer")
    response = client.post(
        reverse("exams:sitting_assign", args=[sitting.pk]),
        {"group": "teacher", "examiner": employer.pk},
    )
    assert response.status_code == 400
    assert "Verletzte Regel" in response.content.decode()


def test_availability_token_reaches_only_its_own_examiner(client, world):
    pool = world["a"]
    mine = Availability.objects.filter(period=pool.period).first()
    response = client.get(reverse("exams:availability", args=[mine.token]))
    assert response.status_code == 200
    assert mine.examiner.person.full_name in response.content.decode()
    day = pool.sittings[0].date.isoformat()
    response = client.post(reverse("exams:availability", args=[mine.token]), {"dates": [day]})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.dates == [day]
    others = Availability.objects.exclude(pk=mine.pk)
    assert all(len(other.dates) == 3 for other in others)
    assert client.get(reverse("exams:availability", args=["guessed"])).status_code == 404


def test_examiner_sees_own_sittings_and_declines(client, world, planner, examiner_user):
    pool = world["a"]
    client.force_login(planner)
    client.post(reverse("exams:publish", args=[pool.period.pk]))
    client.force_login(examiner_user)
    mine = Assignment.objects.filter(examiner__person__user=examiner_user, declined_at=None)
    confirm = client.get(reverse("exams:assignment_decline", args=[mine.first().pk]))
    assert "wirklich absagen" in confirm.content.decode()
    assert mine.count() == mine.filter(declined_at=None).count()  # asking changes nothing
    page = client.get(reverse("exams:my_sittings"))
    mine = Assignment.objects.filter(examiner__person__user=examiner_user, declined_at=None)
    assert mine.exists()
    assert mine.first().sitting.occupation.name in page.content.decode()
    other = Assignment.objects.exclude(examiner__person__user=examiner_user).first()
    assert client.post(reverse("exams:assignment_decline", args=[other.pk])).status_code == 404
    response = client.post(reverse("exams:assignment_decline", args=[mine.first().pk]))
    assert response.status_code == 302
    assert (
        Assignment.objects.filter(examiner__person__user=examiner_user)
        .exclude(declined_at=None)
        .exists()
    )


def test_solve_twice_is_one_run(client, world, planner):
    from verbund.exams.models import PlanRun

    client.force_login(planner)
    period = world["a"].period
    running = PlanRun.objects.create(period=period, kind="solve", status="running")
    PlanRun.objects.filter(pk=running.pk).update(started_at=running.created_at)
    before = period.runs.count()
    for _ in range(2):
        response = client.post(reverse("exams:run_start", args=[period.pk]), {"time_limit": "10"})
        assert response["Location"] == running.get_absolute_url()
    assert period.runs.count() == before
    page = client.get(period.get_absolute_url()).content.decode()
    assert 'id="active-run"' in page and 'id="solve-form"' not in page


def test_solve_form_offers_goals_and_bad_input_falls_back(client, world, planner):
    client.force_login(planner)
    period = world["a"].period
    page = client.get(period.get_absolute_url()).content.decode()
    assert "Pläne aller Ziele vergleichen" in page and "Ausgewogen" in page
    response = client.post(
        reverse("exams:run_start", args=[period.pk]),
        {"time_limit": "abc", "goal": "nonsense", "kind": "compare"},
    )
    assert response.status_code == 302
    run = period.runs.first()
    assert (run.kind, run.goal, run.time_limit) == ("compare", "balanced", 20.0)
    page = client.get(run.get_absolute_url()).content.decode()
    assert 'id="tradeoff"' in page and "FEASIBLE" not in page and "OPTIMAL" not in page
    response = client.post(reverse("exams:run_keep", args=[run.pk]), {"mode": "load"})
    assert response["Location"] == period.get_absolute_url()
    assert "unveröffentlichte Änderungen" in client.get(period.get_absolute_url()).content.decode()


def test_goals_form_validates_weights(client, world, planner, member):
    period = world["a"].period
    goals = reverse("exams:period_goals", args=[period.pk])
    client.force_login(member)
    assert client.post(goals, {"goal": "travel"}).status_code == 403
    client.force_login(planner)
    other = reverse("exams:period_goals", args=[world["c"].period.pk])
    assert client.post(other, {"goal": "travel"}).status_code == 404
    bad = {"goal": "travel", "euro_per_board_change": "-5", "euro_per_sitting_above_fair": "x"}
    assert client.post(goals, bad).status_code == 400
    good = {"goal": "travel", "euro_per_board_change": "45,50", "euro_per_sitting_above_fair": "20"}
    assert client.post(goals, good).status_code == 302
    period.refresh_from_db()
    assert (period.goal, str(period.euro_per_board_change)) == ("travel", "45.50")
    assert "0,42 €" in client.get(goals).content.decode()


def test_publish_asks_for_confirmation_and_refuses_a_stale_preview(client, world, planner):
    client.force_login(planner)
    period = world["a"].period
    preview = client.get(reverse("exams:publish", args=[period.pk])).content.decode()
    assert 'id="publish-preview"' in preview
    assert not Assignment.objects.filter(sitting__period=period, published=True).exists()
    period.refresh_from_db()
    stale = {"version": str(period.version - 1)}
    response = client.post(reverse("exams:publish", args=[period.pk]), stale)
    assert response["Location"] == reverse("exams:publish", args=[period.pk])
    assert not Assignment.objects.filter(sitting__period=period, published=True).exists()
    current = {"version": str(period.version)}
    assert client.post(reverse("exams:publish", args=[period.pk]), current).status_code == 302
    assert not Assignment.objects.filter(sitting__period=period, published=False).exists()


def test_stale_lock_from_an_old_page_is_refused_with_a_message(client, world, planner):
    client.force_login(planner)
    period = world["a"].period
    period.refresh_from_db()
    first, second = Assignment.objects.filter(sitting__period=period)[:2]
    url_of = lambda row: reverse("exams:assignment_lock", args=[row.pk])  # noqa: E731
    version = str(period.version)
    client.post(url_of(first), {"locked": "1", "version": version})
    response = client.post(url_of(second), {"locked": "1", "version": version}, follow=True)
    assert "inzwischen geändert" in response.content.decode()
    second.refresh_from_db()
    assert not second.locked


def test_a_finished_comparison_asks_to_choose_and_does_not_claim_a_saved_plan(
    client, world, planner
):
    client.force_login(planner)
    period = world["a"].period
    response = client.post(
        reverse("exams:run_start", args=[period.pk]), {"time_limit": "10", "kind": "compare"}
    )
    page = client.get(response["Location"]).content.decode()
    assert "Pläne berechnet. Bitte wählen Sie einen aus." in page
    assert "Plan gespeichert." not in page
    assert 'id="keep-balanced"' in page and 'id="keep-card-balanced"' in page
    # the period's plan (solved by the fixture) is the yardstick, without a keep button
    assert 'id="option-current"' in page and 'id="keep-current"' not in page


def test_a_comparison_of_a_fully_published_plan_says_why_all_plans_are_the_same(
    client, world, planner
):
    from verbund.exams.services import plan_edits

    period = world["a"].period
    plan_edits.publish(period, planner)
    client.force_login(planner)
    start = reverse("exams:run_start", args=[period.pk])
    response = client.post(start, {"time_limit": "10", "kind": "compare"})
    page = client.get(response["Location"]).content.decode()
    assert 'id="tradeoff-identical"' in page
    assert "9 veröffentlichte oder gesperrte Einsätze blieben unverändert" in page
    assert "Veröffentlichte Einsätze freigeben" in page
    response = client.post(
        start, {"time_limit": "10", "kind": "compare", "release_published": "on"}
    )
    page = client.get(response["Location"]).content.decode()
    assert "blieben unverändert" not in page


def test_examiner_dashboard_counts_sittings_without_claim(client, world, planner, examiner_user):
    import datetime

    from verbund.core.services.dashboard import key_figures

    client.force_login(planner)
    client.post(reverse("exams:publish", args=[world["a"].period.pk]))
    mine = Assignment.objects.filter(examiner__person__user=examiner_user, declined_at=None)
    past = mine.first()
    past.sitting.date = datetime.date.today() - datetime.timedelta(days=3)
    past.sitting.save()
    figures = {figure.label: figure.value for figure in key_figures(examiner_user)}
    assert figures["Einsätze ohne Entschädigungsantrag"] == 1
    assert figures["Anträge in Prüfung bei der Kammer"] == 0
    assert "Einsätze ohne Entschädigungsantrag" not in {f.label for f in key_figures(planner)}


def test_my_sittings_offer_decline_before_and_claim_after_the_sitting(
    client, world, planner, examiner_user
):
    import datetime

    client.force_login(planner)
    client.post(reverse("exams:publish", args=[world["a"].period.pk]))
    mine = Assignment.objects.filter(examiner__person__user=examiner_user, declined_at=None)
    by_sitting = {assignment.sitting_id: assignment for assignment in mine}
    assert len(by_sitting) >= 2
    past, future = list(by_sitting.values())[:2]
    past.sitting.date = datetime.date.today() - datetime.timedelta(days=3)
    past.sitting.save()
    future.sitting.date = datetime.date.today() + datetime.timedelta(days=30)
    future.sitting.save()
    client.force_login(examiner_user)
    page = client.get(reverse("exams:my_sittings")).content.decode()
    assert f'id="claim-{past.pk}"' in page and f'id="decline-{past.pk}"' not in page
    assert f'id="decline-{future.pk}"' in page and f'id="claim-{future.pk}"' not in page
