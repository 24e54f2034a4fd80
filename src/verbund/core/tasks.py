"""The one background task: run a recorded Job (see ``verbund.core.services.jobs``)."""

from django_tasks import task


@task()
def run_job(job_id: int) -> str:
    from verbund.core.services.jobs import execute

    return execute(job_id)


@task()
def housekeeping() -> dict:
    """Daily (registered in CoreConfig.ready): ``verbund housekeeping`` in the worker."""
    from verbund.core.services import housekeeping as steps

    return steps.run()
