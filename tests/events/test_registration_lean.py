"""The registration request stays lean: few queries, the mail leaves after commit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.conftest import make_event

# event, duplicate e-mail (before the lock); lock, fresh row, one recount (held, waiting,
# due offers, waiting place), insert, audit (+ savepoint or transaction statements)
MAX_QUERIES = 9


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


@pytest.mark.django_db
def test_position_counted_under_the_lock_matches_the_queue(client, org_a):
    """The answer's waiting place is counted inside the locked transaction; it must agree
    with position() and the status link, also with raised and lowered priorities."""
    from verbund.events.models import Registration
    from verbund.events.services import registration as registrations

    event = make_event(org_a, capacity=1)
    url = f"/api/v1/events/{event.pk}/registrations"

    def register(name):
        body = {"name": name, "email": f"{name}@example.org", "seats": 1}
        return client.post(url, body, content_type="application/json").json()

    assert register("anna")["position"] is None  # confirmed
    first, second = register("bert"), register("cora")
    assert (first["position"], second["position"]) == (1, 2)
    Registration.objects.filter(pk=first["id"]).update(priority=-1)  # moved down
    Registration.objects.filter(pk=second["id"]).update(priority=5)  # moved up
    third = register("dora")
    assert third["position"] == 2  # behind cora (5), ahead of bert (-1)
    for answer in (first, second, third):
        entry = Registration.objects.get(pk=answer["id"])
        status = client.get(f"/api/v1/events/registrations/{entry.token}").json()
        assert status["position"] == registrations.position(entry)
    assert registrations.position(Registration.objects.get(pk=third["id"])) == 2
