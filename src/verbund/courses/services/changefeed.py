"""Reading the change log in commit order: a replica never skips a committed change.

Why not "every id above the last one applied": PostgreSQL hands out ids at insert, not at
commit. A transaction that inserted id 10 and commits after the one that inserted id 11
was skipped for good once a replica had applied 11. So on PostgreSQL a replica's position
is a *snapshot* (``pg_current_snapshot()``: xmin, xmax and the transactions running at
that moment) plus the highest id it applied. A trigger stores each row's transaction id
(``txid``, ``pg_current_xact_id()``). The next read takes a new snapshot S and returns,
in the same statement (so the rows are exactly those visible in S), every row whose
transaction is *not* visible in the old position P: a transaction that committed after P
was taken is in P's running list or at/above P's xmax, so it is returned exactly once,
whatever id it holds. The reader's own open transaction (a test's, or a caller inside
``atomic``) is listed as running in every snapshot it takes; its rows are read by id
(``id > P.id``, ascending within one transaction) instead, so they are applied once.

On SQLite writes are serialized (one writer holds the database lock from its first write
to its commit), so ids are handed out in commit order and the id alone is a safe position.

A restore is detected and answered with a rebuild (``Restored``): the change log table or
the database was recreated (its oid differs from the identity stored with the position;
``pg_restore --clean`` drops and recreates every table), the transaction counter is below
the position's (another cluster, a point-in-time recovery), or the highest id in the log
is below the position's (SQLite file replaced by an older copy). A position of the older
format (an id only) cannot prove that nothing was skipped on PostgreSQL: also a rebuild.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db import connection
from django.utils import timezone

POSITION_FILE = "changelog-position"
TABLE = "courses_indexchange"
# How often an idle replica refreshes its row in the registry (``IndexReplica.seen_at``).
REPORT_SECONDS = 30.0

# replica name -> (position, monotonic time) last written to the registry by this process
_reported: dict[str, tuple] = {}


class Restored(Exception):
    """The database is not the one this replica followed (restored or replaced): rebuild."""


@dataclass(frozen=True)
class Position:
    id: int = 0  # highest change id applied
    snapshot: str | None = None  # PostgreSQL: "xmin:xmax:xip,..." every change before is in
    identity: str | None = None  # PostgreSQL: "database oid/table oid" the position belongs to

    @property
    def xmin(self) -> int:
        return int(self.snapshot.split(":")[0]) if self.snapshot else 0

    @property
    def xmax(self) -> int:
        return int(self.snapshot.split(":")[1]) if self.snapshot else 0


@dataclass
class Batch:
    changes: list[tuple[int, int]]  # (change id, offer id), ascending ids
    position: Position  # the position after applying them


def postgres() -> bool:
    return connection.vendor == "postgresql"


# -- the position file (one per index generation) ---------------------------------------


def read_position(directory: Path) -> Position | None:
    """The stored position, or None when there is none (a fresh directory)."""
    try:
        text = (Path(directory) / POSITION_FILE).read_text()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, int):  # the older format: the last id applied
        return Position(id=data)
    return Position(**{k: data.get(k) for k in ("id", "snapshot", "identity")})


def write_position(directory: Path, position: Position) -> None:
    temporary = Path(directory) / f"{POSITION_FILE}.tmp"
    temporary.write_text(json.dumps(asdict(position)))
    os.replace(temporary, Path(directory) / POSITION_FILE)


# -- reading the log --------------------------------------------------------------------


def _identity(cursor) -> str:
    cursor.execute(
        "SELECT (SELECT oid FROM pg_database WHERE datname = current_database()),"
        " %s::regclass::oid",
        [TABLE],
    )
    database, table = cursor.fetchone()
    return f"{database}/{table}"


def current() -> Position:
    """The position of "everything committed now" (a rebuild starts from it)."""
    with connection.cursor() as cursor:
        if not postgres():
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {TABLE}")
            return Position(id=cursor.fetchone()[0])
        cursor.execute(f"SELECT pg_current_snapshot()::text, COALESCE(MAX(id), 0) FROM {TABLE}")
        snapshot, last = cursor.fetchone()
        return Position(id=last, snapshot=snapshot, identity=_identity(cursor))


def read(position: Position | None, limit: int | None = None) -> Batch:
    """The changes committed since ``position`` and the position after them.

    Raises ``Restored`` when the position cannot belong to this database's log.
    ``limit`` is ignored on PostgreSQL (a snapshot position cannot stop half-way).
    """
    if position is None:
        raise Restored("no position: this replica was never built")
    if postgres():
        return _read_postgres(position)
    return _read_sqlite(position)


def _read_sqlite(position: Position) -> Batch:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {TABLE}")
        last = cursor.fetchone()[0]
        if last < position.id:
            raise Restored(f"the change log ends at {last}, the replica was at {position.id}")
        cursor.execute(f"SELECT id, offer_id FROM {TABLE} WHERE id > %s ORDER BY id", [position.id])
        changes = [(int(a), int(b)) for a, b in cursor.fetchall()]
    new_id = changes[-1][0] if changes else position.id
    return Batch(changes, Position(id=new_id))


def _read_postgres(position: Position) -> Batch:
    if position.snapshot is None:
        raise Restored("the position has no snapshot (written before commit-ordered reading)")
    with connection.cursor() as cursor:
        identity = _identity(cursor)
        if identity != position.identity:
            raise Restored(f"the change log is another one ({identity}, was {position.identity})")
        # One statement, one snapshot: the rows returned are exactly those visible in S.
        cursor.execute(
            f"""
            WITH now AS (SELECT pg_current_snapshot() AS s)
            SELECT now.s::text, (SELECT COALESCE(MAX(id), 0) FROM {TABLE}), c.id, c.offer_id
            FROM now LEFT JOIN {TABLE} c ON (
                (c.txid >= %(xmin)s AND NOT pg_visible_in_snapshot(
                    c.txid::text::xid8, %(position)s::pg_snapshot)
                 AND c.txid IS DISTINCT FROM
                    pg_current_xact_id_if_assigned()::text::bigint)
                OR c.id > %(last)s
            )
            ORDER BY c.id
            """,
            {"xmin": position.xmin, "position": position.snapshot, "last": position.id},
        )
        rows = cursor.fetchall()
    snapshot, last = rows[0][0], rows[0][1]
    if int(snapshot.split(":")[1]) < position.xmax:
        raise Restored("the transaction counter moved back (another or a recovered cluster)")
    if last < position.id:
        raise Restored(f"the change log ends at {last}, the replica was at {position.id}")
    changes = [(int(r[2]), int(r[3])) for r in rows if r[2] is not None]
    new_id = max([position.id, *(pk for pk, _offer in changes)])
    return Batch(changes, Position(id=new_id, snapshot=snapshot, identity=identity))


def pending(position: Position | None) -> tuple[int, float | None]:
    """(changes this replica has not applied, age in seconds of the oldest of them)."""
    try:
        batch = read(position)
    except Restored:
        return -1, None
    if not batch.changes:
        return 0, None
    from verbund.courses.models import IndexChange

    oldest = (
        IndexChange.objects.filter(pk__in=[pk for pk, _ in batch.changes])
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    age = (timezone.now() - oldest).total_seconds() if oldest else None
    return len(batch.changes), age


# -- replicas known to the database (for pruning the log) --------------------------------


def replica_name(path: Path) -> str:
    return f"{socket.gethostname()}:{Path(path).resolve()}"


def report(path: Path, position: Position, register: bool = False) -> None:
    """Tell the database how far this replica is (pruning keeps what it still needs).

    A rebuild registers the replica; afterwards it only updates its row. A missing row
    means housekeeping dropped the replica (not seen for ``COURSES_CHANGELOG_RETENTION_DAYS``)
    and may have pruned changes it still needed: ``Restored`` (rebuild).
    """
    from verbund.courses.models import IndexReplica

    name = replica_name(path)[:300]
    now = time.monotonic()
    last = _reported.get(name)
    if not register and last and last[0] == position and now - last[1] < REPORT_SECONDS:
        return  # a polling follower writes its row about twice a minute, not every second
    fields = {
        "position_id": position.id,
        "position_xmin": position.xmin or None,
        "seen_at": timezone.now(),
    }
    if not IndexReplica.objects.filter(name=name).update(**fields):
        if not register:
            raise Restored("this replica was not seen for too long; the log may lack changes")
        IndexReplica.objects.create(name=name, **fields)
    _reported[name] = (position, now)


def prune(retention_days: int, now=None) -> int:
    """Delete change rows every live replica has applied and older than the retention;
    forget replicas not seen within it. Returns the number of rows deleted."""
    import datetime

    from django.db.models import Max, Min

    from verbund.courses.models import IndexChange, IndexReplica

    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days)
    IndexReplica.objects.filter(seen_at__lt=cutoff).delete()
    horizon = IndexReplica.objects.aggregate(id=Min("position_id"), xmin=Min("position_xmin"))
    last = IndexChange.objects.aggregate(last=Max("pk"))["last"]
    if horizon["id"] is None or last is None:
        return 0
    rows = IndexChange.objects.filter(created_at__lt=cutoff, pk__lte=horizon["id"], pk__lt=last)
    if postgres():
        # Below every replica's xmin: committed (and applied) or aborted before all of them.
        rows = rows.filter(txid__lt=horizon["xmin"] or 0)
    return rows.delete()[0]


def prune_change_log(now=None) -> int:
    """The housekeeping step (``COURSES_CHANGELOG_RETENTION_DAYS``, default 7)."""
    from django.conf import settings

    return prune(int(getattr(settings, "COURSES_CHANGELOG_RETENTION_DAYS", 7)), now)
