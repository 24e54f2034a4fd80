"""Solver runs off the request: goals, one active run, stale runs, the trade-off, keeping
published assignments, "unveröffentlichte Änderungen" and the publish preview."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from verbund.core.services import runs, supervision
from verbund.exams.models import Assignment, PlanRun
from verbund.exams.services import plan_edits, planning, publishing, tradeoffs
from verbund.exams.solver.goals import MODES


def active(period):
    return Assignment.objects.filter(sitting__period=period, declined_at__isnull=True)


@pytest.fixture
def solved(pool_a, planner):
    run = planning.start_run(pool_a.period, planner, time_limit=2)
    assert run.status == "done", run.message
    return pool_a


def test_goals_use_the_chambers_travel_rate_and_the_periods_weights(pool_a):
    period = pool_a.period
    period.goal = "travel"
    period.euro_per_board_change = Decimal("55.00")
    goals = planning.goals_for(period)
    assert goals.mode == "travel"
    assert goals.weights.euro_per_km == pytest.approx(0.42)  # the rate table of 2027
    assert goals.weights.euro_per_board_change == 55.0
    assert planning.goals_for(period, "load").mode == "load"


def test_travel_rate_falls_back_without_a_rate_table(pool_a):
    pool_a.chamber.exam_rates.all().delete()
    assert planning.euro_per_km(pool_a.period) == Decimal("0.30")


def test_run_records_its_goal_and_german_progress(pool_a, planner):
    run = planning.start_run(pool_a.period, planner, time_limit=1, goal="load")
    assert (run.status, run.goal) == ("done", "load")
    assert run.message == "Plan gespeichert."
    PlanRun.objects.filter(pk=run.pk).update(status="running")  # as while it works
    run.refresh_from_db()
    report = runs.progress_writer(run)
    report(0.5, "improving")
    run.refresh_from_db()
    assert run.message == "Der Plan wird verbessert …"
    assert run.heartbeat_at is not None


def test_second_submit_gets_the_active_run_back(pool_a, planner):
    running = PlanRun.objects.create(
        period=pool_a.period,
        kind="solve",
        status="running",
        time_limit=20,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    again = planning.start_run(pool_a.period, planner, time_limit=1)
    assert again.pk == running.pk and again.reused
    assert pool_a.period.runs.count() == 1


def test_a_run_whose_worker_died_twice_is_marked_failed(pool_a, planner):
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    dead = PlanRun.objects.create(period=pool_a.period, kind="solve", status="running", attempts=2)
    PlanRun.objects.filter(pk=dead.pk).update(
        created_at=long_ago, started_at=long_ago, heartbeat_at=long_ago
    )
    alive = PlanRun.objects.create(
        period=pool_a.period,
        kind="solve",
        status="running",
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    assert supervision.recover_abandoned(model=PlanRun) == {"retried": 0, "failed": 1}
    dead.refresh_from_db()
    assert dead.status == "failed"
    assert "Bitte erneut starten" in dead.message
    alive.refresh_from_db()
    assert alive.status == "running"
    # the stale ones no longer block a new run; the live one still does
    assert planning.start_run(pool_a.period, planner, time_limit=1).pk == alive.pk


def test_time_limit_is_clamped_to_what_the_worker_allows(pool_a, planner):
    run = planning.start_run(pool_a.period, planner, time_limit=10_000)
    assert run.time_limit == planning.MAX_TIME_LIMIT


def test_compare_solves_every_goal_and_the_planner_keeps_one(pool_a, planner):
    run = planning.start_run(pool_a.period, planner, kind="compare", time_limit=1)
    assert run.status == "done", run.message
    rows = tradeoffs.rows(run)
    assert [row["mode"] for row in rows] == list(MODES)
    for row in rows:
        assert row["objective"]["unfilled"] == 0
        assert row["travel_euros"] == pytest.approx(2 * row["objective"]["travel_km"] * 0.42, 0.01)
    assert not active(pool_a.period).exists()  # comparing stores no plan
    tradeoffs.keep(run, "travel", planner)
    stored = {(a.sitting.code, f"E{a.examiner_id}") for a in active(pool_a.period)}
    chosen = {(s, e) for s, e, _ in run.result["options"]["travel"]["assignments"]}
    assert stored == chosen
    assert pool_a.period.runs.count() == 1


def test_keeping_a_compared_plan_after_the_plan_changed_is_refused(solved, planner):
    run = planning.start_run(solved.period, planner, kind="compare", time_limit=1)
    plan_edits.unassign(active(solved.period).first(), planner)
    with pytest.raises(tradeoffs.KeepError, match="seit dem Vergleich"):
        tradeoffs.keep(run, "balanced", planner)
    with pytest.raises(tradeoffs.KeepError):
        tradeoffs.keep(run, "cheapest", planner)


def test_replanning_keeps_published_assignments_unless_released(solved, planner):
    plan_edits.publish(solved.period, planner)
    published = set(active(solved.period).values_list("pk", flat=True))
    assert len(published) == 9
    built = planning.instances.build(solved.period)
    assert len(planning.locks_for(solved.period, built)) == 9
    assert planning.locks_for(solved.period, built, release_published=True) == []
    for goal in ("travel", "load"):
        planning.start_run(solved.period, planner, time_limit=1, goal=goal)
        assert set(active(solved.period).values_list("pk", flat=True)) == published


def test_unpublished_changes_after_solve_and_edit_not_after_publish(solved, planner):
    period = solved.period
    period.refresh_from_db()
    assert period.unpublished_changes
    plan_edits.publish(period, planner)
    period.refresh_from_db()
    assert not period.unpublished_changes
    plan_edits.unassign(active(period).first(), planner)
    period.refresh_from_db()
    assert period.unpublished_changes


def test_publish_preview_lists_new_and_removed_and_who_is_mailed(solved, planner):
    period = solved.period
    shown = publishing.preview(period)
    assert len(shown.added) == 9 and shown.removed == []
    assert len(shown.mailed) == len({a.examiner_id for a in shown.added})
    plan_edits.publish(period, planner)
    period.refresh_from_db()
    assert not publishing.preview(period).changed
    gone = active(period).select_related("examiner__person").first()
    plan_edits.unassign(gone, planner)
    period.refresh_from_db()
    shown = publishing.preview(period)
    assert [(s.code, e.pk) for s, e, _ in shown.removed] == [(gone.sitting.code, gone.examiner_id)]
    mail.outbox.clear()
    assert plan_edits.publish(period, planner) == 1
    assert mail.outbox[0].to == [gone.examiner.person.email]
    assert "entfallen" in mail.outbox[0].body


def test_publishing_after_the_preview_went_stale_is_refused(solved, planner):
    period = solved.period
    period.refresh_from_db()
    shown = publishing.preview(period)
    plan_edits.unassign(active(period).first(), planner)
    with pytest.raises(plan_edits.PlanEditError, match="inzwischen geändert"):
        plan_edits.publish(period, planner, expected_version=shown.version)
    assert active(period).filter(published=True).count() == 0


def test_an_edit_on_an_old_version_of_the_plan_is_refused(solved, planner):
    period = solved.period
    period.refresh_from_db()
    seen = period.version
    first, second = list(active(period)[:2])
    plan_edits.set_locked(first, True, planner, expected_version=seen)
    with pytest.raises(plan_edits.PlanEditError, match="inzwischen geändert"):
        plan_edits.set_locked(second, True, planner, expected_version=seen)
    second.refresh_from_db()
    assert not second.locked
    period.refresh_from_db()
    plan_edits.set_locked(second, True, planner, expected_version=period.version)
