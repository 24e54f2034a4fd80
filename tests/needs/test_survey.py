"""The personal token link: reaches only its own response, saves drafts, closes with the wave."""

from django.core import mail
from django.urls import reverse

from verbund.core.models import AuditEntry
from verbund.needs.models import Response, Wave
from verbund.needs.services import waves


def _answers(world, topics, **extra):
    return {
        "need_count": "2",
        "person_group": "owner",
        "district": world.network_a.regions.first().pk,
        "sector": "C",
        "size_class": "10-49",
        "need-0-topic": topics.it.pk,
        "need-0-employees": "4",
        "need-0-target_group": "older",
        "need-0-urgency": "6",
        "need-0-format": "online",
        **extra,
    }


def test_token_saves_draft_then_submits_own_response(client, survey_world, topics):
    world = survey_world
    url = reverse("needs:survey", args=[world.invitation_a.token])
    assert client.get(url).status_code == 200
    client.post(url, {**_answers(world, topics), "save": "1"})
    response = Response.objects.get(invitation=world.invitation_a)
    assert response.status == Response.Status.DRAFT and response.needs.get().employees == 4
    client.post(url, {**_answers(world, topics, **{"need-0-employees": "7"}), "submit": "1"})
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.needs.get().employees == 7  # corrected, not duplicated
    assert AuditEntry.objects.filter(action="needs.response.submitted").exists()
    assert "Holz 0 GmbH" not in client.get(url).content.decode()  # no other company


def test_token_reaches_only_its_own_response(client, survey_world, topics):
    world = survey_world
    client.post(
        reverse("needs:survey", args=[world.invitation_b.token]),
        {**_answers(world, topics), "save": "1"},
    )
    assert not Response.objects.filter(invitation=world.invitation_a).exists()
    assert Response.objects.filter(invitation=world.invitation_b, wave=world.wave_b).exists()
    assert client.get(reverse("needs:survey", args=["x" * 43])).status_code == 404


def test_submit_requires_company_data(client, survey_world, topics):
    world = survey_world
    url = reverse("needs:survey", args=[world.invitation_a.token])
    response = client.post(url, {"need_count": "1", "need-0-topic": topics.it.pk, "submit": "1"})
    assert response.status_code == 400
    assert not Response.objects.filter(invitation=world.invitation_a).exists()


def test_add_need_adds_a_block(client, survey_world, topics):
    world = survey_world
    url = reverse("needs:survey", args=[world.invitation_a.token])
    page = client.post(url, {**_answers(world, topics), "add_need": "1"}).content.decode()
    assert 'name="need-2-topic"' in page


def test_closed_wave_link_says_so_and_shows_nothing(client, survey_world, topics):
    """Issue 24: an expired personal link shows neither answers nor free text."""
    world = survey_world
    url = reverse("needs:survey", args=[world.invitation_a.token])
    client.post(url, {**_answers(world, topics), "submit": "1", "free_text": "Geheimer Plan"})
    waves.set_status(world.wave_a, Wave.Status.CLOSED, world.nora)
    page = client.get(url)
    assert page.status_code == 410 and "abgelaufen" in page.content.decode()
    assert "Geheimer Plan" not in page.content.decode()
    assert world.invitation_a.company_name not in page.content.decode()
    response = client.post(
        url, {**_answers(world, topics, **{"need-0-employees": "99"}), "submit": "1"}
    )
    assert response.status_code == 410
    assert Response.objects.get(invitation=world.invitation_a).needs.get().employees == 4


def test_languages(client, survey_world):
    url = reverse("needs:survey", args=[survey_world.invitation_a.token])
    assert "How many employees" in client.get(url + "?lang=en").content.decode()
    assert "Combien de salariés" in client.get(url + "?lang=fr").content.decode()


def test_invitations_and_reminders_by_mail(client, survey_world):
    world = survey_world
    sent = waves.send_invitations(world.wave_a, world.nora)
    assert sent == len(mail.outbox) and sent >= 7
    assert any(world.invitation_a.token in message.body for message in mail.outbox)
    mail.outbox.clear()
    reminded = waves.send_reminders(world.wave_a, world.nora, force=True)
    assert reminded == 1  # only the invitation without a submitted answer
    assert mail.outbox[0].to == ["neu@example.org"]


def test_remind_command(survey_world):
    from django.core.management import call_command

    world = survey_world
    waves.send_invitations(world.wave_a, world.nora)
    call_command("needs_remind")  # sent just now: not yet due
    assert world.wave_a.invitations.filter(reminders__gt=0).count() == 0


def test_interview_recorded_for_a_company(client, survey_world, org_a, topics):
    world = survey_world
    client.force_login(world.nora)
    response = client.post(
        reverse("needs:interview_start", args=[world.wave_a.pk]),
        {"organization": _company().pk, "person_group": "older"},
    )
    assert response.status_code == 302
    interview = Response.objects.get(kind=Response.Kind.INTERVIEW)
    assert interview.person_group == "older" and interview.interviewer == world.nora
    client.post(
        reverse("needs:response_edit", args=[interview.pk]),
        {**_answers(world, topics), "submit": "1"},
    )
    interview.refresh_from_db()
    assert interview.status == Response.Status.SUBMITTED


def _company():
    from tests import factories

    return factories.organization("Tischlerei Beispiel", size_class="1-9", wz_section="C")


def test_survey_shows_the_privacy_notice(client, survey_world):
    from verbund.core.legal_models import LegalText

    LegalText.objects.create(key="hinweis-needs", title="Datenschutz", body="Zweck: Bedarf")
    html = client.get(reverse("needs:survey", args=[survey_world.invitation_a.token])).content
    assert "Zweck: Bedarf" in html.decode()
