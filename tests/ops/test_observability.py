"""JSON logs with request and user ids, /metrics behind a token (issue 21)."""

import json
import logging

import pytest

from tests import factories
from tests.courses.conftest import offers, provider_a, provider_b, topic  # noqa: F401
from verbund.core.observability import logs
from verbund.courses.services import indexing


@pytest.fixture(autouse=True)
def index_dir(settings, tmp_path):
    settings.INDEX_DIR = tmp_path / "index"
    yield settings.INDEX_DIR / "courses"
    indexing.forget_index(settings.INDEX_DIR / "courses")


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.setFormatter(logs.JsonFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))


def test_json_lines_carry_time_level_and_bound_ids():
    handler = Collect()
    logger = logging.getLogger("verbund.test.ops")
    logger.addHandler(handler)
    try:
        with logs.bind(request_id="abc12345", job_id=7):
            logger.warning("Import läuft")
        logger.warning("danach")
    finally:
        logger.removeHandler(handler)
    first, second = handler.lines
    assert first["level"] == "WARNING" and first["message"] == "Import läuft"
    assert first["request_id"] == "abc12345" and first["job_id"] == 7
    assert first["time"].endswith("+00:00")
    assert "request_id" not in second


def test_requests_get_a_request_id_and_log_lines_the_user(db, client):
    handler = Collect()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    account = factories.user("lotte")
    client.force_login(account)
    try:
        response = client.get("/gibt-es-nicht/", headers={"X-Request-ID": "proxy-4711-abcd"})
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    assert response["X-Request-ID"] == "proxy-4711-abcd"
    assert handler.lines[-1]["request_id"] == "proxy-4711-abcd"
    assert handler.lines[-1]["user_id"] == account.pk
    # a made-up header value is not taken into the logs
    odd = client.get("/healthz", headers={"X-Request-ID": "evil\nline"})
    assert odd["X-Request-ID"] != "evil\nline" and len(odd["X-Request-ID"]) == 32


def test_user_id_is_bound_for_the_view(db, client):
    from verbund.core.observability.middleware import RequestContextMiddleware

    account = factories.user("lotte")
    client.force_login(account)
    request = client.get("/healthz").wsgi_request
    with logs.bind(request_id="r1234567"):
        RequestContextMiddleware(lambda request: None).process_view(request, None, (), {})
        seen = logs.current()
    assert seen == {"request_id": "r1234567", "user_id": account.pk}
    assert logs.current() == {}


def test_metrics_need_the_token(offers, client, settings):  # noqa: F811
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    client.get("/kurse/?q=Excel")
    response = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'verbund_http_requests_total{method="GET",status="200",view="courses:search"}' in text
    assert "verbund_http_request_duration_seconds_bucket" in text
    assert "verbund_job_queue_length 0.0" in text
    assert "verbund_search_replica_lag_seconds 0.0" in text
