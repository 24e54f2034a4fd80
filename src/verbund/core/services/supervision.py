"""Supervision of long work: heartbeats, abandoned work retried once, live workers.

Every record of long work (``core.Job`` and the apps' solver runs, all built on
``core.job_models.SupervisedWork``) goes through the same life: a worker *claims* it
(queued -> running, ``attempts`` + 1), *beats* while it works (the progress callback, and
every ``HEARTBEAT_SECONDS`` the worker's own supervisor thread) and *finishes* it. A
running record without a heartbeat for ``ABANDONED_AFTER`` lost its worker (SIGKILL, the
OOM killer, a reboot): any live worker finds it within ``CHECK_SECONDS`` and queues it
once more; after a second loss it is failed with a German message. The queue's own row
(django_tasks_db) of a lost attempt is ended as well.

Every write of a worker is conditional on the attempt it works on, so a worker that was
only slow (and was given up) cannot overwrite the newer attempt.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DatabaseError, close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

logger = logging.getLogger(__name__)

# A working record writes a heartbeat at least this often (the supervisor thread).
HEARTBEAT_SECONDS = 5.0
# A running record without a heartbeat for this long lost its worker.
ABANDONED_AFTER = timedelta(seconds=60)
# How often every worker looks for abandoned records.
CHECK_SECONDS = 20.0
# A record lost this often is failed instead of queued again.
MAX_ATTEMPTS = 2
# A worker is "live" when it was seen within this time (health checks).
WORKER_SEEN_WITHIN = timedelta(minutes=1)

RETRY_MESSAGE = gettext_noop(
    "Der Hintergrunddienst wurde unterbrochen; die Berechnung wird erneut gestartet …"
)
LOST_TWICE_MESSAGE = gettext_noop(
    "Die Berechnung ist abgebrochen: Der Hintergrunddienst wurde zweimal unterbrochen. "
    "Bitte erneut starten; geschieht es wieder, wenden Sie sich an den Betrieb."
)


@dataclass(frozen=True)
class Supervised:
    model: type
    requeue: Callable[[int], None]  # hands the record's pk to the queue once more


_SUPERVISED: dict[str, Supervised] = {}
_current: dict[str, tuple[type, int, int]] = {}
_current_lock = threading.Lock()


def supervise(model, requeue: Callable[[int], None]) -> None:
    """Watch ``model`` (a ``SupervisedWork``); ``requeue(pk)`` enqueues its task again."""
    _SUPERVISED[model._meta.label] = Supervised(model, requeue)


def supervised_models() -> list[type]:
    return [entry.model for entry in _SUPERVISED.values()]


def claim(model, pk: int, task_id: str = ""):
    """Take a queued record (running, one more attempt); None if it is not queued."""
    now = timezone.now()
    taken = model.objects.filter(pk=pk, status=model.Status.QUEUED).update(
        status=model.Status.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        task_id=str(task_id)[:64],
    )
    return model.objects.get(pk=pk) if taken else None


def _mine(record):
    """The record's row while it is still this attempt's (not given up, not retried)."""
    return type(record).objects.filter(
        pk=record.pk, attempts=record.attempts, status=record.Status.RUNNING
    )


def beat(record, **changes) -> bool:
    """Write the heartbeat (and ``changes``, e.g. progress); False if the attempt was lost."""
    return bool(_mine(record).update(heartbeat_at=timezone.now(), **changes))


def finish(record, status: str, message: str, **changes) -> bool:
    """End the attempt done or failed; False if it had been given up meanwhile."""
    changes.update(status=status, message=str(message)[:300], finished_at=timezone.now())
    if status == record.Status.DONE:
        changes.setdefault("progress", 1.0)
    return bool(_mine(record).update(**changes))


@contextmanager
def working_on(record):
    """While inside, this process's supervisor thread beats ``record``."""
    key = f"{record._meta.label}:{record.pk}"
    with _current_lock:
        _current[key] = (type(record), record.pk, record.attempts)
    try:
        yield
    finally:
        with _current_lock:
            _current.pop(key, None)


def beat_current() -> int:
    """Beat every record this process works on now (called by the supervisor thread)."""
    with _current_lock:
        working = list(_current.values())
    now = timezone.now()
    return sum(
        model.objects.filter(pk=pk, attempts=attempt, status=model.Status.RUNNING).update(
            heartbeat_at=now
        )
        for model, pk, attempt in working
    )


