"""Long work off the request: one Job record, one task, a registry of job functions.

An app registers a function under a dotted kind in its ``jobs.py`` (found at start-up)::

    @jobs.register("courses.reindex")
    def reindex(job, progress):
        ...
        progress(0.5, gettext_noop("Die Hälfte ist indiziert."))
        return {"offers": count}          # stored as job.result (JSON)

A view starts it with ``jobs.start("courses.reindex", user=..., title=...)`` and redirects
to ``job.get_absolute_url()``, the page that polls the progress. The task backend decides
where the function runs: the database worker (``verbund worker``) in the demo and in
production, immediately inside tests.

Every job is supervised (``verbund.core.services.supervision``): a job whose worker died
is queued once more by any live worker, and failed after a second loss, so that no page
shows "Läuft 36 %" forever. A job that mails people records each recipient with
``deliver_once`` so that its retry mails nobody twice.
"""

import logging
import time
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks.backends.immediate import ImmediateBackend

from verbund.core.models import Job, JobDelivery
from verbund.core.services import stored_text, supervision
from verbund.core.services.supervision import last_worker_heartbeat  # noqa: F401 (health)

logger = logging.getLogger(__name__)

JobFunction = Callable[[Job, Callable[[float, str], None]], dict | None]

_REGISTRY: dict[str, JobFunction] = {}

# Write progress to the database at most this often (pages poll every second).
PROGRESS_INTERVAL = 0.5
# The largest upload a job takes (kept in the database until the job ends).
MAX_PAYLOAD_BYTES = 50 * 1024 * 1024


class JobError(Exception):
    """A failure whose message is meant for the user (German, shown on the job page)."""


def register(kind: str):
    """Register ``function(job, progress) -> dict | None`` as the job type ``kind``."""

    def decorate(function: JobFunction) -> JobFunction:
        if kind in _REGISTRY and _REGISTRY[kind] is not function:
            raise ValueError(f"job kind {kind!r} is registered twice")
        _REGISTRY[kind] = function
        return function

    return decorate


def registered_kinds() -> list[str]:
    return sorted(_REGISTRY)


def start(
    kind: str,
    *,
    user,
    title: str,
    params: dict | None = None,
    payload: bytes = b"",
    result_url: str = "",
) -> Job:
    """Record a job and hand it to the task backend; returns the job (refreshed)."""
    from verbund.core.tasks import run_job

    if kind not in _REGISTRY:
        raise ValueError(f"unknown job kind {kind!r}")
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise JobError(_("Die Datei ist zu groß."))
    owner = user if user is not None and user.is_authenticated else None
    if owner is not None and not payload:
        # A second click (or a re-sent POST) follows the job already under way (never one
        # whose worker died: that one is queued again once, or failed, first).
        supervision.recover_abandoned(model=Job)
        pending = Job.objects.filter(
            kind=kind,
            created_by=owner,
            params=params or {},
            status__in=(Job.Status.QUEUED, Job.Status.RUNNING),
        ).first()
        if pending is not None:
            return pending
    job = Job.objects.create(
        kind=kind,
        title=title[:200],
        params=params or {},
        payload=payload,
        result_url=result_url,
        created_by=owner,
    )
    if isinstance(run_job.get_backend(), ImmediateBackend):
        # Tests: run now (the job page then shows the final state).
        run_job.enqueue(job.pk)
    else:
        # A worker must only see the job once it is committed.
        transaction.on_commit(lambda: run_job.enqueue(job.pk))
    job.refresh_from_db()
    return job


def progress_writer(job: Job) -> Callable[[float, str], None]:
    """A ``progress(fraction, message)`` callable that writes at most every half second."""
    last = [0.0]

    def report(fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and fraction < 1.0:
            return
        last[0] = now
        supervision.beat(
            job,
            progress=min(max(fraction, 0.0), 1.0),
            message=stored_text.fits(str(message), 255),
        )

    return report


def execute(job_id: int, task_id: str = "") -> str:
    """Run the job's function (in the worker); a failure is recorded on the job."""
    job = supervision.claim(Job, job_id, task_id)
    if job is None:
        # Unknown, already running elsewhere or finished: never run a job twice.
        return "skipped"
    function = _REGISTRY.get(job.kind)
    with supervision.working_on(job):
        try:
            if function is None:
                raise JobError(gettext_noop("Dieser Auftragstyp ist unbekannt."))
            result = function(job, progress_writer(job)) or {}
        except JobError as error:
            _finish(job, Job.Status.FAILED, str(error), {})
            return Job.Status.FAILED
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            _finish(
                job,
                Job.Status.FAILED,
                gettext_noop("Unerwarteter Fehler; bitte erneut versuchen."),
                {},
            )
            return Job.Status.FAILED
        _finish(job, Job.Status.DONE, Job.objects.get(pk=job.pk).message, result)
    return Job.Status.DONE


def deliver_once(job: Job, key: str, send: Callable[[], object]):
    """Send one mail of a mail job unless an earlier attempt of the job did.

    Returns what ``send()`` returned, or None when an earlier attempt had sent it.

    The recipient (``key``, e.g. "examiner:12") is recorded *before* the mail goes out: a
    worker killed between the two loses at most that one mail instead of mailing twice.
    A mail that fails to go out is released again (the retry sends it).
    """
    try:
        with transaction.atomic():
            delivery = JobDelivery.objects.create(job_id=job.pk, key=key[:200])
    except IntegrityError:
        return None
    try:
        return send()
    except Exception:
        delivery.delete()
        raise


def save_output(job: Job, content: bytes, filename: str, content_type: str) -> None:
    """Keep a file the job produced; the job page offers it for download."""
    Job.objects.filter(pk=job.pk).update(
        output=content, output_name=filename[:200], output_type=content_type[:120]
    )


def _finish(job: Job, status: str, message: str, result: dict) -> None:
    changes = {"payload": b""}
    if status == Job.Status.DONE:
        changes["result"] = result
    supervision.finish(job, status, stored_text.fits(str(message), 255), **changes)


def _requeue(job_id: int) -> None:
    from verbund.core.tasks import run_job

    run_job.enqueue(job_id)


supervision.supervise(Job, _requeue)


def visible_jobs(user):
    """The jobs a user may follow: their own (staff see all)."""
    if not user.is_authenticated:
        return Job.objects.none()
    if user.is_superuser:
        return Job.objects.all()
    return Job.objects.filter(created_by=user)
