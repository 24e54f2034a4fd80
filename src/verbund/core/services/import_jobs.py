"""Large uploads imported by a background job, with the report shown on the import page.

Every importer (courses, invitations, sittings, panel firms) works the same way: the view
hands the upload to a job and sends the user to its progress page; when the job is done it
links back to the import page with ``?job=<id>``, and the page shows that job's report to
the user who started it (nobody else).
"""

from django.shortcuts import redirect

from verbund.core.models import Job
from verbund.core.services import jobs


def start(request, kind: str, *, upload, title: str, page_url: str, **params):
    """Start job ``kind`` for ``upload``; the response is the redirect to its progress page."""
    job = jobs.start(
        kind,
        user=request.user,
        title=title,
        params={**params, "filename": upload.name},
        payload=upload.read(),
    )
    # the result link names the job, so it can only be written once the job has its id
    Job.objects.filter(pk=job.pk).update(result_url=f"{page_url}?job={job.pk}")
    return redirect(job.get_absolute_url())


def finished(request, kind: str, **params):
    """The user's own finished job ``kind`` named by ``?job=`` (with these params), or None."""
    job_id = request.GET.get("job", "")
    if not job_id.isdigit():
        return None
    return (
        jobs.visible_jobs(request.user)
        .filter(
            pk=int(job_id),
            kind=kind,
            status=Job.Status.DONE,
            **{f"params__{name}": value for name, value in params.items()},
        )
        .first()
    )


# Show at most this many errors of a background import (the count says how many there were).
MAX_STORED_ERRORS = 500


def report_as_json(result) -> dict:
    """What an import page shows of an ``ImportResult`` (created rows, errors), for ``Job.result``."""
    return {
        "created": result.created,
        "errors": [
            {"line": error.line, "column": str(error.column), "reason": str(error.reason)}
            for error in result.errors[:MAX_STORED_ERRORS]
        ],
        "more_errors": max(0, len(result.errors) - MAX_STORED_ERRORS),
    }
