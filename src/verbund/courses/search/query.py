"""Turning a search request into tantivy queries.

Free text: every query word must match (AND), each in any of its forms (OR), weighted so
that the kinds of match rank in this order:

    exact word in the title > in keywords/topics > in the description
    > the word as a compound part (`Technik` in `Schweißtechnik`)
    > a synonym from the table > a one-letter typo

Filters are kept per dimension so that facet counts can leave one dimension's own filter
out ("disjunctive" facets: the counts of `format` show what choosing another format gives).
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import tantivy
from tantivy import FieldType, Occur, Query

from .analyzer import SynonymTable, WordTerms, query_words_with_subjects
from .schema import (
    ANYWHERE,
    FACET_FIELDS,
    cell_nearest_km,
    cover_circle,
    facet_term,
    fine_cells,
    haversine_km,
    parse_point_term,
)

# Weights of the ways a query word can match a document (BM25 score x weight).
EXACT_WEIGHTS = {"title": 3.0, "keywords": 2.0, "body": 1.0, "title_sub": 0.6, "body_sub": 0.25}
# A derived root (`Schweißer` -> schweiß) is a looser match than the word itself.
ROOT_WEIGHTS = {"title": 0.5, "body": 0.2, "title_sub": 0.4, "body_sub": 0.15}
SYNONYM_WEIGHT = 0.6
# Fuzzy matches score a constant, chosen below typical exact BM25 scores.
FUZZY_WEIGHTS = {"title": 0.2, "body": 0.1}
# Words every course could be described by: ignored when the query says more than that
# (scoring them as optional clauses cost more than the rest of a query, measured at 1M).
GENERIC_WORDS = frozenset(
    ("kurs", "kurse", "lehrgang", "seminar", "schulung", "weiterbildung", "fortbildung")
)


SORTS = ("relevance", "start", "price", "distance")
MAX_PAGE_SIZE = 500


@dataclass(frozen=True, slots=True)
class Place:
    lat: float
    lon: float
    radius_km: float


@dataclass
class SearchRequest:
    text: str = ""
    # dimension (a key of schema.FACET_FIELDS) -> accepted values (any of them)
    filters: Mapping[str, Collection[str]] = field(default_factory=dict)
    place: Place | None = None
    start_from: date | None = None  # some run starts on or after this day
    start_to: date | None = None  # ... and on or before this day
    max_price: float | None = None
    sort: str = "relevance"  # relevance | start | price | distance
    page: int = 1
    page_size: int = 20
    facets: bool = True
    disjunctive_facets: bool = True
    exact_facets: bool = False  # True: never count a huge result on a sample
    today: date | None = None  # "upcoming" runs start on or after it (default: today)

    def __post_init__(self) -> None:
        # tantivy panics (rather than raising) on a page size of 0.
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}")
        if self.page < 1 or not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page must be >= 1 and page_size within 1..{MAX_PAGE_SIZE}")


def _term(schema: tantivy.Schema, field_name: str, term: str, weight: float) -> Query:
    return Query.boost_query(Query.term_query(schema, field_name, term, "freq"), weight)


def _should(queries: Sequence[Query]) -> Query:
    return (
        queries[0]
        if len(queries) == 1
        else Query.boolean_query([(Occur.Should, q) for q in queries])
    )


def _must(queries: Sequence[Query]) -> Query:
    return (
        queries[0] if len(queries) == 1 else Query.boolean_query([(Occur.Must, q) for q in queries])
    )


def word_query(schema: tantivy.Schema, word: WordTerms, fuzzy: bool) -> Query:
    alternatives = [
        _term(schema, name, term, weight)
        for term in sorted(word.full)
        for name, weight in EXACT_WEIGHTS.items()
    ]
    roots = sorted(word.sub - set(word.parts) - word.full)
    alternatives += [
        _term(schema, name, root, weight) for root in roots for name, weight in ROOT_WEIGHTS.items()
    ]
    if fuzzy:
        alternatives += [
            Query.boost_query(Query.fuzzy_term_query(schema, name, word.surface, 1, True), weight)
            for name, weight in FUZZY_WEIGHTS.items()
        ]
    return _should(alternatives)


@dataclass
class TextQuery:
    query: Query | None
    words: list[WordTerms]  # including synonym words, for highlighting
    synonyms: SynonymTable | None = None


def _needs_fuzzy(searcher: tantivy.Searcher, word: WordTerms) -> bool:
    """Typo tolerance for long words that are unknown or absent from the index.

    A known word that the index holds is taken as meant: fuzzing it would let `Kursen`
    find `Kuren`, a different word one letter away.
    """
    if not word.fuzzable:
        return False
    if not word.known:
        return True
    return not any(searcher.doc_freq(f, t) for t in word.full for f in ("title", "body"))


def text_query(
    schema: tantivy.Schema,
    searcher: tantivy.Searcher,
    text: str,
    synonyms: SynonymTable | None,
) -> TextQuery:
    pairs = query_words_with_subjects(text)
    words = [subject for subject, _typed in pairs]
    typed_as = {position: typed for position, (_s, typed) in enumerate(pairs) if typed}

    def word_query_of(word: WordTerms) -> Query:
        return word_query(schema, word, _needs_fuzzy(searcher, word))

    highlight_words = [*words, *typed_as.values()]
    required: list[Query] = []
    generic: list[Query] = []
    position = 0
    while position < len(words):
        length, alternatives = synonyms.match(words, position) if synonyms else (0, [])
        if length:
            original = _must([word_query_of(w) for w in words[position : position + length]])
            replacements = [
                Query.boost_query(_must([word_query_of(w) for w in phrase]), SYNONYM_WEIGHT)
                for phrase in alternatives
            ]
            required.append(_should([original, *replacements]))
            highlight_words += [w for phrase in alternatives for w in phrase]
            position += length
            continue
        word = words[position]
        clause = word_query_of(word)
        if position in typed_as:  # `Sprachkurs`: the subject `Sprach…` or the word itself
            clause = _should([clause, word_query_of(typed_as[position])])
        (generic if word.full & GENERIC_WORDS else required).append(clause)
        position += 1
    required = required or generic
    if not required:
        return TextQuery(None, highlight_words, synonyms)
    return TextQuery(_must(required), highlight_words, synonyms)


# Up to this many place terms are OR-ed as plain term queries: tantivy evaluates those ~30%
# faster than a term-set query (measured at 1M offers); larger circles use term sets.
PLACE_TERM_CLAUSES = 512


def place_query(schema: tantivy.Schema, searcher: tantivy.Searcher, place: Place) -> Query:
    """Offers with a run within the radius, plus every location-independent offer."""
    cells = [*inside_cells(place), ANYWHERE]
    points = [t for t, _ in edge_points(searcher, place)]
    if len(cells) + len(points) <= PLACE_TERM_CLAUSES:
        return _should(
            [Query.term_query(schema, "geo_cell", cell, "basic") for cell in cells]
            + [Query.term_query(schema, "geo_point", point, "basic") for point in points]
        )
    return _should(
        [
            Query.term_set_query(schema, "geo_cell", cells),
            Query.term_set_query(schema, "geo_point", points),
        ]
    )


def inside_cells(place: Place) -> tuple[str, ...]:
    return cover_circle(round(place.lat, 4), round(place.lon, 4), place.radius_km)[0]


def edge_cells(place: Place) -> tuple[str, ...]:
    return cover_circle(round(place.lat, 4), round(place.lon, 4), place.radius_km)[1]


def edge_points(searcher: tantivy.Searcher, place: Place) -> list[tuple[str, float]]:
    """Point terms in the cells on the circle's edge that lie within the radius."""
    found = []
    for cell in edge_cells(place):
        for term, _count in searcher.terms_with_prefix("geo_point", cell + "|"):
            distance = haversine_km(place.lat, place.lon, *parse_point_term(term))
            if distance <= place.radius_km:
                found.append((term, distance))
    return found


