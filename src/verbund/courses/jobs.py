"""Background tasks of the course database (django-tasks)."""

from django_tasks import task


@task()
def run_import_job(job_id: int) -> str:
    """Check and write one uploaded catalog file (``ImportJob``)."""
    from verbund.courses.models import ImportJob
    from verbund.courses.services.import_jobs import execute_job

    return execute_job(ImportJob.objects.get(pk=job_id)).status
