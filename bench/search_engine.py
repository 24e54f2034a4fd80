"""In-process latency of the course search engine on synthetic offers.

    python -m bench.search_engine --offers 100000 [--keep DIR]

Builds an index of N synthetic offers in a temporary directory, then prints indexing time,
index size and p50/p95/max latency per query kind. ``QUERY_MIX`` and ``time_queries`` are
importable so that the HTTP and database baselines time the same queries.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from verbund.courses.search import CourseIndex, Place, SearchRequest, SynonymTable
from verbund.courses.search.synthetic import generate_offers

TODAY = date(2026, 1, 1)  # the synthetic offers' start day, so that runs are upcoming
HOLZMINDEN = Place(51.8282, 9.4484, 50)
HANNOVER = Place(52.3744, 9.7386, 25)
MUNICH = Place(48.1374, 11.5755, 100)
SYNONYMS = SynonymTable([["Excel", "Tabellenkalkulation"], ["EDV", "IT"]])

# (kind, request): the same requests serve the engine, HTTP and database benchmarks.
QUERY_MIX: list[tuple[str, SearchRequest]] = [
    ("selective word", SearchRequest(text="Schweißtechnik", facets=False)),
    ("selective word", SearchRequest(text="Gabelstaplerschein", facets=False)),
    ("selective word", SearchRequest(text="Pivot-Tabellen", facets=False)),
    ("common word", SearchRequest(text="Grundlagen", facets=False)),
    ("common word", SearchRequest(text="Kurs Praxis", facets=False)),
    ("common word", SearchRequest(text="Betrieb", facets=False)),
    ("typo + synonym", SearchRequest(text="Tabelenkalkulation", facets=False)),
    ("typo + synonym", SearchRequest(text="EDV Sicherheit", facets=False)),
    ("with filters", SearchRequest(text="Excel", filters={"format": ["online"]}, facets=False)),
    (
        "with filters",
        SearchRequest(
            text="Führung",
            filters={"funding": ["bildungsgutschein"], "time_of_day": ["abends"]},
            max_price=2000,
            facets=False,
        ),
    ),
    ("with facets", SearchRequest(text="Schweißen")),
    ("with facets", SearchRequest(text="Grundlagen")),
    ("with facets", SearchRequest()),
    ("with facets", SearchRequest(text="Englisch", filters={"format": ["praesenz"]})),
    ("place+radius", SearchRequest(text="Elektrotechnik", place=HOLZMINDEN)),
    ("place+radius", SearchRequest(place=HANNOVER, filters={"topic": ["excel"]})),
    ("place+radius", SearchRequest(text="Pflege", place=MUNICH, sort="distance")),
    ("place+radius", SearchRequest(place=HOLZMINDEN, sort="distance")),
    ("sorted", SearchRequest(text="Buchhaltung", sort="price", page=3)),
    ("sorted", SearchRequest(text="Projektmanagement", sort="start")),
]


def time_queries(
    run: Callable[[SearchRequest], object],
    queries: Iterable[tuple[str, SearchRequest]] = QUERY_MIX,
    repeats: int = 5,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, list[float]]:
    """Milliseconds per call, grouped by kind; the first (cold) round is not counted.

    ``clock=time.process_time`` measures CPU time instead of wall time: on a machine shared
    with other jobs that is closer to what the query costs on an idle one.
    """
    queries = list(queries)
    for _kind, request in queries:
        run(request)
    timings: dict[str, list[float]] = {}
    for _ in range(repeats):
        for kind, request in queries:
            started = clock()
            run(request)
            timings.setdefault(kind, []).append((clock() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def print_table(timings: dict[str, list[float]]) -> None:
    print(f"{'query kind':<16} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    everything = [t for values in timings.values() for t in values]
    for kind, values in [*timings.items(), ("all", everything)]:
        print(
            f"{kind:<16} {len(values):>4} {statistics.median(values):>8.2f} "
            f"{percentile(values, 0.95):>8.2f} {max(values):>8.2f}"
        )


def build(path: Path, offers: int, seed: int) -> float:
    index = CourseIndex(path, synonyms=SYNONYMS)
    started = time.perf_counter()
    index.add_new(generate_offers(offers, seed=seed, start_day=TODAY), today=TODAY)
    index.commit()
    index.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build into (or reuse) this directory")
    args = parser.parse_args()

    path = args.keep or Path(tempfile.mkdtemp(prefix="verbund-search-bench-"))
    try:
        if args.keep and (path / "meta.json").exists():
            print(f"reusing index in {path}")
        else:
            seconds = build(path, args.offers, args.seed)
            print(f"indexed {args.offers:,} offers in {seconds:.1f} s")
        size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
        # Without the facet cache: repeated rounds would otherwise time cache hits.
        index = CourseIndex(path, synonyms=SYNONYMS, facet_cache=False)
        print(f"index size {size / 1e6:.0f} MB, {index.num_docs:,} documents")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; wall time:")
        print_table(time_queries(index.search, repeats=args.repeats))
        print("CPU time of this process (what an idle machine would see):")
        print_table(time_queries(index.search, repeats=args.repeats, clock=time.process_time))
    finally:
        if not args.keep:
            shutil.rmtree(path, ignore_errors=True)


if __name__ == "__main__":
    main()
