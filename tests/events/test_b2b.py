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
    form = client.get(url).content.decode()
    assert "Land (ISO)" not in form and 'type="checkbox" name="languages" value="fr"' in form
    response = client.post(
        url,
        {
            "company": "Neuling GmbH",
            "city": "Wernigerode",
            "country": "DE",
            "offers": "Fräsen",
            "wants": "Vertrieb in Frankreich",
            "languages": ["de", "fr"],
        },
    )
    assert response.status_code == 302
    profile = forum.profiles.get(company="Neuling GmbH")
    assert profile.language_list == ["de", "fr"]
    # Issue 25: "Land (ISO)" and "de, fr, en" -> chosen and shown by name.
    page = client.get(reverse("events:profile_detail", args=[profile.pk])).content.decode()
    assert "(Deutschland)" in page and "Deutsch, Französisch" in page


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


# --- Profile search ------------------------------------------------------------------


@pytest.fixture
def searchable(forum):
    from verbund.core.models import Topic

    first, second = Topic.objects.all()[:2]
    rows = [
        ("Harzer Fräswerk", "DE", "de", "CNC-Fräsen", "Vertrieb", first),
        ("Atelier Belfort", "FR", "fr, en", "Montage", "Fräsarbeiten", second),
        ("Quedlinburger Lacke", "DE", "de, fr", "Lacke", "Ausbildung", second),
    ]
    for company, country, languages, offers, wants, topic in rows:
        profile = forum.profiles.create(
            company=company, country=country, languages=languages, offers=offers, wants=wants
        )
        profile.topics.add(topic)
    return forum, first, second


def _found(client, event, **params):
    page = client.get(reverse("events:b2b_home", args=[event.pk]), params)
    assert page.status_code == 200
    return set(page.context["profiles"].values_list("company", flat=True))


def test_profile_search_and_filters(client, searchable, outsider):
    event, first, second = searchable
    client.force_login(outsider)
    everyone = {"Harzer Fräswerk", "Atelier Belfort", "Quedlinburger Lacke"}
    assert _found(client, event) == everyone
    # Text: company, offers and wants, case-insensitive.
    assert _found(client, event, q="fräs") == {"Harzer Fräswerk", "Atelier Belfort"}
    assert _found(client, event, q="LACKE") == {"Quedlinburger Lacke"}
    assert _found(client, event, land="fr") == {"Atelier Belfort"}
    assert _found(client, event, land="DE", q="lacke") == {"Quedlinburger Lacke"}
    # Language codes match whole codes of the list, not parts of them.
    assert _found(client, event, sprache="fr") == {"Atelier Belfort", "Quedlinburger Lacke"}
    assert _found(client, event, sprache="en") == {"Atelier Belfort"}
    assert _found(client, event, sprache="n") == everyone  # not a code: no filter
    assert _found(client, event, thema=str(second.pk)) == {"Atelier Belfort", "Quedlinburger Lacke"}
    assert _found(client, event, thema=str(first.pk), land="FR") == set()
    page = client.get(
        reverse("events:b2b_home", args=[event.pk]), {"sprache": "fr", "thema": second.pk}
    ).content.decode()
    assert '<option value="fr" selected>' in page
    assert f'<option value="{second.pk}" selected>' in page


@pytest.mark.parametrize(
    "params",
    [
        {"thema": "99999999999999999999"},
        {"thema": "abc"},
        {"thema": "²"},
        {"q": "x" * 5000},
    ],
)
def test_profile_search_with_bad_input_is_no_error(client, searchable, outsider, params):
    event, _first, _second = searchable
    client.force_login(outsider)
    assert client.get(reverse("events:b2b_home", args=[event.pk]), params).status_code == 200


@pytest.mark.parametrize("params", [{"q": "a\x00b"}, {"land": "\x00"}, {"sprache": "d\x00"}])
def test_profile_search_with_a_nul_character_is_400(client, searchable, outsider, params):
    """PostgreSQL cannot compare text with NUL: refused at the door (core.nul_bytes)."""
    event, _first, _second = searchable
    client.force_login(outsider)
    assert client.get(reverse("events:b2b_home", args=[event.pk]), params).status_code == 400


