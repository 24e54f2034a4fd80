"""Large catalog imports as background jobs (django-tasks), with polled progress.

A file above ``BACKGROUND_BYTES`` would keep a web request busy far beyond its timeout
(a 10 MB openQ-cat file has tens of thousands of runs), so the upload only stores it
as an ``ImportJob`` and enqueues ``verbund.courses.jobs.run_import_job``; the job page
polls the number of rows checked and shows the same report as a small import.
"""

from django.db import connection, transaction
from django.utils import timezone

from verbund.courses.models import ImportJob
from verbund.courses.services import catalog

BACKGROUND_BYTES = 1024 * 1024  # smaller files are checked within the request
MAX_SHOWN_ERRORS = 500
PROGRESS_EVERY = 500  # rows between two progress writes


def summarize(report) -> dict:
    """The report as the page shows it (and as a job stores it)."""
    return {
        "rows": report.rows,
        "offers": len(report.offers),
        "bad_rows": report.bad_rows,
        "written": report.written,
        "ok": report.ok,
        "created": report.created,
        "updated": report.updated,
        "deleted": report.deleted,
        "errors": [
            {"where": str(e.where), "column": str(e.column), "message": str(e.message)}
            for e in report.errors[:MAX_SHOWN_ERRORS]
        ],
        "more_errors": max(0, len(report.errors) - MAX_SHOWN_ERRORS),
    }


def start_job(data: bytes, filename: str, user, provider, dry_run: bool, skip_invalid: bool):
    from verbund.courses.jobs import run_import_job

    job = ImportJob.objects.create(
        created_by=user,
        provider=provider,
        filename=filename[:255],
        data=data,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
    )
    if connection.in_atomic_block:
        transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    else:
        run_import_job.enqueue(job.pk)
    return job


def execute_job(job: ImportJob) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    checked = [0]

    def progress(rows: int) -> None:
        checked[0] += rows
        if checked[0] % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(rows_checked=checked[0])

    try:
        report = catalog.import_file(
            bytes(job.data),
            job.filename,
            user=job.created_by,
            provider=job.provider,
            dry_run=job.dry_run,
            skip_invalid=job.skip_invalid,
            progress=progress,
        )
    except Exception:
        job.status, job.result = ImportJob.Status.FAILED, {}
        raise
    else:
        job.status, job.result = ImportJob.Status.DONE, summarize(report)
    finally:
        job.rows_checked, job.data, job.finished_at = checked[0], b"", timezone.now()
        job.save(update_fields=["status", "result", "rows_checked", "data", "finished_at"])
    return job
