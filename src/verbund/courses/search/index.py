"""The course index: writing offers, searching them, checking it against the database.

Concurrency: tantivy allows one writer per index directory (it holds a lock file), so one
process (the worker that applies the change log) writes; any number of processes search.
Readers reload automatically after each commit (tantivy watches meta.json) and a search
always runs on one consistent snapshot; our own commits reload at once. Within the writing
process, write from one thread at a time (the tantivy-py writer is not shareable).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tantivy
from tantivy import Occur, Order, Query

from .analyzer import Highlighter, SynonymTable
from .query import (
    Place,
    SearchRequest,
    TextQuery,
    combine,
    filter_queries,
    nearest_first,
    text_query,
)
from .schema import (
    FACET_FIELDS,
    NO_DATE,
    SAMPLE_BUCKETS,
    build_schema,
    facet_term,
    haversine_km,
    offer_to_document,
)

# A result above this share of the index is "broad": its facet counts are cached, and exact
# counts (exact_facets=True) walk the facet terms' posting lists against it (cost ~ index
# size) rather than aggregate its columns (cost ~ result size); crossover measured at 100k.
TERM_WALK_SHARE = 0.08
# Aggregating facets costs ~0.3 us CPU per matching offer (measured at 1M offers), so
# larger results are counted on a fixed sample of about FACET_SAMPLE_SIZE offers.
EXACT_FACETS_UP_TO = 10_000
FACET_SAMPLE_SIZE = 5_000
FACET_CACHE_SIZE = 256
# A filter that is not a facet dimension but restricts one (for disjunctive counts).
FILTER_DIMENSION = {"start": "month"}
DESCRIPTION_SNIPPET_CHARS = 240
# Threads for facet counting beside the ranking (started on first use, so after a fork).
_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="course-facets")


@dataclass
class Hit:
    id: int
    score: float
    title_html: str
    description_html: str
    next_start: date | None
    price: float | None
    distance_km: float | None


@dataclass
class SearchResult:
    total: int
    page: int
    page_size: int
    hits: list[Hit]
    # dimension (FACET_FIELDS) -> value -> number of offers in the result
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    facets_exact: bool = True  # False: a huge result counted on a sample (show "ca.")


@dataclass
class ConsistencyReport:
    missing: list[int]  # in the database, not in the index
    outdated: list[int]  # in both, with another version in the index
    extra: list[int]  # in the index, no longer in the database

    @property
    def ok(self) -> bool:
        return not (self.missing or self.outdated or self.extra)


class CourseIndex:
    """An index directory (created if absent) with its writer and searcher."""

    def __init__(
        self, path: str | Path, synonyms: SynonymTable | None = None, facet_cache: bool = True
    ):
        Path(path).mkdir(parents=True, exist_ok=True)
        self._meta = Path(path) / "meta.json"
        # Facet counts of broad queries (the landing page, common words) cost a walk over
        # the whole facet column; they are kept until the next commit (any process).
        self._facet_cache: dict[tuple, tuple[dict[str, dict[str, int]], bool]] | None = (
            {} if facet_cache else None
        )
        self._facet_cache_stamp: tuple[int, int] | None = None
        self.schema = build_schema()
        self._index = tantivy.Index(self.schema, path=str(path), reuse=True)
        self._index.config_reader(reload_policy="commit")
        self._writer: tantivy.IndexWriter | None = None
        # Applied at query time, so editing the table needs no reindex.
        self.synonyms = synonyms or SynonymTable()

    # -- writing --------------------------------------------------------------------------

    def writer(self, heap_size: int = 256_000_000, threads: int = 0) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self._index.writer(heap_size=heap_size, num_threads=threads)
        return self._writer

    def upsert(self, offers: Iterable[Mapping[str, Any]], today: date | None = None) -> int:
        """Replace (or add) the documents of these offers; visible after ``commit()``."""
        today = today or date.today()
        writer = self.writer()
        count = 0
        for offer in offers:
            writer.delete_documents_by_query(self._id_query(offer["id"]))
            writer.add_document(offer_to_document(offer, today))
            count += 1
        return count

    def add_new(self, offers: Iterable[Mapping[str, Any]], today: date | None = None) -> int:
        """Bulk load into an empty index: like ``upsert`` without the deletes."""
        today = today or date.today()
        writer = self.writer()
        count = 0
        for offer in offers:
            writer.add_document(offer_to_document(offer, today))
            count += 1
        return count

    def delete(self, offer_ids: Iterable[int]) -> None:
        writer = self.writer()
        for offer_id in offer_ids:
            writer.delete_documents_by_query(self._id_query(offer_id))

    def _id_query(self, offer_id: int) -> Query:
        # Not delete_documents_by_term: in tantivy-py 0.27 it misses u64 terms (measured).
        return Query.term_query(self.schema, "id", int(offer_id), "basic")

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()
        self._index.reload()
        if self._facet_cache is not None:
            self._facet_cache.clear()

    def close(self) -> None:
        """Finish merges and release the writer lock."""
        if self._writer is not None:
            self._writer.wait_merging_threads()
            self._writer = None

    # -- searching ------------------------------------------------------------------------

    def searcher(self) -> tantivy.Searcher:
        return self._index.searcher()

    @property
    def num_docs(self) -> int:
        return self.searcher().num_docs

    def search(
        self,
        request: SearchRequest,
        synonyms: SynonymTable | None = None,
    ) -> SearchResult:
        searcher = self.searcher()
        text = text_query(self.schema, searcher, request.text, synonyms or self.synonyms)
        filters = filter_queries(self.schema, searcher, request)
        query = combine(text.query, filters)
        offset = (max(1, request.page) - 1) * request.page_size
        sort = request.sort
        if sort == "relevance" and text.query is None:
            sort = "start"
        if sort == "distance" and request.place is None:
            raise ValueError("sorting by distance needs a place")

        # Facet counting runs beside the ranking on the pool (tantivy releases the GIL while
        # it searches): the recounts of filtered dimensions need no result, so they start
        # now; the counts of the result start once its size is known.
        facet_key, facets_done = self._facet_cache_lookup(text, request)
        recounts = None
        if request.facets and facets_done is None and request.disjunctive_facets and filters:
            recounts = _POOL.submit(self._recounts, searcher, text, filters)
        counting = None
        if sort == "distance":
            total = searcher.search(query, 1, count=True).count
            if request.facets and facets_done is None:
                counting = _POOL.submit(self._facets, searcher, text, filters, request, total)
            without_place = combine(text.query, filters, leave_out="place")
            ranked = nearest_first(
                self.schema, searcher, without_place, request.place, offset + request.page_size
            )[offset:]
        else:
            order = {"start": "next_start", "price": "price"}.get(sort)
            ranking = upcoming_first(self.schema, query, request.today) if order is None else query
            result = searcher.search(
                ranking,
                request.page_size,
                count=True,
                order_by_field=order,
                offset=offset,
                order=Order.Asc,
            )
            total = result.count
            ranked = [(float(score or 0.0), address) for score, address in result.hits]
            if request.facets and facets_done is None:
                counting = _POOL.submit(self._facets, searcher, text, filters, request, total)

        hits = self._hits(searcher, ranked, text, request.place)
        facets, exact = {}, True
        if counting is not None:
            facets, exact = counting.result()
            if recounts is not None and total:
                facets.update(recounts.result())
            if facet_key is not None and total > TERM_WALK_SHARE * searcher.num_docs:
                # Broad results' counts cost a walk over the whole facet column: keep them.
                if len(self._facet_cache) >= FACET_CACHE_SIZE:
                    self._facet_cache.pop(next(iter(self._facet_cache)))
                self._facet_cache[facet_key] = facets, exact
                facets_done = facets, exact
        if facets_done is not None:  # callers may edit the counts: never hand out the cache's
            facets, exact = {name: dict(c) for name, c in facets_done[0].items()}, facets_done[1]
        return SearchResult(total, request.page, request.page_size, hits, facets, exact)

    def _hits(
        self,
        searcher: tantivy.Searcher,
        ranked: list[tuple[float, tantivy.DocAddress]],
        text: TextQuery,
        place: Place | None,
    ) -> list[Hit]:
        exact_terms = {t for w in text.words for t in (*w.full, *w.parts, *w.sub)}
        fuzzy_surfaces = {w.surface for w in text.words if w.fuzzable}
        highlighter = Highlighter(exact_terms, fuzzy_surfaces)
        hits = []
        for score, address in ranked:
            doc = searcher.doc(address)
            payload = json.loads(doc.get_first("payload"))
            distance = None
            if place is not None and payload["g"]:
                distance = min(haversine_km(place.lat, place.lon, a, b) for a, b in payload["g"])
            hits.append(
                Hit(
                    id=doc.get_first("id"),
                    score=score,
                    title_html=highlighter.highlight(payload["t"]),
                    description_html=highlighter.highlight(payload["d"], DESCRIPTION_SNIPPET_CHARS),
                    next_start=date.fromordinal(payload["s"]) if payload["s"] else None,
                    price=payload["p"],
                    distance_km=None if distance is None else round(distance, 1),
                )
            )
        return hits

    def _facet_cache_lookup(self, text: TextQuery, request: SearchRequest):
        """(cache key or None without a cache, cached (facets, exact) or None)."""
        if self._facet_cache is None or not request.facets:
            return None, None
        stat = self._meta.stat()
        if self._facet_cache_stamp != (stat.st_mtime_ns, stat.st_size):
            self._facet_cache.clear()
            self._facet_cache_stamp = (stat.st_mtime_ns, stat.st_size)
        # Synonyms change the result, so an edited table must not hit old entries.
        synonyms = text.synonyms.fingerprint if text.synonyms else None
        key = (_facet_key(request), synonyms)
        return key, self._facet_cache.get(key)

    def _facets(
        self,
        searcher: tantivy.Searcher,
        text: TextQuery,
        filters: dict[str, Query],
        request: SearchRequest,
        total: int,
    ) -> tuple[dict[str, dict[str, int]], bool]:
        """Offers per value of every dimension, counted inside tantivy, and whether exact.

        A result above ``EXACT_FACETS_UP_TO`` offers is counted on a fixed sample of about
        ``FACET_SAMPLE_SIZE`` of them and scaled up, unless ``request.exact_facets``.
        The disjunctive recounts of filtered dimensions are ``_recounts``.
        """
        if total == 0:
            return {}, True
        query = combine(text.query, filters)
        scale, exact = 1.0, True
        if request.exact_facets and total > TERM_WALK_SHARE * searcher.num_docs:
            pairs = searcher.terms_with_prefix("facet", "", filter_query=query)
        else:
            buckets_used = SAMPLE_BUCKETS
            if total > EXACT_FACETS_UP_TO and not request.exact_facets:
                buckets_used = math.ceil(SAMPLE_BUCKETS * FACET_SAMPLE_SIZE / total)
            if buckets_used < SAMPLE_BUCKETS:
                sampled = Query.range_query(
                    self.schema, "sample", tantivy.FieldType.Unsigned, 0, buckets_used - 1
                )
                query = Query.boolean_query([(Occur.Must, query), (Occur.Must, sampled)])
                scale, exact = SAMPLE_BUCKETS / buckets_used, False
            aggregation = {"facet": {"terms": {"field": "facet", "size": 1_000_000}}}
            buckets = searcher.aggregate(query, aggregation)["facet"]["buckets"]
            pairs = [(b["key"], min(total, round(b["doc_count"] * scale))) for b in buckets]
        facets: dict[str, dict[str, int]] = {name: {} for name in FACET_FIELDS}
        _add_counts(facets, pairs)
        return facets, exact

    def _recounts(
        self, searcher: tantivy.Searcher, text: TextQuery, filters: dict[str, Query]
    ) -> dict[str, dict[str, int]]:
        """Disjunctive facets: each filtered dimension recounted (exactly) without its own
        filter, so its other values show what choosing them would give; that walks only
        the dimension's own terms."""
        recounted: dict[str, dict[str, int]] = {}
        for name in filters:
            dimension = FILTER_DIMENSION.get(name, name)
            if dimension in FACET_FIELDS:
                others = combine(text.query, filters, leave_out=name)
                counts: dict[str, dict[str, int]] = {dimension: {}}
                prefix = facet_term(dimension, "")
                _add_counts(counts, searcher.terms_with_prefix("facet", prefix, others))
                recounted[dimension] = counts[dimension]
        return recounted

    # -- maintenance ----------------------------------------------------------------------

    def indexed_versions(self) -> dict[int, int]:
        """offer id -> indexed version, read from the fast columns."""
        searcher = self.searcher()
        result = searcher.search(Query.all_query(), max(1, searcher.num_docs), count=False)
        addresses = [address for _score, address in result.hits]
        ids = searcher.fast_field_values("id", addresses)
        versions = searcher.fast_field_values("version", addresses)
        return dict(zip(ids, versions, strict=True))

    def consistency(self, expected: Iterable[tuple[int, int]]) -> ConsistencyReport:
        """Compare the index with the database's (offer id, version) pairs."""
        indexed = self.indexed_versions()
        wanted = {int(offer_id): int(version) for offer_id, version in expected}
        return ConsistencyReport(
            missing=sorted(wanted.keys() - indexed.keys()),
            outdated=sorted(i for i in wanted.keys() & indexed.keys() if wanted[i] != indexed[i]),
            extra=sorted(indexed.keys() - wanted.keys()),
        )

    def stale_ids(self, today: date | None = None) -> list[int]:
        """Offers whose earliest indexed start has passed: reindex them (e.g. nightly)."""
        today = today or date.today()
        searcher = self.searcher()
        query = Query.range_query(
            self.schema, "next_start", tantivy.FieldType.Unsigned, None, today.toordinal() - 1
        )
        count = searcher.search(query, 1, count=True).count
        result = searcher.search(query, max(1, count), count=False)
        return sorted(searcher.fast_field_values("id", [a for _s, a in result.hits]))


