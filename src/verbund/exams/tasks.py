"""Background tasks of the exam department (django-tasks)."""

from django_tasks import task


@task()
def run_plan(run_id: int) -> str:
    """Solve an exam period's plan for the PlanRun ``run_id`` and store it."""
    from verbund.exams.models import PlanRun
    from verbund.exams.services.planning import execute_run

    run = PlanRun.objects.select_related("period").get(pk=run_id)
    return execute_run(run).status
