"""The registration request stays lean: few queries, the mail leaves after commit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.conftest import make_event

# lock, closed/duplicate check, due offers, recount, insert, audit, position (+ savepoint
# and transaction statements on some backends)
MAX_QUERIES = 12


@pytest.mark.django_db
def test_api_registration_needs_few_queries(client, org_a, django_capture_on_commit_callbacks):
    event = make_event(org_a, capacity=1)
    url = f"/api/v1/events/{event.pk}/registrations"
    body = {"name": "Anna", "email": "anna@example.org", "seats": 1}
    client.post(url, body, content_type="application/json")  # warm caches (content types)
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        answer = client.post(
            url, {**body, "email": "bert@example.org"}, content_type="application/json"
        )
    assert answer.status_code == 201 and answer.json()["status"] == "waitlisted"
    assert len(queries) <= MAX_QUERIES, "\n".join(q["sql"] for q in queries)
    assert len(callbacks) == 1  # the mail: enqueued after commit, not sent in the request
