"""A plan run whose worker died ("Läuft 36 %" forever) is failed when a worker starts."""

from datetime import timedelta

from django.utils import timezone

from verbund.core.services import jobs
from verbund.exams.models import PlanRun


def test_a_starting_sole_worker_fails_running_plan_runs(pool_a):
    zombie = PlanRun.objects.create(
        period=pool_a.period, kind=PlanRun.Kind.SOLVE, status=PlanRun.Status.RUNNING, progress=0.36
    )
    queued = PlanRun.objects.create(period=pool_a.period, kind=PlanRun.Kind.SOLVE)
    jobs.fail_abandoned(sole_worker=True)
    zombie.refresh_from_db()
    queued.refresh_from_db()
    assert zombie.status == PlanRun.Status.FAILED
    assert zombie.finished_at is not None
    assert queued.status == PlanRun.Status.QUEUED


def test_among_several_workers_only_runs_past_their_limit_are_abandoned(pool_a):
    old = PlanRun.objects.create(
        period=pool_a.period, kind=PlanRun.Kind.SOLVE, status=PlanRun.Status.RUNNING
    )
    PlanRun.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=2))
    fresh = PlanRun.objects.create(
        period=pool_a.period, kind=PlanRun.Kind.SOLVE, status=PlanRun.Status.RUNNING
    )
    jobs.fail_abandoned(sole_worker=False)
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (PlanRun.Status.FAILED, PlanRun.Status.RUNNING)
