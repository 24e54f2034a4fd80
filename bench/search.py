"""Course search end to end: database, index, in-process and HTTP latency, naive baseline.

    python -m bench.search --offers 1000000 [--var DIR] [--reuse] [--repeats 5]

In a throwaway var/ (SQLite, or VERBUND_DATABASE_URL if set): migrate, generate N offers
(``verbund courses generate``), rebuild the index from the database, then time the fixed
query mix of ``bench.search_engine`` (topic filters mapped to our topic codes):

- engine: ``CourseIndex.search`` alone;
- service: ``services.search.search`` (engine + loading the page's offers from the DB);
- HTTP: ``GET /api/v1/courses/search`` on a gunicorn on 127.0.0.1 (2 sync workers,
  keep-alive client, a bounded number of requests);
- baseline: a naive Django ``icontains`` search with the same filters and facet counts by
  ``GROUP BY``, on one query per kind, each stopped after ``--baseline-cap`` seconds.

Prints tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.search_engine import QUERY_MIX, percentile, print_table, time_queries

PORT = 8765


def setup_django(var: Path) -> None:
    os.environ["VERBUND_VAR_DIR"] = str(var)
    os.environ.setdefault("VERBUND_PLAIN_STATIC", "1")
    os.environ.setdefault("VERBUND_HTTPS", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verbund.settings")
    import django

    django.setup()


def mapped_mix():
    """QUERY_MIX with the generator's topic codes replaced by our Themenkatalog codes."""
    from verbund.courses.services.generate import TOPIC_CODES

    mix = []
    for kind, request in QUERY_MIX:
        filters = dict(request.filters)
        if "topic" in filters:
            filters["topic"] = [TOPIC_CODES.get(code, code) for code in filters["topic"]]
        mix.append((kind, dataclasses.replace(request, filters=filters)))
    return mix


def params_of(request) -> dict:
    params = {"q": request.text, "sort": request.sort, "page": request.page}
    for dimension, values in request.filters.items():
        params[dimension] = list(values)
    if request.place:
        params["place"] = f"{request.place.lat},{request.place.lon}"
        params["radius"] = request.place.radius_km
    if request.max_price is not None:
        params["max_price"] = request.max_price
    return {k: v for k, v in params.items() if v not in ("", None, [])}


def prepare(offers: int, reuse: bool) -> dict:
    from django.core.management import call_command

    from verbund.courses.models import Offer
    from verbund.courses.services import generate, indexing

    call_command("migrate", verbosity=0)
    existing = Offer.objects.count()
    timings = {}
    if not (reuse and existing >= offers):
        started, cpu = time.perf_counter(), time.process_time()
        generate.generate(offers - existing)
        timings["generate"] = time.perf_counter() - started
        timings["generate_cpu"] = time.process_time() - cpu
    path = indexing.conf.index_path()
    if not (reuse and (path / "meta.json").exists()):
        from verbund.courses.search.analyzer import analyze_text

        analyze_text("Kurse Schweißen")  # load the dictionaries before the clock starts
        started, cpu = time.perf_counter(), time.process_time()
        indexing.rebuild()
        timings["index"] = time.perf_counter() - started
        timings["index_cpu"] = time.process_time() - cpu
    timings["size_mb"] = sum(f.stat().st_size for f in path.iterdir() if f.is_file()) / 1e6
    timings["offers"] = Offer.objects.count()
    return timings


def time_http(mix, repeats: int, var: Path) -> dict[str, list[float]]:
    env = dict(os.environ, VERBUND_VAR_DIR=str(var), VERBUND_ALLOWED_HOSTS="127.0.0.1")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "verbund.wsgi:application",
            "--bind", f"127.0.0.1:{PORT}", "--workers", "2", "--log-level", "warning",
        ],
        env=env,
    )  # fmt: skip
    try:
        connection = _wait_for_server()
        paths = {
            id(r): "/api/v1/courses/search?" + urlencode(params_of(r), doseq=True) for _k, r in mix
        }

        def run(request):
            connection.request("GET", paths[id(request)], headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}: {body[:300]!r}")

        for _ in range(3):  # each worker opens its index and loads the dictionaries once
            for _kind, request in mix:
                run(request)
        cpu = _server_cpu(server.pid)
        timings = time_queries(run, mix, repeats=repeats)
        requests = len(mix) * (repeats + 1)  # time_queries runs one untimed round first
        timings_cpu_ms = (_server_cpu(server.pid) - cpu) * 1000 / requests
        print(f"HTTP: gunicorn CPU per request (mean): {timings_cpu_ms:.1f} ms")
        return timings
    finally:
        server.terminate()
        server.wait(timeout=30)