def filter_queries(
    schema: tantivy.Schema, searcher: tantivy.Searcher, request: SearchRequest
) -> dict[str, Query]:
    """One query per active filter dimension (facet dimensions plus place/start/price)."""
    filters: dict[str, Query] = {}
    for dimension, values in request.filters.items():
        if dimension not in FACET_FIELDS:
            raise ValueError(f"unknown filter dimension {dimension!r}")
        if values:
            terms = [facet_term(dimension, v) for v in values]
            filters[dimension] = Query.term_set_query(schema, "facet", terms)
    if request.place is not None:
        filters["place"] = place_query(schema, searcher, request.place)
    if request.start_from is not None or request.start_to is not None:
        filters["start"] = Query.range_query(
            schema,
            "run_start",
            FieldType.Unsigned,
            request.start_from.toordinal() if request.start_from else None,
            request.start_to.toordinal() if request.start_to else None,
        )
    if request.max_price is not None:
        filters["price"] = Query.range_query(
            schema, "price", FieldType.Float, None, float(request.max_price)
        )
    return filters


def combine(text: Query | None, filters: Mapping[str, Query], leave_out: str = "") -> Query:
    clauses = [(Occur.Must, text)] if text is not None else []
    # Filters only restrict: a zero constant score keeps them out of the ranking.
    clauses += [
        (Occur.Must, Query.const_score_query(q, 0.0))
        for name, q in filters.items()
        if name != leave_out
    ]
    if not clauses:
        return Query.all_query()
    return clauses[0][1] if len(clauses) == 1 else Query.boolean_query(clauses)


