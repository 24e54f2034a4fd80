"""Background tasks of international mobility (django-tasks)."""

from django_tasks import task


@task()
def run_match(run_id: int) -> str:
    """Match the open applications of the MatchRun's project and store the stays."""
    from verbund.mobility.models import MatchRun
    from verbund.mobility.services.matching import execute_run

    run = MatchRun.objects.select_related("project").get(pk=run_id)
    return execute_run(run).status
