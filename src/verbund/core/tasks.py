"""The background tasks of core: run a recorded Job, run an app's solver run."""

from django_tasks import task


@task(takes_context=True)
def run_job(context, job_id: int) -> str:
    from verbund.core.services.jobs import execute

    return execute(job_id, str(context.task_result.id))


@task(takes_context=True)
def run_solver(context, model_label: str, run_id: int) -> str:
    """Run the solver run ``run_id`` of ``model_label`` (see verbund.core.services.runs)."""
    from verbund.core.services.runs import execute

    return execute(model_label, run_id, str(context.task_result.id))


@task()
def housekeeping() -> dict:
    """Daily (registered in CoreConfig.ready): ``verbund housekeeping`` in the worker."""
    from verbund.core.services import housekeeping as steps

    return steps.run()
