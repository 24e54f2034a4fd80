"""``verbund housekeeping`` (daily, also a periodic task): delete what nobody needs any more.

Core prunes expired sessions, API tokens expired for ``TOKEN_GRACE``, finished queue
entries of django-tasks after ``TASK_RETENTION`` and finished jobs (with their files)
after ``JOB_RETENTION``; apps add their steps from ``AppConfig.ready`` (the course
change log below every replica's position)::

    housekeeping.register("Änderungsprotokoll der Kurssuche", prune_change_log)

A step takes the current time and returns the number of rows deleted. Every step is
safe to run twice and at the same time on two servers.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.utils import timezone

logger = logging.getLogger(__name__)

TASK_RETENTION = datetime.timedelta(days=7)
JOB_RETENTION = datetime.timedelta(days=30)
TOKEN_GRACE = datetime.timedelta(days=30)  # the token page shows "abgelaufen" meanwhile

_STEPS: dict[str, Callable[[datetime.datetime], int]] = {}


def register(label: str, step: Callable[[datetime.datetime], int]) -> None:
    _STEPS[label] = step


def expired_sessions(now: datetime.datetime) -> int:
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=now).delete()[0]


def expired_tokens(now: datetime.datetime) -> int:
    from verbund.core.models import ApiToken

    return ApiToken.objects.filter(expires_at__lt=now - TOKEN_GRACE).delete()[0]


def finished_tasks(now: datetime.datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    finished = DBTaskResult.objects.filter(status__in=("SUCCESSFUL", "FAILED"))
    return finished.filter(finished_at__lt=now - TASK_RETENTION).delete()[0]


def finished_jobs(now: datetime.datetime) -> int:
    from verbund.core.job_models import Job

    done = Job.objects.filter(status__in=(Job.Status.DONE, Job.Status.FAILED))
    return done.filter(finished_at__lt=now - JOB_RETENTION).delete()[0]


CORE_STEPS = {
    "Abgelaufene Sitzungen": expired_sessions,
    "Abgelaufene API-Tokens": expired_tokens,
    "Erledigte Warteschlangen-Einträge": finished_tasks,
    "Erledigte Aufträge": finished_jobs,
}


def run(now: datetime.datetime | None = None) -> dict[str, int]:
    """Run every step; label -> rows deleted. A failing step is logged, the rest go on."""
    now = now or timezone.now()
    deleted = {}
    for label, step in {**CORE_STEPS, **_STEPS}.items():
        try:
            deleted[label] = step(now)
        except Exception:
            logger.exception("Housekeeping step %r failed", label)
            deleted[label] = -1
    logger.info("Housekeeping: %s", deleted)
    return deleted