@lru_cache(maxsize=1024)
def _cells_by_distance(place: Place) -> tuple[tuple[float, int, str], ...]:
    """(nearest distance, 0, cell) of the circle's cells, a valid heap (sorted)."""
    cells = [fine for cell in inside_cells(place) for fine in fine_cells(cell)]
    cells += edge_cells(place)
    return tuple(sorted((cell_nearest_km(place.lat, place.lon, c), 0, c) for c in cells))


def nearest_first(
    schema: tantivy.Schema,
    searcher: tantivy.Searcher,
    query: Query,
    place: Place,
    wanted: int,
) -> list[tuple[float, tantivy.DocAddress]]:
    """The first ``wanted`` matches ordered by distance of their nearest run, then relevance.

    Walks the indexed points outward from the place (cells are opened lazily, in the order
    of their nearest edge), asking tantivy for the matches at each point; location-
    independent offers follow the located ones. Work grows with the page, not the result.
    """
    heap = list(_cells_by_distance(place))
    seen: set[tuple[int, int]] = set()
    ranked: list[tuple[float, tantivy.DocAddress]] = []

    def take(extra: Query) -> None:
        both = Query.boolean_query([(Occur.Must, query), (Occur.Must, extra)])
        for score, address in searcher.search(both, wanted, count=False).hits:
            key = (address.segment_ord, address.doc)
            if key not in seen and len(ranked) < wanted:
                seen.add(key)
                ranked.append((float(score), address))

    while heap and len(ranked) < wanted:
        distance, is_point, name = heapq.heappop(heap)
        if is_point:
            take(Query.term_query(schema, "geo_point", name, "basic"))
            continue
        for term, _count in searcher.terms_with_prefix("geo_point", name + "|"):
            point_distance = haversine_km(place.lat, place.lon, *parse_point_term(term))
            if point_distance <= place.radius_km:
                heapq.heappush(heap, (point_distance, 1, term))
    if len(ranked) < wanted:
        take(Query.term_query(schema, "geo_cell", ANYWHERE, "basic"))
    return ranked
