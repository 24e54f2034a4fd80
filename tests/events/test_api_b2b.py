"""The organiser's B2B read endpoints: anonymous, participant without permission,
organiser, another organization's forum, not a B2B event."""

import pytest

from tests import factories
from tests.events.conftest import make_event
from tests.events.test_b2b import _accept_all, company_user, forum, reps  # noqa: F401
from verbund.events.models import Event
from verbund.events.services import agenda, matchmaking
from verbund.events.solver import checker, model

ENDPOINTS = ("profiles", "meetings", "instance", "schedule")


def url(event, what):
    return f"/api/v1/events/{event.pk}/b2b/{what}"


@pytest.fixture
def forum_b(org_b):
    event = make_event(org_b, title="Forum Belfort", kind=Event.Kind.B2B)
    matchmaking.setup_for(event)
    return event


@pytest.fixture
def scheduled(forum, reps, organiser_a):  # noqa: F811
    _accept_all(reps)
    run = agenda.start_run(forum, organiser_a, time_limit=2)
    run.refresh_from_db()
    return forum


@pytest.mark.parametrize("what", ENDPOINTS)
def test_anonymous_and_participants_may_not_read(client, scheduled, reps, what):  # noqa: F811
    assert client.get(url(scheduled, what)).status_code in (401, 403)
    client.force_login(reps[0].user)  # a participant, not an organiser
    assert client.get(url(scheduled, what)).status_code == 403


@pytest.mark.parametrize("what", ENDPOINTS)
def test_other_organizations_forum_is_refused(client, organiser_a, forum_b, what):
    client.force_login(organiser_a)
    assert client.get(url(forum_b, what)).status_code in (403, 404)


def test_not_a_b2b_event_is_404(client, organiser_a, event):
    client.force_login(organiser_a)
    assert client.get(url(event, "profiles")).status_code == 404


def test_organiser_reads_profiles_meetings_instance_and_schedule(client, scheduled, organiser_a):
    client.force_login(organiser_a)
    profiles = client.get(url(scheduled, "profiles")).json()
    assert {p["company"] for p in profiles} >= {"Harzbau GmbH", "Belfort GmbH"}
    assert all(p["representatives"][0]["id"].startswith("R") for p in profiles)
    meetings = client.get(url(scheduled, "meetings") + "?status=accepted").json()
    assert len(meetings) == 4 and {m["status"] for m in meetings} == {"accepted"}
    assert client.get(url(scheduled, "meetings") + "?status=bogus").status_code == 422
    instance_json = client.get(url(scheduled, "instance")).json()
    assert set(instance_json) == {"event", "slots", "tables", "participants", "meetings"}
    schedule_json = client.get(url(scheduled, "schedule")).json()
    assert {"scheduled", "unscheduled", "objective", "bound", "solver"} <= set(schedule_json)
    # The instance and the schedule from the API pass the independent checker.
    instance = model.instance_from_dict(instance_json)
    assert checker.check(instance, model.schedule_from_dict(schedule_json)) == []
    assert client.get(url(scheduled, "schedule") + "?published=1").status_code == 404
    agenda.publish(matchmaking.setup_for(scheduled), final=False, user=organiser_a)
    published = client.get(url(scheduled, "schedule") + "?published=1").json()
    assert published["agenda"] == "preliminary"


def test_token_of_an_organiser_works(client, scheduled, org_a):
    from verbund.core.services.tokens import create_token

    account = factories.user("ines", organization=org_a)
    factories.grant(account, ["events.manage"], organization=org_a)
    _token, token_value = create_token(account, "B2B")
    answer = client.get(url(scheduled, "profiles"), HTTP_AUTHORIZATION=f"Bearer {token_value}")
    assert answer.status_code == 200
