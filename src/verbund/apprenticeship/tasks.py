"""Background tasks of Verbundausbildung (django-tasks)."""

from django_tasks import task


@task()
def run_rotation(run_id: int) -> str:
    """A rotation run queued before the runs moved to core's executor (kept for those)."""
    from verbund.core.services import runs

    return runs.execute("apprenticeship.RotationRun", run_id)