def abandoned(model, *, now: datetime | None = None, sole_worker: bool = False):
    """Running records of ``model`` whose worker is gone (``sole_worker``: all running)."""
    running = model.objects.filter(status=model.Status.RUNNING)
    if sole_worker:
        return running
    cutoff = (now or timezone.now()) - ABANDONED_AFTER
    return running.filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
    )


def recover_abandoned(
    *, now: datetime | None = None, sole_worker: bool = False, model=None
) -> dict[str, int]:
    """Queue abandoned records once more, fail those lost twice; {"retried": n, "failed": m}.

    ``model`` limits the check to one model (the one-active-run guards use it).
    """
    now = now or timezone.now()
    counts = {"retried": 0, "failed": 0}
    entries = [e for e in _SUPERVISED.values() if model is None or e.model is model]
    for entry in entries:
        for record in abandoned(entry.model, now=now, sole_worker=sole_worker):
            mine = entry.model.objects.filter(
                pk=record.pk, attempts=record.attempts, status=record.Status.RUNNING
            )
            if record.attempts < MAX_ATTEMPTS:
                taken = mine.update(
                    status=record.Status.QUEUED, message=RETRY_MESSAGE, heartbeat_at=None
                )
                if taken:
                    entry.requeue(record.pk)
                    counts["retried"] += 1
            else:
                changes = {"status": record.Status.FAILED, "message": LOST_TWICE_MESSAGE}
                if hasattr(record, "error"):
                    changes["error"] = "worker lost twice (no heartbeat)"
                taken = mine.update(finished_at=now, **changes)
                counts["failed"] += taken
            if taken:
                _end_task_row(record.task_id, now)
                logger.warning(
                    "%s %s lost its worker (attempt %s): %s",
                    entry.model._meta.label,
                    record.pk,
                    record.attempts,
                    "queued again" if record.attempts < MAX_ATTEMPTS else "failed",
                )
    return counts


def _end_task_row(task_id: str, now: datetime) -> None:
    """The queue's row of a lost attempt would stay RUNNING for good: end it as failed."""
    if not task_id:
        return
    from django_tasks_db.models import DBTaskResult

    try:
        DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
            status="FAILED",
            finished_at=now,
            exception_class_path="verbund.core.services.supervision.WorkerLost",
            traceback="The worker stopped sending heartbeats (killed or lost).",
        )
    except (ValueError, DatabaseError):  # not a queue row of the database backend
        logger.debug("task row %s not ended", task_id)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def record_worker_seen(name: str | None = None, now: datetime | None = None) -> None:
    from verbund.core.models import WorkerBeat

    now = now or timezone.now()
    WorkerBeat.objects.update_or_create(name=name or worker_name(), defaults={"seen_at": now})
    # rows of workers gone for a day only clutter the table
    WorkerBeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()


def last_worker_heartbeat() -> datetime | None:
    """When a background worker was last seen alive (None: never); for health checks."""
    from verbund.core.models import WorkerBeat

    return WorkerBeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


def worker_alive(now: datetime | None = None) -> bool:
    seen = last_worker_heartbeat()
    return seen is not None and seen >= (now or timezone.now()) - WORKER_SEEN_WITHIN


class SupervisorThread(threading.Thread):
    """The worker's watch: heartbeats of its own work and itself, abandoned work of others.

    A database outage makes one warning, not a traceback every few seconds; the thread
    keeps trying until the database is back.
    """

    def __init__(self, beat_seconds: float = HEARTBEAT_SECONDS, check_seconds=CHECK_SECONDS):
        super().__init__(name="verbund-supervisor", daemon=True)
        self.beat_seconds = beat_seconds
        self.check_seconds = check_seconds
        self.stopped = threading.Event()
        self.name_of_worker = worker_name()
        self._database_down = False

    def run(self) -> None:
        last_check = None
        while not self.stopped.is_set():
            close_old_connections()
            try:
                beat_current()
                record_worker_seen(self.name_of_worker)
                now = timezone.now()
                if last_check is None or (now - last_check).total_seconds() >= self.check_seconds:
                    recover_abandoned(now=now)
                    last_check = now
                if self._database_down:
                    logger.warning("supervisor: the database is reachable again")
                self._database_down = False
            except DatabaseError as error:
                if not self._database_down:
                    logger.warning("supervisor: database unreachable (%s); retrying", error)
                self._database_down = True
            except Exception:  # a failed tick must not end the watch; the next one retries
                logger.exception("supervisor tick failed")
            finally:
                connection.close()
            self.stopped.wait(self.beat_seconds)

    def stop(self) -> None:
        self.stopped.set()
