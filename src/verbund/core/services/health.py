"""Liveness and readiness of this server (``/healthz``, ``/readyz``) for a load balancer.

Readiness is a set of named checks; each returns None when fine or a short reason. Core
checks the database (reachable, every migration applied) and the background worker;
apps add their own from ``AppConfig.ready`` (the course search replica)::

    health.register("search_index", my_check)

``worker_last_seen`` is the one place that knows how a worker shows it is alive (today:
the newest start or finish of a task in django-tasks' database queue).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.utils import timezone

# A worker counts as alive when it touched a task within this time.
WORKER_SEEN_SECONDS = 60

_CHECKS: dict[str, Callable[[], str | None]] = {}
# Once every migration is applied, this process does not load the migration graph again.
_migrated = [False]


def register(name: str, check: Callable[[], str | None]) -> None:
    _CHECKS[name] = check


def database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` means the database cannot be reached (not a bug of ours)."""
    from django.db import InterfaceError, OperationalError

    return isinstance(error, OperationalError | InterfaceError)


def check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrated[0]:
            from django.db.migrations.executor import MigrationExecutor

            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if plan:
                return f"{len(plan)} migrations not applied"
            _migrated[0] = True
    except DatabaseError as error:
        connection.close()  # reconnect on the next check
        return f"database unreachable: {error.__class__.__name__}"
    return None


def worker_last_seen() -> datetime.datetime | None:
    """When a background worker was last seen working (None: never, or no queue): the
    newest task start or finish in the queue, or job heartbeat."""
    from django.db.models import Max
    from django_tasks_db.models import DBTaskResult

    from verbund.core.job_models import Job

    times = DBTaskResult.objects.aggregate(started=Max("started_at"), finished=Max("finished_at"))
    times["job"] = Job.objects.aggregate(seen=Max("heartbeat_at"))["seen"]
    seen = [t for t in times.values() if t is not None]
    return max(seen) if seen else None


def uses_worker() -> bool:
    """Whether tasks go to the database queue (else they run in the process)."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return any(isinstance(backend, DatabaseBackend) for backend in task_backends.all())


def check_worker() -> str | None:
    """A worker was seen within a minute, or nothing waits for one longer than that."""
    from django_tasks_db.models import DBTaskResult

    if not uses_worker():
        return None
    cutoff = timezone.now() - datetime.timedelta(seconds=WORKER_SEEN_SECONDS)
    seen = worker_last_seen()
    if seen is not None and seen >= cutoff:
        return None
    if not DBTaskResult.objects.filter(status="READY", enqueued_at__lt=cutoff).exists():
        return None
    return "no worker seen in the last minute while tasks wait"


def readiness() -> dict[str, str]:
    """check name -> "ok" or the reason it fails; the database first (others need it)."""
    results = {"database": check_database() or "ok"}
    if results["database"] != "ok":
        return results
    for name, check in {"worker": check_worker, **_CHECKS}.items():
        try:
            results[name] = check() or "ok"
        except Exception as error:  # noqa: BLE001 - a failing check is a result, not a 500
            results[name] = f"check failed: {error.__class__.__name__}"
    return results
