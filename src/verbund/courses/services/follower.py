"""``verbund courses follow``: keep this server's index replica current, for as long as it runs.

One follower per app server (its own ``INDEX_DIR``), started with the server (systemd unit
``verbund-follower.service``, ``verbund demo``). It polls the change log every
``interval`` seconds (a one-row query when nothing changed), so a commit on any server is
searchable here within about a second. A lost database connection is logged and retried;
the follower never exits because the database was away for a while.
"""

import logging
import threading
import time
from pathlib import Path

from django.db import DatabaseError, close_old_connections, connection

from verbund.courses.services import changefeed, indexing

logger = logging.getLogger(__name__)

# After a failure wait a little longer each time, up to this (a database outage).
MAX_BACKOFF_SECONDS = 10.0


def follow(
    path: Path | None = None,
    interval: float = 1.0,
    stop: threading.Event | None = None,
    rounds: int | None = None,
) -> int:
    """Apply committed changes until ``stop`` is set (or after ``rounds`` polls); returns
    the number of changes applied."""
    stop = stop or threading.Event()
    applied, done, backoff = 0, 0, interval
    while not stop.is_set() and (rounds is None or done < rounds):
        done += 1
        try:
            count = indexing.apply_pending(path)
            backoff = interval
            if count:
                applied += count
                logger.info("Course index: %d changes applied", count)
        except DatabaseError as error:
            logger.warning("Course index follower: database unavailable (%s); retrying", error)
            connection.close()  # a fresh connection on the next round
            backoff = min(MAX_BACKOFF_SECONDS, backoff * 2)
        except indexing.IndexUnavailable as error:
            logger.error("Course index unreadable (%s); run `verbund courses reindex`", error)
            backoff = MAX_BACKOFF_SECONDS
        if rounds is None:  # the long-running form: drop a broken or too old connection
            close_old_connections()
        if rounds is None or done < rounds:
            stop.wait(backoff)
    return applied


def run_forever(interval: float = 1.0) -> None:
    """The command's loop: SIGTERM/SIGINT end it after the current round."""
    import signal

    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    started = time.monotonic()
    logger.info("Course index follower started (every %.1f s)", interval)
    applied = follow(interval=interval, stop=stop)
    logger.info(
        "Course index follower stopped after %.0f s, %d changes applied",
        time.monotonic() - started,
        applied,
    )


# The follower polls every second; a replica this far behind the oldest pending change
# is not current (its server should not get search traffic).
READY_LAG_SECONDS = 30


def readiness_check(path: Path | None = None) -> str | None:
    """For ``/readyz``: None when this server's replica is current, else the reason."""
    path = Path(path or indexing.conf.index_path())
    if not indexing.current_dir(path).exists():
        return "no search index (run `verbund courses reindex`)"
    position = changefeed.read_position(indexing.current_dir(path))
    count, lag = changefeed.pending(position)
    if count < 0:
        return "the database was restored: the replica awaits its rebuild"
    if lag is not None and lag > READY_LAG_SECONDS:
        return f"{count} changes pending for {lag:.0f} s (is `verbund courses follow` running?)"
    return None


def replica_lag_seconds(path: Path | None = None) -> float | None:
    """For the metrics: age of the oldest change not applied here (0 when current)."""
    path = Path(path or indexing.conf.index_path())
    count, lag = changefeed.pending(changefeed.read_position(indexing.current_dir(path)))
    return None if count < 0 else (lag or 0.0)
