"""Background tasks of Verbundausbildung (django-tasks)."""

from django_tasks import task


@task()
def run_rotation(run_id: int) -> str:
    """Solve the rotation plan of RotationRun ``run_id`` and store it."""
    from verbund.apprenticeship.models import RotationRun
    from verbund.apprenticeship.services.rotation import execute_run

    return execute_run(RotationRun.objects.get(pk=run_id)).status
