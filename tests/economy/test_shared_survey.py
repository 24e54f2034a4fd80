"""One way to run a survey: economy and needs run their waves on the same machinery.

Tokens, mails, reminders, status, the link page and own questions come from
``core.services.surveys`` / ``core.survey_models`` / ``core.survey_forms``; these tests
check what the business-climate survey gains from it and that old rows survive.
"""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from verbund.core.services import surveys
from verbund.core.survey_models import SurveyInvitationBase, SurveyWaveBase
from verbund.economy.models import Answer, ExtraQuestion, Invitation, Wave
from verbund.economy.services import waves
from verbund.needs import models as needs_models
from verbund.needs.services import waves as needs_waves


def test_both_surveys_build_on_the_same_bases():
    assert issubclass(Wave, SurveyWaveBase) and issubclass(needs_models.Wave, SurveyWaveBase)
    assert issubclass(Invitation, SurveyInvitationBase)
    assert issubclass(needs_models.Invitation, SurveyInvitationBase)
    assert waves.SURVEY.invitation_model is Invitation
    assert needs_waves.SURVEY.invitation_model is needs_models.Invitation
    assert needs_waves.new_token is surveys.new_token


def test_reopening_a_wave_past_its_end_accepts_answers_again(world):
    wave = world.earlier
    wave.closes_on = timezone.localdate() - datetime.timedelta(days=3)
    wave.save()
    waves.set_status(wave, Wave.Status.OPEN, world.ilse)
    wave.refresh_from_db()
    assert wave.closes_on is None and wave.accepts_answers


def test_reminders_skip_answered_firms_and_respect_the_week(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    wave = world.wave
    silent = world.firms[3]
    Answer.objects.filter(wave=wave, firm=silent).update(status=Answer.Status.DRAFT)
    long_ago = timezone.now() - datetime.timedelta(days=8)
    wave.invitations.update(sent_at=long_ago)
    assert waves.why_no_reminders(wave) == ""
    assert waves.send_reminders(wave, world.ilse) == 1
    assert mail.outbox[-1].to == [silent.email]
    assert waves.send_reminders(wave, world.ilse) == 0  # not twice a week
    assert waves.send_reminders(wave, world.ilse, force=True) == 1
    Answer.objects.filter(wave=wave, firm=silent).update(status=Answer.Status.SUBMITTED)
    assert "bereits geantwortet" in waves.why_no_reminders(wave)


def test_resend_mails_the_personal_link_again(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    invitation = world.wave.invitations.select_related("firm", "wave__network").first()
    assert waves.resend_invitation(invitation, world.ilse)
    assert invitation.token in mail.outbox[-1].body
    invitation.firm.email = ""
    assert not waves.resend_invitation(invitation, world.ilse)


def test_link_page_is_not_cached_nor_indexed(client, world):
    invitation = world.wave.invitations.first()
    response = client.get(invitation.survey_path() + "?lang=xx")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert 'lang="de"' in response.content.decode()  # unknown language: German


def test_choice_and_number_extra_questions_are_asked_and_stored(client, world):
    firm = world.firms[20]
    choice = ExtraQuestion.objects.create(
        wave=world.wave,
        chamber=world.lw,
        kind="choice",
        text_de="Planen Sie Investitionen in Wolfsburg?",
        options=[{"de": "Ja", "en": "Yes"}, {"de": "Nein", "en": "No"}],
        required=True,
    )
    number = ExtraQuestion.objects.create(
        wave=world.wave, chamber=world.lw, kind="number", text_de="Wie viele Azubis?"
    )
    path = world.wave.invitations.get(firm=firm).survey_path()
    page = client.get(path + "?lang=en").content.decode()
    assert "Yes" in page and "No" in page
    base = {"lage": "gut", "erwartungen": "gleich", "submit": "1"}
    assert client.post(path, base).status_code == 400  # the required choice is missing
    response = client.post(path, {**base, f"extra_{choice.pk}": "0", f"extra_{number.pk}": "3,5"})
    assert response.status_code == 302
    stored = Answer.objects.get(wave=world.wave, firm=firm).extra_answers
    assert stored == {str(choice.pk): "0", str(number.pk): "3.5"}


def test_extra_question_form_keeps_its_options(client, world):
    client.force_login(world.ilse)
    url = reverse("economy:extra_questions", args=[world.wave.pk])
    data = {"chamber": world.bs.pk, "kind": "multi", "order": 1, "text_de": "Was fehlt?"}
    assert client.post(url, data).status_code == 400  # a choice needs its options
    data["options_text"] = "Fläche | Space\nFachkräfte | Skilled staff"
    assert client.post(url, data).status_code == 302
    question = ExtraQuestion.objects.get(text_de="Was fehlt?")
    assert question.option_labels("en") == ["Space", "Skilled staff"]


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_extra_questions_as_free_text():
    before = [("economy", "0001_initial")]
    after = [("economy", "0002_extra_question_kinds")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Organization = old.get_model("core", "Organization")
    Network = old.get_model("networks", "Network")
    OldWave = old.get_model("economy", "Wave")
    OldQuestion = old.get_model("economy", "ExtraQuestion")
    chamber = Organization.objects.create(name="IHK Test", kind="chamber_ihk")
    network = Network.objects.create(name="Panel", kind="chamber_cooperation")
    wave = OldWave.objects.create(network=network, year=2018, season=3)
    OldQuestion.objects.create(wave=wave, chamber=chamber, text_de="Alte Frage")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    question = new.get_model("economy", "ExtraQuestion").objects.get(text_de="Alte Frage")
    try:
        assert (question.kind, question.options, question.required) == ("text", [], False)
    finally:  # leave the schema complete for the tests after this one
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
