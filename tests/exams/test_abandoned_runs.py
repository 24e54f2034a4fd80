"""A plan run whose worker died ("Läuft 36 %" forever) is solved once more, then failed."""

from datetime import timedelta

from django.utils import timezone

from verbund.core.services import supervision
from verbund.exams.models import PlanRun
from verbund.exams.services import planning


def test_a_starting_sole_worker_retries_running_plan_runs(pool_a):
    zombie = PlanRun.objects.create(
        period=pool_a.period,
        kind=PlanRun.Kind.SOLVE,
        status=PlanRun.Status.RUNNING,
        progress=0.36,
        attempts=1,
        time_limit=1,
    )
    queued = PlanRun.objects.create(period=pool_a.period, kind=PlanRun.Kind.SOLVE)
    assert supervision.recover_abandoned(sole_worker=True)["retried"] == 1
    zombie.refresh_from_db()
    queued.refresh_from_db()
    # the test backend runs the retry at once: the pure solve is simply done again
    assert (zombie.status, zombie.attempts) == (PlanRun.Status.DONE, 2)
    assert queued.status == PlanRun.Status.QUEUED


def test_among_several_workers_only_runs_without_heartbeat_are_abandoned(pool_a):
    old = PlanRun.objects.create(
        period=pool_a.period, kind=PlanRun.Kind.SOLVE, status=PlanRun.Status.RUNNING, attempts=2
    )
    PlanRun.objects.filter(pk=old.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=2))
    fresh = PlanRun.objects.create(
        period=pool_a.period,
        kind=PlanRun.Kind.SOLVE,
        status=PlanRun.Status.RUNNING,
        heartbeat_at=timezone.now(),
    )
    supervision.recover_abandoned()
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (PlanRun.Status.FAILED, PlanRun.Status.RUNNING)


def test_the_one_active_run_guard_never_blocks_on_an_abandoned_run(pool_a, planner):
    dead = PlanRun.objects.create(
        period=pool_a.period, kind=PlanRun.Kind.SOLVE, status=PlanRun.Status.RUNNING, attempts=2
    )
    PlanRun.objects.filter(pk=dead.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=2))
    run = planning.start_run(pool_a.period, planner, time_limit=1)
    assert run.pk != dead.pk and not run.reused
    assert run.status == PlanRun.Status.DONE
