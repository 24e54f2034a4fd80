"""Representatives mark the slots in which they cannot meet; the scheduler keeps them free."""

import pytest
from django.urls import reverse

from tests import factories
from tests.events.test_b2b import company_user, forum, reps  # noqa: F401 - fixtures
from verbund.core.models import AuditEntry
from verbund.events.services import agenda, matchmaking

pytestmark = pytest.mark.django_db


def test_blocked_slots_are_kept_free_by_the_next_run(forum, reps, organiser_a):  # noqa: F811
    sent = matchmaking.send_request(reps[0], reps[1].profile)
    matchmaking.answer(sent, reps[1], accept=True)
    blocked = ["T1", "T2", "T3", "T4"]
    assert matchmaking.set_unavailable(reps[0], blocked, user=reps[0].user) == blocked
    assert agenda.build_instance(forum).participants[agenda.rep_id(reps[0].pk)].unavailable == (
        frozenset(blocked)
    )
    run = agenda.start_run(forum, organiser_a, time_limit=2)
    assert run.status == "done", run.message
    scheduled = matchmaking.setup_for(forum).schedule["scheduled"]
    assert [(a["meeting"], a["slot"]) for a in scheduled] == [(sent.meeting_id, "T5")]
    entry = AuditEntry.objects.get(action="events.representative.unavailable_changed")
    assert entry.changes["unavailable"] == [[], blocked]


def test_unknown_slot_and_final_agenda_are_refused(forum, reps):  # noqa: F811
    with pytest.raises(matchmaking.MatchmakingError, match="Unbekannter Slot"):
        matchmaking.set_unavailable(reps[0], ["T99"], user=reps[0].user)
    setup = matchmaking.setup_for(forum)
    setup.agenda = setup.Agenda.FINAL
    setup.save()
    with pytest.raises(matchmaking.MatchmakingError, match="endgültig"):
        matchmaking.set_unavailable(reps[0], ["T1"], user=reps[0].user)
    reps[0].refresh_from_db()
    assert reps[0].unavailable == []


def test_availability_page_permissions_and_bad_input(client, forum, reps, org_b):  # noqa: F811
    url = reverse("events:b2b_availability", args=[forum.pk])
    agenda_url = reverse("events:b2b_agenda", args=[forum.pk])
    answer = client.post(url, {"unavailable": ["T2"]})
    assert answer.status_code == 302 and "/konto/login/" in answer["Location"]
    client.force_login(company_user("Fremd"))  # not a participant of the forum
    assert client.post(url, {"unavailable": ["T2"]}).status_code == 404
    other = factories.user("anderer", organization=org_b)
    client.force_login(other)
    assert client.post(url, {"unavailable": ["T2"]}).status_code == 404
    client.force_login(reps[0].user)
    assert client.get(url).status_code == 405
    page = client.get(agenda_url)
    assert 'name="unavailable" value="T2"' in page.content.decode()
    answer = client.post(url, {"unavailable": ["T2", "<script>"]}, follow=True)
    assert answer.status_code == 200
    assert "Unbekannter Slot" in answer.content.decode()
    answer = client.post(url, {"unavailable": ["T2"]}, follow=True)
    assert "Ihre Zeiten sind gespeichert" in answer.content.decode()
    reps[0].refresh_from_db()
    assert reps[0].unavailable == ["T2"]
    assert 'value="T2" checked' in client.get(agenda_url).content.decode()


def test_agenda_page_says_when_nothing_is_planned_for_you(client, forum, reps, organiser_a):  # noqa: F811
    agenda_url = reverse("events:b2b_agenda", args=[forum.pk])
    client.force_login(reps[3].user)
    assert "noch nicht veröffentlicht" in client.get(agenda_url).content.decode()
    sent = matchmaking.send_request(reps[0], reps[1].profile)
    matchmaking.answer(sent, reps[1], accept=True)
    agenda.start_run(forum, organiser_a, time_limit=2)
    agenda.publish(matchmaking.setup_for(forum), final=False, user=organiser_a)
    html = client.get(agenda_url).content.decode()
    assert "noch nicht veröffentlicht" not in html
    assert "sind für Sie keine Gespräche eingeplant" in html
