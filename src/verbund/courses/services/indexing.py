"""Keeping the tantivy index beside the database current.

Every change of an offer or its runs writes an ``IndexChange`` row in the same transaction
(``log_change``). When the transaction commits, ``apply_pending`` reads the rows committed
since the position this replica has reached (``changefeed``: in commit order, not id
order) and updates the index; a rolled-back transaction leaves no row and so never
touches the index. Each app server keeps its own replica directory and position file and
runs ``verbund courses follow``, so several servers stay current from one change log
(DESIGN.md). A replica whose position does not fit the database (a restore) is rebuilt.

``rebuild`` writes a fresh index; ``check`` compares index and database (engine helper).

Generations: ``INDEX_DIR/courses`` is a symbolic link to a generation directory
(``courses.gen-<n>``). ``rebuild`` writes a new generation beside the one in use (searches
and incremental updates go on meanwhile), applies the changes logged since it started and
then replaces the link atomically. Every process compares the link's target with the
directory its open handle reads (one ``readlink`` per search) and reopens on a change, so
web processes on the same machine pick up an index rebuilt by the worker. Writers take the
lock file ``courses.lock`` beside the link, which stays the same across generations.
An index directory of the older layout (a plain directory) is used as it is until the
first rebuild turns it into a generation.
"""

import datetime
import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from verbund.core.services import topics as taxonomy
from verbund.courses import conf
from verbund.courses.models import IndexChange, Offer, Run
from verbund.courses.search import ConsistencyReport, CourseIndex
from verbund.courses.services import changefeed

logger = logging.getLogger(__name__)

GENERATION = ".gen-"
BATCH = 2000
# Incremental updates are small; a small writer heap keeps the web process lean.
SMALL_HEAP = 32_000_000

# link path -> (generation directory the handle reads, handle)
_indexes: dict[Path, tuple[Path, CourseIndex]] = {}


def current_dir(path: Path | None = None) -> Path:
    """The generation directory in use (the directory itself in the older layout)."""
    return Path(os.path.realpath(Path(path or conf.index_path())))


def get_index(path: Path | None = None) -> CourseIndex:
    """This process's handle on the index replica, reopened when a rebuild swapped it."""
    path = Path(path or conf.index_path())
    target = current_dir(path)
    cached = _indexes.get(path)
    if cached is not None and cached[0] == target:
        return cached[1]
    if cached is not None:
        _indexes.pop(path)
        cached[1].close()
    try:
        index = CourseIndex(target)
    except ValueError as error:
        # An index written by an older engine (other schema): `verbund courses reindex`.
        raise IndexUnavailable(str(error)) from error
    _indexes[path] = (target, index)
    return index


class IndexUnavailable(Exception):
    """The index cannot be opened (e.g. schema changed); rebuild it with reindex."""


def forget_index(path: Path | None = None) -> None:
    path = Path(path or conf.index_path())
    cached = _indexes.pop(path, None)
    if cached is not None:
        cached[1].close()


# -- the change log ---------------------------------------------------------------------


def log_change(offer: Offer, op: str = IndexChange.Op.UPSERT) -> None:
    """Record that ``offer`` changed; call inside the transaction that changes it."""
    IndexChange.objects.create(offer_id=offer.pk, version=offer.version, op=op)
    if conf.index_on_commit():
        transaction.on_commit(_apply_quietly)


def log_bulk(offer_ids_versions: Iterable[tuple[int, int]], op=IndexChange.Op.UPSERT) -> None:
    IndexChange.objects.bulk_create(
        [IndexChange(offer_id=pk, version=v, op=op) for pk, v in offer_ids_versions],
        batch_size=BATCH,
    )
    if conf.index_on_commit():
        transaction.on_commit(_apply_quietly)


def _apply_quietly() -> None:
    """A failed index update must not fail the request; the change stays in the log."""
    try:
        apply_pending()
    except Exception:
        logger.exception("Updating the course index failed; it will catch up on the next change")


