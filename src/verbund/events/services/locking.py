"""Lock an event's seats for one transaction: lock, then recount, then write.

PostgreSQL: ``SELECT ... FOR UPDATE`` on the event row serialises every registration,
cancellation and promotion of that event (other events are not blocked). SQLite has no
row locks; our connections open every transaction with ``BEGIN IMMEDIATE`` (settings), so
the write lock is held from the start, and touching the event row makes that explicit
even under a deferred transaction mode. "database is locked" after the busy timeout is
retried a few times rather than shown to the user.
"""

import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection, transaction
from django.db.models import F

Result = TypeVar("Result")

# Attempts and the base back-off (seconds, doubled each time, with jitter) when SQLite
# answers "database is locked" despite its busy timeout.
LOCKED_RETRIES = 5
LOCKED_BACKOFF = 0.05


def lock_event(event_id: int):
    """Take the event's seat lock inside the current transaction; return the fresh row."""
    from verbund.events.models import Event

    if connection.vendor == "postgresql":
        return Event.objects.select_for_update().get(pk=event_id)
    Event.objects.filter(pk=event_id).update(lock_version=F("lock_version") + 1)
    return Event.objects.get(pk=event_id)


def _is_locked_error(error: OperationalError) -> bool:
    return "locked" in str(error).lower() or "could not obtain lock" in str(error).lower()


def locked(event_id: int, work: Callable[..., Result], *, lock: bool = True) -> Result:
    """Run ``work(event)`` in one transaction holding the event's seat lock.

    ``lock=False`` exists only for the benchmark's baseline, which shows what happens
    without it (overbooking); no production code path passes it.
    """
    from verbund.events.models import Event

    for attempt in range(LOCKED_RETRIES):
        try:
            with transaction.atomic():
                event = lock_event(event_id) if lock else Event.objects.get(pk=event_id)
                return work(event)
        except OperationalError as error:
            if not _is_locked_error(error) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(LOCKED_BACKOFF * (2**attempt) * (1 + random.random()))
    raise AssertionError("unreachable")