# Added to the score of an offer with an upcoming run: more than any text relevance reaches
# (BM25 x our weights stays far below), so offers with dates rank above those without and
# keep their text order among themselves.
UPCOMING_BOOST = 1000.0


def upcoming_first(schema: tantivy.Schema, query: Query, today: date | None = None) -> Query:
    """``query``, ranked so that offers with a run from ``today`` on come first."""
    today = (today or date.today()).toordinal()
    upcoming = Query.range_query(
        schema, "next_start", tantivy.FieldType.Unsigned, today, NO_DATE - 1
    )
    return Query.boolean_query(
        [
            (Occur.Must, query),
            (
                Occur.Should,
                Query.boost_query(Query.const_score_query(upcoming, 1.0), UPCOMING_BOOST),
            ),
        ]
    )


def _facet_key(request: SearchRequest) -> tuple:
    filters = tuple(sorted((k, tuple(sorted(map(str, v)))) for k, v in request.filters.items()))
    return (
        request.text.strip().lower(),
        filters,
        request.place,
        request.start_from,
        request.start_to,
        request.max_price,
        request.disjunctive_facets,
        request.exact_facets,
    )


def _add_counts(facets: dict[str, dict[str, int]], pairs: list[tuple[str, int]]) -> None:
    for term, count in pairs:
        if count:
            dimension, value = term.split("=", 1)
            facets[dimension][value] = count
