"""B2B matchmaking: profiles, requests (cap, expiry, answers), scheduling run, publishing,
agendas, and the permissions of every B2B page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.events.conftest import make_event
from verbund.events.models import Event, MeetingRequest
from verbund.events.services import agenda, matchmaking

Status = MeetingRequest.Status


@pytest.fixture
def forum(org_a):
    event = make_event(org_a, title="Wirtschaftsforum Harz", kind=Event.Kind.B2B, capacity=80)
    setup = matchmaking.setup_for(event)
    setup.morning_slots, setup.afternoon_slots, setup.tables, setup.max_pending = 3, 2, 2, 2
    setup.save()
    return event


def company_user(name, city="Halberstadt"):
    organization = factories.organization(f"{name} GmbH", city=city)
    return factories.user(name.lower(), organization=organization, first_name=name)


@pytest.fixture
def reps(forum):
    users = [company_user(name) for name in ("Harzbau", "Belfort", "Quedlin", "Wernig")]
    return [
        matchmaking.join(
            forum, user, company=f"{user.first_name} GmbH", organization=user.person.organization
        )
        for user in users
    ]


def test_join_is_idempotent_and_creates_profile(forum, reps):
    again = matchmaking.join(
        forum, reps[0].user, company="x", organization=reps[0].profile.organization
    )
    assert again == reps[0]
    assert forum.profiles.count() == 4


def test_request_accept_decline(forum, reps):
    sent = matchmaking.send_request(reps[0], reps[1].profile, message="Gemeinsam nach Belfort?")
    with pytest.raises(matchmaking.MatchmakingError):
        matchmaking.answer(sent, reps[2], accept=True)  # not the invitee
    matchmaking.answer(sent, reps[1], accept=True)
    assert sent.status == Status.ACCEPTED and sent.accepted_by == reps[1]
    with pytest.raises(matchmaking.MatchmakingError):
        matchmaking.answer(sent, reps[1], accept=False)
    with pytest.raises(matchmaking.MatchmakingError):
        matchmaking.send_request(reps[0], reps[1].profile)  # already agreed
    with pytest.raises(matchmaking.MatchmakingError):
        matchmaking.send_request(reps[0], reps[0].profile)


def test_cap_on_pending_requests(forum, reps):
    matchmaking.send_request(reps[0], reps[1].profile)
    matchmaking.send_request(reps[0], reps[2].profile)
    with pytest.raises(matchmaking.MatchmakingError, match="offene Anfragen"):
        matchmaking.send_request(reps[0], reps[3].profile)


def test_unanswered_requests_expire(forum, reps):
    sent = matchmaking.send_request(reps[0], reps[1].profile)
    assert matchmaking.expire_requests(now=timezone.now() + datetime.timedelta(hours=73)) == 1
    sent.refresh_from_db()
    assert sent.status == Status.EXPIRED
    with pytest.raises(matchmaking.MatchmakingError):
        matchmaking.answer(sent, reps[1], accept=True)


def _accept_all(reps):
    for requester, invitee in ((0, 1), (0, 2), (1, 2), (3, 0)):
        sent = matchmaking.send_request(reps[requester], reps[invitee].profile)
        matchmaking.answer(sent, reps[invitee], accept=True)


def test_schedule_run_publish_and_agenda(forum, reps, organiser_a):
    _accept_all(reps)
    instance = agenda.build_instance(forum)
    assert len(instance.meetings) == 4 and len(instance.slots) == 5
    run = agenda.start_run(forum, organiser_a, time_limit=2)
    assert run.status == "done", run.message
    assert run.result["objective"]["scheduled"] == 4
    setup = matchmaking.setup_for(forum)
    agenda.publish(setup, final=False, user=organiser_a)
    rows = agenda.agenda_for(reps[0])
    assert len(rows) == 3
    assert {row["partner"] for row in rows} == {reps[1], reps[2], reps[3]}
    # A new accepted meeting after publication: published ones keep their slots.
    published = {a["meeting"]: a["slot"] for a in setup.published["scheduled"]}
    sent = matchmaking.send_request(reps[1], reps[3].profile)
    matchmaking.answer(sent, reps[3], accept=True)
    agenda.start_run(forum, organiser_a, time_limit=2)
    setup.refresh_from_db()
    now = {a["meeting"]: a["slot"] for a in setup.schedule["scheduled"]}
    assert all(now[meeting] == slot for meeting, slot in published.items())
    assert sent.meeting_id in now


def test_b2b_pages(client, forum, reps, organiser_a, event_b):
    _accept_all(reps)
    home = reverse("events:b2b_home", args=[forum.pk])
    assert client.get(home).status_code == 302  # login needed
    client.force_login(reps[0].user)
    assert client.get(home).status_code == 200
    assert client.get(reverse("events:b2b_home", args=[event_b.pk])).status_code == 404
    # Participants may not schedule, publish or see the table plan.
    assert client.post(reverse("events:b2b_schedule", args=[forum.pk])).status_code == 403
    assert client.post(reverse("events:b2b_publish", args=[forum.pk])).status_code == 403
    assert client.get(reverse("events:b2b_table_plan", args=[forum.pk])).status_code == 403
    assert client.get(reverse("events:b2b_agenda", args=[forum.pk])).status_code == 200
    client.force_login(organiser_a)
    response = client.post(reverse("events:b2b_schedule", args=[forum.pk]))
    assert response.status_code == 302
    run_page = client.get(response.url)
    assert "Eingeplante Gespräche" in run_page.content.decode()
    assert client.get(reverse("events:b2b_table_plan", args=[forum.pk])).status_code == 200
    client.post(reverse("events:b2b_publish", args=[forum.pk]), {"final": "1"})
    client.force_login(reps[0].user)
    page = client.get(reverse("events:b2b_agenda", args=[forum.pk])).content.decode()
    assert "Belfort GmbH" in page
    pdf = client.get(reverse("events:b2b_agenda_file", args=[forum.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    ics = client.get(reverse("events:b2b_agenda_file", args=[forum.pk, "ics"])).content.decode()
    assert ics.count("BEGIN:VEVENT") == 3
    # The run page of another organizer's event is not visible to a participant.
    run = forum.schedule_runs.first()
    assert client.get(reverse("events:run_detail", args=[run.pk])).status_code == 404


def test_request_and_answer_through_the_pages(client, forum, reps):
    client.force_login(reps[0].user)
    profile_url = reverse("events:profile_detail", args=[reps[1].profile.pk])
    assert client.get(profile_url).status_code == 200
    response = client.post(profile_url, {"message": "Bonjour!", "session": "morning"})
    assert response.status_code == 302
    sent = MeetingRequest.objects.get()
    answer_url = reverse("events:b2b_answer", args=[sent.pk])
    client.force_login(reps[2].user)
    assert client.post(answer_url, {"accept": "1"}).status_code == 404
    client.force_login(reps[1].user)
    client.post(answer_url, {"accept": "1"})
    sent.refresh_from_db()
    assert sent.status == Status.ACCEPTED


def test_join_page(client, forum):
    user = company_user("Neuling")
    client.force_login(user)
    url = reverse("events:b2b_join", args=[forum.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "company": "Neuling GmbH",
            "city": "Wernigerode",
            "country": "DE",
            "offers": "Fräsen",
            "wants": "Vertrieb in Frankreich",
            "languages": "de, fr",
        },
    )
    assert response.status_code == 302
    assert forum.profiles.get(company="Neuling GmbH").language_list == ["de", "fr"]


def test_profiles_of_a_members_only_event_stay_hidden(client, org_b, outsider):
    event = make_event(org_b, kind=Event.Kind.B2B, visibility=Event.Visibility.MEMBERS)
    profile = event.profiles.create(company="Geheim AG")
    client.force_login(outsider)
    assert client.get(reverse("events:profile_detail", args=[profile.pk])).status_code == 404


def test_dashboard_shows_requests_to_answer_and_offered_seats(client, forum, reps, org_a):
    from django.urls import reverse as url

    from verbund.events.services import registration as registrations

    matchmaking.send_request(reps[0], reps[1].profile)
    client.force_login(reps[1].user)
    page = client.get(url("core:dashboard")).content.decode()
    assert "Gesprächsanfrage von Harzbau GmbH beantworten" in page
    evening = make_event(org_a, title="Abendveranstaltung", capacity=1)
    first = registrations.register(evening, name="A", email="a@example.org")
    waiting = registrations.register(evening, name="B", email="b@example.org", user=reps[1].user)
    registrations.cancel(first)
    waiting.refresh_from_db()
    assert waiting.status == "offered"
    assert (
        "Platz bestätigen: Abendveranstaltung" in client.get(url("core:dashboard")).content.decode()
    )


# --- Re-runs after publication -------------------------------------------------------


def test_rerun_keeps_published_meetings_at_their_published_tables(forum, reps, organiser_a):
    _accept_all(reps)
    agenda.start_run(forum, organiser_a, time_limit=2)
    setup = matchmaking.setup_for(forum)
    agenda.publish(setup, final=False, user=organiser_a)
    published = {a["meeting"]: a["table"] for a in setup.published["scheduled"]}
    # A run since publication dealt the tables the other way round (the tables are
    # interchangeable for the solver); the next run must not follow it.
    setup.schedule = {
        **setup.schedule,
        "scheduled": [
            {**a, "table": "2" if a["table"] == "1" else "1"} for a in setup.schedule["scheduled"]
        ],
    }
    setup.save(update_fields=["schedule"])
    agenda.start_run(forum, organiser_a, time_limit=2)
    setup.refresh_from_db()
    now = {a["meeting"]: a["table"] for a in setup.schedule["scheduled"]}
    assert now == published


# --- The organiser's setup page ------------------------------------------------------

SETUP = {
    "morning_start": "09:00",
    "morning_slots": "4",
    "afternoon_start": "13:30",
    "afternoon_slots": "3",
    "slot_minutes": "25",
    "tables": "5",
    "request_minutes": "15",
    "max_pending": "10",
}


@pytest.fixture
def forum_b(org_b):
    """A real B2B forum of another organization (public, so organiser_a can see it)."""
    event = make_event(org_b, title="Forum Belfort", kind=Event.Kind.B2B)
    matchmaking.setup_for(event)
    return event


def test_setup_page_permissions(client, forum, forum_b, reps, organiser_a, event):
    url = reverse("events:b2b_setup", args=[forum.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.url
    client.force_login(reps[0].user)  # a participant without events.manage
    assert client.get(url).status_code == 403
    assert client.post(url, SETUP).status_code == 403
    client.force_login(organiser_a)
    assert client.get(reverse("events:b2b_setup", args=[forum_b.pk])).status_code == 403
    assert client.post(reverse("events:b2b_setup", args=[forum_b.pk]), SETUP).status_code == 403
    assert client.get(reverse("events:b2b_setup", args=[event.pk])).status_code == 404  # no B2B
    home = client.get(reverse("events:b2b_home", args=[forum.pk])).content.decode()
    assert url in home
    assert client.get(url).status_code == 200


def test_organiser_changes_the_setup_and_it_is_audited(client, forum, reps, organiser_a):
    from verbund.core.services import audit

    client.force_login(organiser_a)
    response = client.post(reverse("events:b2b_setup", args=[forum.pk]), SETUP)
    assert response.status_code == 302
    setup = matchmaking.setup_for(forum)
    assert (setup.morning_slots, setup.tables, setup.request_minutes) == (4, 5, 15)
    entry = audit.entries_for(setup).get(action="events.matchmaking_setup.changed")
    assert entry.user == organiser_a and entry.changes["tables"] == [2, 5]
    # The expiry period is now minutes: a request lapses after a quarter of an hour.
    sent = matchmaking.send_request(reps[0], reps[1].profile)
    assert datetime.timedelta(minutes=14) < sent.expires_at - timezone.now()
    assert sent.expires_at - timezone.now() <= datetime.timedelta(minutes=15)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"morning_slots": "0", "afternoon_slots": "0"}, "mindestens ein Gesprächsslot"),
        ({"tables": "0"}, "mindestens ein Tisch"),
        ({"tables": "99999999999"}, "höchstens 1.000"),
        ({"request_minutes": "14"}, "frühestens nach 15 Minuten"),
        ({"request_minutes": str(10 * 24 * 60 + 1)}, "spätestens nach 10 Tagen"),
        ({"max_pending": "0"}, "1 bis 1.000 offene Anfragen"),
        ({"slot_minutes": "5"}, "10 bis 60 Minuten"),
        ({"morning_slots": "20"}, "nach dem Beginn des Nachmittags"),
        ({"afternoon_start": "23:00"}, "vor Mitternacht"),
        ({"tables": "viele"}, "ganze Zahl"),
        ({"morning_start": "25:99"}, "Uhrzeit"),
    ],
)
def test_bad_setup_values_get_a_german_message(client, forum, organiser_a, change, message):
    client.force_login(organiser_a)
    response = client.post(reverse("events:b2b_setup", args=[forum.pk]), {**SETUP, **change})
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert matchmaking.setup_for(forum).tables == 2  # nothing stored


def test_changing_slots_after_publication_needs_confirmation(client, forum, reps, organiser_a):
    _accept_all(reps)
    agenda.start_run(forum, organiser_a, time_limit=2)
    agenda.publish(matchmaking.setup_for(forum), final=False, user=organiser_a)
    client.force_login(organiser_a)
    url = reverse("events:b2b_setup", args=[forum.pk])
    page = client.get(url).content.decode()
    assert 'id="published-warning"' in page and 'name="confirm"' in page
    response = client.post(url, SETUP)
    assert response.status_code == 400
    assert "neu berechnet" in response.content.decode()
    assert matchmaking.setup_for(forum).tables == 2
    # Only the request rules change: no confirmation needed, nothing to recompute.
    setup = matchmaking.setup_for(forum)
    unchanged = {
        **SETUP,
        "morning_slots": "3",
        "afternoon_slots": "2",
        "slot_minutes": str(setup.slot_minutes),
        "tables": "2",
    }
    assert client.post(url, unchanged).status_code == 302
    response = client.post(url, {**SETUP, "confirm": "on"}, follow=True)
    assert "Terminplan neu berechnen" in response.content.decode()
    setup.refresh_from_db()
    assert setup.tables == 5
    assert setup.published["scheduled"]  # the people keep the old plan until republished
    from verbund.core.services import audit

    entry = audit.entries_for(setup).filter(action="events.matchmaking_setup.changed").first()
    assert entry.data == {"recompute_needed": True}
