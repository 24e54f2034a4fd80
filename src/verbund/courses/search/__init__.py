"""Full-text search of the course database, independent of Django.

The database stays the source of truth; this index is derived and rebuildable. The Django
side turns each offer into a plain dict and calls ``CourseIndex``:

    {
        "id": 17, "version": 3,                  # version: bumped on every change
        "title": str, "description": str,
        "keywords": [str], "topics": [str],      # searched like the title, a bit lower
        "topic_ids": [str], "provider_id": str, "target_groups": [str],
        "language": "de", "certificate": str | None, "funding": [str],
        "price_eur": float | None,               # used when a run has no price
        "format": str | None,                    # default for runs without one
        "runs": [{
            "start_date": date | "YYYY-MM-DD" | None,   # None: flexible start
            "format": "praesenz" | "online" | "hybrid" | "fernlernen",
            "instruction_code": 101..403 | None, "time_of_day": str | None,
            "region_id": str | None, "lat": float | None, "lon": float | None,
            "price_eur": float | None,
        }],
    }

Only runs starting today or later count (their formats, regions, places, dates, prices);
``CourseIndex.stale_ids()`` lists offers whose earliest start has passed since indexing.

Writing (one writer process per index directory; commit makes changes visible to all):

    index = CourseIndex(path, synonyms=SynonymTable([["Excel", "Tabellenkalkulation"]]))
    index.upsert(offer_dicts); index.delete([offer_id, ...]); index.commit()
    index.add_new(offer_dicts)        # bulk load into an empty index (no deletes)
    index.consistency([(id, version), ...]) -> ConsistencyReport(missing, outdated, extra)

Searching (``index.synonyms`` may be replaced at any time; no reindex needed):

    result = index.search(SearchRequest(
        text="Schweißer", filters={"format": ["praesenz", "hybrid"], "funding": [...]},
        place=Place(lat, lon, radius_km=25), start_from=date, start_to=date,
        max_price=500, sort="relevance" | "start" | "price" | "distance",
        page=1, page_size=20))
    result.total, result.hits[i].id / .title_html / .description_html / .distance_km,
    result.facets["format"] == {"praesenz": 120, "online": 40}, result.facets_exact

Filter and facet dimensions: see ``FACET_FIELDS``; ``month`` ("2026-03") and ``price``
(``schema.PRICE_BANDS``) are facets derived by the index.
"""

from .analyzer import SynonymTable
from .index import ConsistencyReport, CourseIndex, Hit, SearchResult
from .query import Place, SearchRequest
from .schema import FACET_FIELDS

__all__ = [
    "FACET_FIELDS",
    "ConsistencyReport",
    "CourseIndex",
    "Hit",
    "Place",
    "SearchRequest",
    "SearchResult",
    "SynonymTable",
]