@contextmanager
def _writer_lock(path: Path) -> Iterator[None]:
    """One writer per replica: a lock file beside the link (the same for every generation)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(path.name + ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_position(path: Path | None = None) -> changefeed.Position | None:
    return changefeed.read_position(current_dir(path))


def apply_pending(path: Path | None = None, today: datetime.date | None = None) -> int:
    """Bring this replica up to date with the committed changes; returns how many it applied.

    A replica whose position does not belong to this database (restored, replaced, never
    built, or dropped from the registry) is rebuilt; then the rebuilt offers are counted.
    """
    path = Path(path or conf.index_path())
    try:
        with _writer_lock(path):
            return _catch_up(get_index(path), current_dir(path), today)
    except changefeed.Restored as reason:
        logger.warning("Rebuilding the course index %s: %s", path, reason)
        return rebuild(path, today=today)


def _catch_up(index: CourseIndex, directory: Path, today=None, register=False) -> int:
    """Apply the changes committed since ``directory``'s position (caller holds the lock)."""
    position = changefeed.read_position(directory)
    batch = changefeed.read(position)
    if batch.changes:
        offer_ids = {offer_id for _pk, offer_id in batch.changes}
        index.writer(heap_size=SMALL_HEAP, threads=1)
        write_offers(index, sorted(offer_ids), today)
        index.commit()
        index.close()
    if batch.position != position:
        changefeed.write_position(directory, batch.position)
    changefeed.report(directory, batch.position, register=register)
    return len(batch.changes)


def offer_documents(offers: Iterable[Offer], today: datetime.date) -> Iterator[dict]:
    broader = taxonomy.broader_codes()
    for offer in offers:
        yield offer_document(offer, today, broader)


def write_offers(index: CourseIndex, offer_ids: list[int], today=None) -> None:
    """Upsert the searchable ones of these offers, delete the rest from the index."""
    today = today or timezone.localdate()
    for start in range(0, len(offer_ids), BATCH):
        chunk = offer_ids[start : start + BATCH]
        searchable = list(for_index(Offer.objects.searchable(today).filter(pk__in=chunk)))
        found = {offer.pk for offer in searchable}
        index.delete([pk for pk in chunk if pk not in found])
        index.upsert(offer_documents(searchable, today), today=today)


def for_index(queryset):
    """The queryset with what ``offer_document`` reads, fetched in a few queries."""
    return queryset.select_related("provider").prefetch_related(
        "topics", Prefetch("runs", queryset=Run.objects.select_related("region"))
    )


def offer_document(offer: Offer, today: datetime.date, broader=None) -> dict:
    """The plain dict the engine indexes (shape: ``verbund.courses.search`` docstring)."""
    return _document(offer, list(offer.topics.all()), list(offer.runs.all()), today, broader)


def _document(offer, topics, runs_of_offer, today: datetime.date, broader=None) -> dict:
    """``broader``: topic code -> the code and its broader topics' codes (one topic truth:
    filtering by "Digitalisierung" finds the offers on "Künstliche Intelligenz"); read from
    the database when not given."""
    broader = taxonomy.broader_codes() if broader is None else broader
    price = float(offer.price) if offer.price is not None else None
    runs = []
    for run in runs_of_offer:
        start = run.start_date
        if run.flexible_start and (run.end_date is None or run.end_date >= today):
            start = None  # one can still join: counts as upcoming
        elif start is None:
            continue
        runs.append(
            {
                "start_date": start,
                "format": run.format or offer.format,
                "instruction_code": offer.instruction_code,
                "time_of_day": run.time_of_day or offer.time_of_day or None,
                "region_id": str(run.region_id) if run.region_id else None,
                "lat": run.lat,
                "lon": run.lon,
                "price_eur": price,
            }
        )
    return {
        "id": offer.pk,
        "version": offer.version,
        "title": offer.title,
        "description": offer.description,
        "keywords": list(offer.keywords or []),
        "topics": [topic.label_de for topic in topics],
        "topic_ids": list(
            dict.fromkeys(code for t in topics for code in broader.get(t.code, (t.code,)))
        ),
        "provider_id": str(offer.provider_id),
        "target_groups": list(offer.target_groups or []),
        "language": offer.language,
        "certificate": offer.certificate or None,
        "funding": list(offer.funding or []),
        "price_eur": price,
        "format": offer.format,
        "runs": runs,
    }


# -- rebuild and check ------------------------------------------------------------------


