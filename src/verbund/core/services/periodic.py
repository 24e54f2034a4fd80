"""Periodic tasks without cron: the background worker enqueues them when they are due.

An app registers a django-tasks task with its period, usually in ``AppConfig.ready``::

    from datetime import timedelta
    from verbund.core.services import periodic
    from verbund.<app> import tasks

    periodic.register(tasks.expire_offers, every=timedelta(minutes=5))

``verbund worker`` (and so ``verbund demo``) runs a small thread that calls ``enqueue_due``
every ``CHECK_SECONDS``; the task itself runs in the worker like any other. A task is due
when this process has not enqueued it for ``every`` and, with the database backend, no
run of it is waiting or running and none was enqueued within ``every`` (so several
workers enqueue it about once per period, not once each). Periodic tasks take no
arguments and must be safe to run twice (two workers may race on the same tick).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

# How often the worker's thread looks for due tasks.
CHECK_SECONDS = 30.0


@dataclass
class Periodic:
    task: object  # a django_tasks Task
    every: timedelta
    last: datetime | None = None

    @property
    def path(self) -> str:
        return self.task.module_path


_REGISTRY: dict[str, Periodic] = {}
_LOCK = threading.Lock()


def register(task, *, every: timedelta) -> None:
    """Run ``task`` (no arguments) about every ``every``; registering again is a no-op."""
    if every <= timedelta(0):
        raise ValueError("a periodic task needs a positive period")
    entry = Periodic(task, every)
    with _LOCK:
        known = _REGISTRY.get(entry.path)
        if known is not None and known.every != every:
            raise ValueError(f"periodic task {entry.path} is registered with two periods")
        _REGISTRY.setdefault(entry.path, entry)


def registered() -> list[Periodic]:
    return list(_REGISTRY.values())


def _queued_recently(entry: Periodic, now: datetime) -> bool:
    """With the database backend: a run is waiting or running, or began within the period."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends[entry.task.backend], DatabaseBackend):
        return False
    from django.db.models import Q
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.filter(task_path=entry.path)
        .filter(Q(status__in=("READY", "RUNNING")) | Q(enqueued_at__gte=now - entry.every))
        .exists()
    )


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue every registered task that is due; returns their paths."""
    now = now or timezone.now()
    enqueued = []
    for entry in registered():
        if entry.last is not None and now - entry.last < entry.every:
            continue
        if _queued_recently(entry, now):
            entry.last = now
            continue
        entry.task.enqueue()
        entry.last = now
        enqueued.append(entry.path)
    return enqueued


class Heartbeat(threading.Thread):
    """The worker's thread: ``enqueue_due`` now and then every ``interval`` seconds."""

    def __init__(self, interval: float = CHECK_SECONDS):
        super().__init__(name="verbund-periodic", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()
        self.database_down = False

    def run(self) -> None:
        while not self.stopped.is_set():
            close_old_connections()
            try:
                for path in enqueue_due():
                    logger.info("periodic task %s enqueued", path)
                self.database_down = False
            except DatabaseError as error:  # one warning per outage, not one per tick
                if not self.database_down:
                    logger.warning("periodic tasks: database unreachable (%s)", error)
                self.database_down = True
            except Exception:  # a failed tick must not end the thread; the next one retries
                logger.exception("periodic tasks could not be enqueued")
            finally:
                connection.close()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
