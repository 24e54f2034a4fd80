"""Exam plan runs left "running" by a dead worker are marked failed when a worker starts."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import jobs


@jobs.register_abandoned_sweeper
def fail_abandoned_plan_runs(sole_worker: bool) -> int:
    from verbund.exams.models import PlanRun

    now = timezone.now()
    running = PlanRun.objects.filter(status=PlanRun.Status.RUNNING)
    # Runs write no heartbeat: among several workers one is abandoned once it is older
    # than its time limit plus the time any job may stay silent (there are only a few).
    abandoned = [
        run.pk
        for run in running.only("pk", "created_at", "time_limit")
        if sole_worker
        or run.created_at < now - jobs.STALE_AFTER - timedelta(seconds=run.time_limit)
    ]
    return PlanRun.objects.filter(pk__in=abandoned).update(
        status=PlanRun.Status.FAILED,
        finished_at=now,
        message=_("Abgebrochen: Der Hintergrunddienst wurde beendet. Bitte erneut starten."),
    )
