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
