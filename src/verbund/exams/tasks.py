"""Background tasks of the exam department (django-tasks)."""

from django_tasks import task


@task()
def run_plan(run_id: int) -> str:
    """Solve an exam period's plan for the PlanRun ``run_id`` and store it.

    A worker picking up a run first marks runs failed whose worker died (e.g. killed
    during a restart), so that nothing stays "Läuft 36 %" forever.
    """
    from verbund.exams.models import PlanRun
    from verbund.exams.services.planning import execute_run, fail_stale_runs

    fail_stale_runs()
    run = PlanRun.objects.select_related("period").get(pk=run_id)
    return execute_run(run).status