def _server_cpu(master: int) -> float:
    """CPU seconds (user + system) of gunicorn's workers, from /proc (Linux)."""
    total = 0.0
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _wait_for_server() -> http.client.HTTPConnection:
    deadline = time.monotonic() + 60
    while True:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
            connection.request("GET", "/api/v1/courses/search?q=x", headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            return connection
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def baseline_query(request):
    """The naive search: icontains per word on title/description, filters as joins."""
    from django.db.models import Count, Q

    from verbund.courses.models import Offer

    offers = Offer.objects.filter(status="active")
    for word in request.text.split():
        offers = offers.filter(Q(title__icontains=word) | Q(description__icontains=word))
    for dimension, values in request.filters.items():
        field = {
            "format": "runs__format__in",
            "topic": "topics__code__in",
            "funding": "funding__contains",
            "time_of_day": "time_of_day__in",
        }.get(dimension)
        if field == "funding__contains":
            offers = offers.filter(funding__contains=values[0])
        elif field:
            offers = offers.filter(**{field: values})
    if request.max_price is not None:
        offers = offers.filter(price__lte=request.max_price)
    if request.place:
        degree = request.place.radius_km / 111.0
        offers = offers.filter(
            runs__lat__range=(request.place.lat - degree, request.place.lat + degree),
            runs__lon__range=(request.place.lon - 1.5 * degree, request.place.lon + 1.5 * degree),
        )
    offers = offers.distinct()
    total = offers.count()
    order = {"price": "price", "start": "runs__start_date"}.get(request.sort, "title")
    list(offers.order_by(order)[:20].values_list("pk", "title"))
    if request.facets:
        for field in ("format", "language", "certificate", "provider_id", "time_of_day"):
            list(offers.values(field).annotate(n=Count("pk", distinct=True)))
    return total


def time_baseline(mix, cap_seconds: float) -> dict[str, list[float]]:
    """One query per kind; a query running past the cap is interrupted and counted as the cap."""
    from django.db import OperationalError, connection

    sample, seen = [], set()
    for kind, request in mix:
        if kind not in seen:
            seen.add(kind)
            sample.append((kind, request))
    timings: dict[str, list[float]] = {}
    for kind, request in sample:
        started = time.perf_counter()
        deadline = started + cap_seconds
        _set_cap(connection, cap_seconds, deadline)
        try:
            baseline_query(request)
            elapsed = (time.perf_counter() - started) * 1000
        except OperationalError:
            elapsed = cap_seconds * 1000
        finally:
            _set_cap(connection, None, None)
        timings.setdefault(kind, []).append(elapsed)
    return timings


def _set_cap(connection, cap_seconds, deadline) -> None:
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        handler = None if deadline is None else (lambda: int(time.perf_counter() > deadline))
        connection.connection.set_progress_handler(handler, 100_000)
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int((cap_seconds or 0) * 1000)}")


def cpu_clock() -> float:
    """CPU time of the whole process: the engine counts facets on helper threads."""
    return time.process_time()


def _load() -> str:
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def summary(name: str, timings: dict[str, list[float]]) -> tuple[float, float, float]:
    values = [t for v in timings.values() for t in v]
    return (
        (
            percentile(values, 0.5),
            percentile(values, 0.95),
            max(values),
        )
        if values
        else (0, 0, 0)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--var", type=Path, help="var directory (default: a new temporary one)")
    parser.add_argument("--reuse", action="store_true", help="keep offers/index already in --var")
    parser.add_argument("--baseline-cap", type=float, default=30.0, help="seconds per query")
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args()
    var = args.var or Path(tempfile.mkdtemp(prefix="verbund-bench-search-"))
    var.mkdir(parents=True, exist_ok=True)
    setup_django(var)
    from verbund.courses.services import indexing, search, synonyms

    prepared = prepare(args.offers, args.reuse)
    print(f"var: {var}")
    print(f"offers in database: {prepared['offers']:,}")
    if "generate" in prepared:
        print(
            f"generating offers (database): {prepared['generate']:.1f} s "
            f"(CPU {prepared['generate_cpu']:.1f} s)"
        )
    if "index" in prepared:
        print(
            f"indexing from the database:   {prepared['index']:.1f} s "
            f"(CPU {prepared['index_cpu']:.1f} s, all threads)"
        )
    print(f"index size: {prepared['size_mb']:.0f} MB\n")

    mix = mapped_mix()
    index = indexing.get_index()
    table = synonyms.current_table()
    print(f"load average before the queries: {_load()}")
    results = {"engine": time_queries(lambda r: index.search(r, table), mix, args.repeats)}
    results["service"] = time_queries(lambda r: search.search(r), mix, args.repeats)
    cpu = {
        "engine": time_queries(lambda r: index.search(r, table), mix, args.repeats, cpu_clock),
        "service": time_queries(lambda r: search.search(r), mix, args.repeats, cpu_clock),
    }
    if not args.skip_http:
        results["HTTP"] = time_http(mix, args.repeats, var)
    results["baseline"] = time_baseline(mix, args.baseline_cap)
    for name, timings in cpu.items():
        print(f"== {name}, CPU time of this process (incl. its facet threads) ==")
        print_table(timings)
        print()
    for name, timings in results.items():
        print(f"== {name} ==")
        print_table(timings)
        print()
    base_p95 = summary("baseline", results["baseline"])[1]
    print(f"{'path':<10} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'x baseline p95':>15}")
    for name, timings in results.items():
        p50, p95, top = summary(name, timings)
        print(f"{name:<10} {p50:>9.2f} {p95:>9.2f} {top:>9.2f} {base_p95 / p95:>15.0f}")
    for name, timings in cpu.items():
        p50, p95, top = summary(name, timings)
        print(f"{name + ' CPU':<10} {p50:>9.2f} {p95:>9.2f} {top:>9.2f}")
    print(f"load average after the queries: {_load()}")
    facets = {k: v for k, v in results["engine"].items() if k == "with facets"}
    if facets:
        print(f"\nengine p95 with facets: {summary('f', facets)[1]:.2f} ms")
    print(
        f"baseline: one query per kind ({len(results['baseline'])} queries), "
        f"each capped at {args.baseline_cap:.0f} s (a capped query counts as the cap)"
    )


if __name__ == "__main__":
    main()