def rebuild(path: Path | None = None, progress=None, today=None) -> int:
    """Write a fresh generation of every searchable offer beside the one in use, then swap.

    ``progress(count)`` is called with the number of offers written since the last call.
    """
    path = Path(path or conf.index_path())
    today = today or timezone.localdate()
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f"{path.name}{GENERATION}{_generation_name()}")
    # Changes logged from here on are applied before the swap (they may repeat work).
    position = changefeed.current()
    index = CourseIndex(fresh, facet_cache=False)
    index.writer()
    ids = list(Offer.objects.searchable(today).order_by("pk").values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        count += index.add_new(fast_documents(chunk, today), today=today)
        if progress:
            progress(len(chunk))
    index.commit()
    index.close()
    changefeed.write_position(fresh, position)
    with _writer_lock(path):
        _catch_up(index, fresh, today, register=True)
        del index
        previous = _swap(path, fresh)
    _drop_generations(path, keep={fresh, previous})
    return count


def _generation_name() -> str:
    """When and by which process a generation was written: "20261202-002432-4711-1"."""
    _generation_counter[0] += 1
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{_generation_counter[0]}"


_generation_counter = [0]


def _swap(path: Path, fresh: Path) -> Path | None:
    """Point the link ``path`` at ``fresh`` in one rename; returns the previous directory."""
    previous = current_dir(path) if path.exists() else None
    if path.exists() and not path.is_symlink():
        # The older layout (a plain directory): becomes a generation once.
        legacy = path.with_name(f"{path.name}{GENERATION}0")
        shutil.rmtree(legacy, ignore_errors=True)
        path.rename(legacy)
        previous = legacy
    link = path.with_name(path.name + ".link")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(fresh.name)
    os.replace(link, path)
    return previous


def _drop_generations(path: Path, keep: set) -> None:
    """Delete older generations; the previous one stays for searches still reading it."""
    for directory in path.parent.glob(f"{path.name}{GENERATION}*"):
        if directory not in keep and directory.is_dir():
            shutil.rmtree(directory, ignore_errors=True)


def index_status(path: Path | None = None) -> dict:
    """What the staff page shows: generation, documents, change-log position and backlog."""
    path = Path(path or conf.index_path())
    directory = current_dir(path)
    position = changefeed.read_position(directory)
    pending, lag = changefeed.pending(position)
    try:
        documents = get_index(path).num_docs if directory.exists() else 0
    except IndexUnavailable:
        documents = None
    built = None
    if (directory / "meta.json").exists():
        built = datetime.datetime.fromtimestamp(
            (directory / "meta.json").stat().st_mtime, tz=datetime.UTC
        )
    return {
        "generation": directory.name,
        "documents": documents,
        "position": position.id if position else 0,
        "pending": pending,  # -1: the replica must be rebuilt (restored database)
        "lag_seconds": lag,
        "updated_at": built,
    }


OFFER_COLUMNS = (
    "pk", "version", "title", "description", "keywords", "provider_id", "target_groups",
    "language", "certificate", "funding", "price", "format", "instruction_code", "time_of_day",
)  # fmt: skip
RUN_COLUMNS = (
    "offer_id", "start_date", "end_date", "flexible_start", "format", "time_of_day",
    "region_id", "lat", "lon",
)  # fmt: skip


def fast_documents(offer_ids: list[int], today: datetime.date) -> Iterator[dict]:
    """``offer_document`` for many offers from three plain queries (no model instances).

    ``offer_ids`` must be ascending; the runs and topics are read by id range.
    """
    low, high = offer_ids[0], offer_ids[-1]
    runs: dict[int, list] = {}
    for row in Run.objects.filter(offer_id__gte=low, offer_id__lte=high).values_list(*RUN_COLUMNS):
        runs.setdefault(row[0], []).append(
            SimpleNamespace(**dict(zip(RUN_COLUMNS, row, strict=True)))
        )
    topics: dict[int, list] = {}
    through = Offer.topics.through.objects.filter(offer_id__gte=low, offer_id__lte=high)
    for offer_id, code, label in through.values_list("offer_id", "topic__code", "topic__label_de"):
        topics.setdefault(offer_id, []).append(SimpleNamespace(code=code, label_de=label))
    rows = Offer.objects.filter(pk__in=offer_ids).order_by("pk").values_list(*OFFER_COLUMNS)
    broader = taxonomy.broader_codes()
    for row in rows:
        offer = SimpleNamespace(**dict(zip(OFFER_COLUMNS, row, strict=True)))
        yield _document(offer, topics.get(offer.pk, []), runs.get(offer.pk, []), today, broader)


def expected_versions(today=None) -> Iterator[tuple[int, int]]:
    return Offer.objects.searchable(today).values_list("pk", "version").order_by().iterator(10_000)


def check(path: Path | None = None, today=None) -> ConsistencyReport:
    """Every difference between the index and what the database says should be indexed."""
    index = get_index(path)
    return index.consistency(expected_versions(today))


def refresh(path: Path | None = None, today=None) -> int:
    """Daily: reindex offers whose runs started since indexing and drop newly hidden ones."""
    path = Path(path or conf.index_path())
    today = today or timezone.localdate()
    with _writer_lock(path):
        index = get_index(path)
        report = index.consistency(expected_versions(today))
        ids = sorted(set(index.stale_ids(today)) | set(report.extra) | set(report.missing))
        ids += report.outdated
        if not ids:
            return 0
        index.writer(heap_size=SMALL_HEAP, threads=1)
        write_offers(index, sorted(set(ids)), today)
        index.commit()
        index.close()
        return len(set(ids))
