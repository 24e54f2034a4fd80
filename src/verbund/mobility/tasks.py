"""Background tasks of international mobility (django-tasks)."""

from django_tasks import task


@task()
def run_match(run_id: int) -> str:
    """A matching run queued before the runs moved to core's executor (kept for those)."""
    from verbund.core.services import runs

    return runs.execute("mobility.MatchRun", run_id)
