"""Background tasks of the exam department (django-tasks)."""

from django_tasks import task


@task()
def run_plan(run_id: int) -> str:
    """A plan run queued before the runs moved to core's executor (kept for those)."""
    from verbund.core.services import runs

    return runs.execute("exams.PlanRun", run_id)
