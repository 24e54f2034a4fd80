"""Prometheus metrics: requests and latency (per process, or across gunicorn's workers when
``PROMETHEUS_MULTIPROC_DIR`` is set), and gauges read from the database at scrape time
(job queue length and age; apps add theirs, e.g. the course replica's lag)::

    metrics.register_gauge("verbund_search_replica_lag_seconds", "…", lambda: 0.4)

``/metrics`` answers only with ``Authorization: Bearer <METRICS_TOKEN>`` (404 while the
setting is empty, so nothing about the servers leaks by default).
"""

import hmac
import os
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "verbund_http_requests_total", "HTTP requests answered", ["method", "status", "view"]
)
LATENCY = Histogram(
    "verbund_http_request_duration_seconds",
    "Time to answer a request",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
_GAUGES: dict[str, tuple[str, Callable[[], float | None]]] = {}


def register_gauge(name: str, documentation: str, read: Callable[[], float | None]) -> None:
    _GAUGES[name] = (documentation, read)


def observe_request(request, status: int, seconds: float) -> None:
    match = getattr(request, "resolver_match", None)
    view = match.view_name if match else "unmatched"  # bounded: our URL names only
    REQUESTS.labels(request.method, str(status), view).inc()
    LATENCY.labels(view).observe(seconds)


def job_queue() -> tuple[int, float]:
    """(tasks waiting in the database queue, age in seconds of the oldest waiting)."""
    from django.db.models import Count, Min
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status="READY").aggregate(
        count=Count("pk"), oldest=Min("enqueued_at")
    )
    age = (timezone.now() - waiting["oldest"]).total_seconds() if waiting["oldest"] else 0.0
    return waiting["count"], age


class DatabaseGauges:
    """Read at scrape time; a failing read leaves its gauge out instead of failing all."""

    def collect(self):
        try:
            count, age = job_queue()
            yield GaugeMetricFamily("verbund_job_queue_length", "Tasks waiting", value=count)
            yield GaugeMetricFamily(
                "verbund_job_queue_oldest_seconds", "Age of the oldest waiting task", value=age
            )
        except Exception:  # noqa: BLE001, S110 - a scrape during an outage still answers
            pass
        for name, (documentation, read) in _GAUGES.items():
            try:
                value = read()
            except Exception:  # noqa: BLE001 - see above
                continue
            if value is not None:
                yield GaugeMetricFamily(name, documentation, value=value)


def exposition() -> bytes:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(REQUESTS)
        registry.register(LATENCY)
    registry.register(DatabaseGauges())
    return generate_latest(registry)


@never_cache
def metrics_view(request):
    token = getattr(settings, "METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