# --- Permissions of the remaining pages ----------------------------------------------


@pytest.fixture
def forum_b(org_b):
    """A real B2B forum of another organization (public, so organiser_a can see it)."""
    event = make_event(org_b, title="Forum Belfort", kind=Event.Kind.B2B)
    matchmaking.setup_for(event)
    return event


def test_participant_pages_need_a_login(client, forum, reps):
    sent = matchmaking.send_request(reps[0], reps[1].profile)
    for method, url in (
        ("get", reverse("events:b2b_join", args=[forum.pk])),
        ("post", reverse("events:b2b_join", args=[forum.pk])),
        ("get", reverse("events:profile_detail", args=[reps[1].profile.pk])),
        ("post", reverse("events:profile_detail", args=[reps[1].profile.pk])),
        ("get", reverse("events:b2b_agenda", args=[forum.pk])),
        ("get", reverse("events:b2b_agenda_file", args=[forum.pk, "ics"])),
        ("post", reverse("events:b2b_answer", args=[sent.pk])),
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login" in response.url, url
    sent.refresh_from_db()
    assert sent.status == Status.PENDING


def test_agenda_of_someone_without_profile_is_404(client, forum, outsider):
    client.force_login(outsider)
    assert client.get(reverse("events:b2b_agenda", args=[forum.pk])).status_code == 404


@pytest.fixture
def run_b(forum_b, org_b):
    organiser_b = factories.user("bettina", organization=org_b)
    factories.grant(organiser_b, ["events.manage"], organization=org_b)
    return agenda.start_run(forum_b, organiser_b, time_limit=1), organiser_b


def test_organiser_pages_of_another_organizations_forum(client, forum_b, run_b, organiser_a):
    run, organiser_b = run_b
    schedule = reverse("events:b2b_schedule", args=[forum_b.pk])
    publish = reverse("events:b2b_publish", args=[forum_b.pk])
    plan = reverse("events:b2b_table_plan", args=[forum_b.pk])
    detail = reverse("events:run_detail", args=[run.pk])
    progress = reverse("events:run_progress", args=[run.pk])
    for method, url in (
        ("post", schedule),
        ("post", publish),
        ("get", plan),
        ("get", detail),
        ("get", progress),
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login" in response.url, url
    client.force_login(organiser_a)  # organiser, but of organization A
    runs = forum_b.schedule_runs.count()
    assert client.post(schedule).status_code == 403
    assert client.post(publish).status_code == 403
    assert client.get(plan).status_code == 403
    assert client.get(detail).status_code == 404
    assert client.get(progress).status_code == 404
    assert forum_b.schedule_runs.count() == runs
    assert matchmaking.setup_for(forum_b).agenda == "none"
    client.force_login(organiser_b)
    assert client.get(detail).status_code == 200
    assert client.get(progress).status_code == 200
    assert client.get(plan).status_code == 200
    assert client.post(publish).status_code == 302
    assert client.post(schedule).status_code == 302
    assert forum_b.schedule_runs.count() == runs + 1


def test_members_only_forum_of_another_organization_is_404(client, org_b, organiser_a):
    hidden = make_event(org_b, kind=Event.Kind.B2B, visibility=Event.Visibility.MEMBERS)
    client.force_login(organiser_a)
    for name in ("b2b_setup", "b2b_table_plan"):
        assert client.get(reverse(f"events:{name}", args=[hidden.pk])).status_code == 404
    for name in ("b2b_schedule", "b2b_publish"):
        assert client.post(reverse(f"events:{name}", args=[hidden.pk])).status_code == 404


def test_organiser_pages_of_an_event_without_b2b_are_404(client, organiser_a, event):
    client.force_login(organiser_a)
    assert client.post(reverse("events:b2b_schedule", args=[event.pk])).status_code == 404
    assert client.post(reverse("events:b2b_publish", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:b2b_table_plan", args=[event.pk])).status_code == 404
    assert not event.schedule_runs.exists()
