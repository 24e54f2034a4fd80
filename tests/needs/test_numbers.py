"""Numbers that add up: response rate, employees per size class, wave status, reminders."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.needs.test_survey import _answers
from verbund.needs.models import Need, Response, Wave
from verbund.needs.services import waves


def test_interviews_do_not_count_as_answers_to_invitations(survey_world, org_a):
    world = survey_world
    invited = world.wave_a.invitations.count()
    answered = Response.objects.filter(wave=world.wave_a, invitation__isnull=False).count()
    for group in ("owner", "older", "younger"):  # three interviews, no invitations
        Response.objects.create(
            wave=world.wave_a,
            organization=org_a,
            company_key=f"o{org_a.pk}",
            kind=Response.Kind.INTERVIEW,
            person_group=group,
            status=Response.Status.SUBMITTED,
        )
    rate = waves.response_rate(world.wave_a)
    assert (rate["invited"], rate["answered"], rate["interviews"]) == (invited, answered, 3)
    assert rate["rate"] == round(100 * answered / invited) <= 100


def test_the_wave_page_shows_answers_and_interviews_apart(client, survey_world):
    client.force_login(survey_world.nora)
    text = client.get(survey_world.wave_a.get_absolute_url()).content.decode()
    assert "haben geantwortet" in text and "Interviews" in text


def test_employees_concerned_cannot_exceed_the_size_class(client, survey_world, topics):
    world = survey_world
    url = reverse("needs:survey", args=[world.invitation_a.token])
    too_many = _answers(world, topics, size_class="1-9", **{"need-0-employees": "100000"})
    response = client.post(url, {**too_many, "submit": "1"})
    assert response.status_code == 400
    assert "höchstens 9 Beschäftigte" in response.content.decode()
    assert not Need.objects.filter(employees=100000).exists()
    fine = _answers(world, topics, size_class="1-9", **{"need-0-employees": "9"})
    assert client.post(url, {**fine, "submit": "1"}).status_code == 302


def test_a_wave_past_its_end_does_not_say_running(survey_world):
    wave = survey_world.wave_a
    wave.status = Wave.Status.OPEN
    wave.closes_on = timezone.localdate() - datetime.timedelta(days=3)
    wave.save()
    assert not wave.accepts_answers
    assert wave.status_label == "Ende überschritten"


def test_reopening_a_wave_past_its_end_accepts_answers_again(survey_world):
    wave = survey_world.wave_a
    wave.closes_on = timezone.localdate() - datetime.timedelta(days=3)
    wave.status = Wave.Status.CLOSED
    wave.save()
    waves.set_status(wave, Wave.Status.OPEN, survey_world.nora)
    wave.refresh_from_db()
    assert wave.accepts_answers and wave.status_label == "Läuft"


def test_reminders_say_why_none_were_sent(client, survey_world):
    world = survey_world
    wave = world.wave_a
    wave.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    wave.save()
    client.force_login(world.nora)
    response = client.post(reverse("needs:reminders_send", args=[wave.pk]), follow=True)
    text = response.content.decode()
    assert "Keine Erinnerungen versandt" in text and "überschritten" in text
    wave.closes_on = None
    wave.save()
    world.invitation_a.delete()  # every remaining invitation has answered
    text = client.post(
        reverse("needs:reminders_send", args=[wave.pk]), follow=True
    ).content.decode()
    assert "bereits geantwortet" in text


def test_personal_links_are_resent_never_shown_to_staff(client, survey_world):
    from django.core import mail

    world = survey_world
    waves.send_invitations(world.wave_a, world.nora)
    mail.outbox.clear()
    invitation = world.invitation_a
    url = reverse("needs:invitation_resend", args=[world.wave_a.pk, invitation.pk])
    client.force_login(world.outsider)
    assert client.post(url).status_code == 404
    client.force_login(world.viktor)  # may look at the analysis, not run the survey
    assert client.post(url).status_code == 403
    client.force_login(world.nora)
    page = client.get(reverse("needs:invitation_list", args=[world.wave_a.pk])).content.decode()
    assert invitation.token not in page and "Link gesendet am" in page and url in page
    assert client.post(url).status_code == 302
    assert len(mail.outbox) == 1 and invitation.token in mail.outbox[0].body
    other = reverse("needs:invitation_resend", args=[world.wave_a.pk, world.invitation_b.pk])
    assert client.post(other).status_code == 404  # another wave's invitation


def test_the_gap_report_shows_as_much_as_the_privacy_rule_allows(client, survey_world, topics):
    from tests.needs.conftest import make_response

    world = survey_world
    vechta = world.network_a.regions.get(name="Landkreis Vechta")
    for number, group in enumerate(("older", "older", "older", "young", "young")):
        make_response(world.wave_a, f"Hof {number}", vechta, topics.digital, target_group=group)
    client.force_login(world.nora)
    url = reverse("needs:gaps", args=[world.wave_a.pk])
    by_topic = client.get(url + "?horizon=6")
    by_group = client.get(url + "?horizon=6&by_target_group=1")
    # Five companies want digital skills in Vechta: enough for a cell of its own, not when
    # split into target groups of three and two.
    assert by_topic.context["withheld"] < by_group.context["withheld"]
    assert by_topic.context["total"] > by_group.context["total"]


def test_mass_mail_runs_as_a_background_job(client, survey_world):
    from django.core import mail

    from verbund.core.models import Job

    world = survey_world
    client.force_login(world.nora)
    response = client.post(reverse("needs:invitations_send", args=[world.wave_a.pk]))
    job = Job.objects.get(kind="needs.send_invitations")
    assert response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.result["sent"] == len(mail.outbox) >= 7
    page = client.get(response.url).content.decode()
    assert "Einladungen versandt" in page and job.result_url in page
    mail.outbox.clear()
    response = client.post(reverse("needs:reminders_send", args=[world.wave_a.pk]))
    assert Job.objects.get(kind="needs.send_reminders").result["sent"] == len(mail.outbox) == 1


def test_mass_mails_ask_first_and_name_how_many(client, survey_world):
    """Issue 25: the reminder to 98 firms and "Offene Einladungen versenden" went out on
    one click."""
    world = survey_world
    client.force_login(world.nora)
    page = client.get(reverse("needs:invitation_list", args=[world.wave_a.pk])).content.decode()
    unsent = world.wave_a.invitations.filter(sent_at__isnull=True).count()
    assert unsent >= 1
    betriebe = "Betrieb" if unsent == 1 else "Betriebe"
    assert f'data-confirm="Die Einladung jetzt an {unsent} {betriebe} senden?"' in page
    assert 'data-confirm="Eine Erinnerung jetzt an 0 Betriebe ohne Antwort senden?"' in page
