"""Every page: anonymous, signed in without permission, read-only, permitted, other tenant."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from verbund.economy.models import Answer, Report, ReportVersion
from verbund.economy.services import reports


def get(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def post(client, user, url, data=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.post(url, data or {})


def manage_pages(world):
    wave, report = world.wave, reports.report_for(world.wave, None, world.ilse)
    return [
        reverse("economy:wave_edit", args=[wave.pk]),
        reverse("economy:invitation_list", args=[wave.pk]),
        reverse("economy:extra_questions", args=[wave.pk]),
        reverse("economy:report_edit", args=[report.pk]),
    ]


def test_read_pages_need_economy_view(client, world):
    report = reports.report_for(world.wave, None, world.ilse)
    for url in (
        reverse("economy:wave_detail", args=[world.wave.pk]),
        reverse("economy:report_detail", args=[report.pk]),
    ):
        assert get(client, None, url).status_code == 302
        assert get(client, world.outsider, url).status_code == 404
        assert get(client, world.fremd, url).status_code == 404
        assert get(client, world.viktor, url).status_code == 200
        assert get(client, world.ilse, url).status_code == 200


def test_manage_pages_need_economy_manage(client, world):
    for url in manage_pages(world):
        assert get(client, None, url).status_code == 302, url
        assert get(client, world.outsider, url).status_code == 404, url
        assert get(client, world.fremd, url).status_code == 404, url
        assert get(client, world.viktor, url).status_code == 403, url
        assert get(client, world.ilse, url).status_code == 200, url


def test_panel_page_permissions(client, world):
    url = reverse("economy:panel", args=[world.network.pk])
    assert get(client, None, url).status_code == 302
    assert get(client, world.outsider, url).status_code == 403  # the network is public
    assert get(client, world.viktor, url).status_code == 403
    assert get(client, world.ilse, url).status_code == 200
    other = reverse("economy:panel", args=[world.other.pk])
    assert get(client, world.ilse, other).status_code == 404


@pytest.mark.parametrize(
    "name", ["wave_status", "invite_panel", "send_invitations", "send_reminders", "report_create"]
)
def test_actions_need_economy_manage(client, world, name):
    url = reverse(f"economy:{name}", args=[world.wave.pk])
    assert post(client, None, url).status_code == 302
    assert post(client, world.outsider, url).status_code == 404
    assert post(client, world.viktor, url).status_code == 403
    assert post(client, world.fremd, url).status_code == 404
    assert post(client, world.ilse, url, {"status": "open"}).status_code == 302


def test_wave_list_shows_only_visible_waves(client, world):
    page = get(client, world.ilse, reverse("economy:wave_list")).content.decode()
    assert "Herbst 2018" in page and "Andere Kooperation" not in page
    page = get(client, world.outsider, reverse("economy:wave_list")).content.decode()
    assert "Kammerkooperation" not in page


def test_create_wave_only_for_managed_networks(client, world):
    url = reverse("economy:wave_create")
    assert get(client, world.viktor, url).status_code == 403
    data = {"network": world.network.pk, "year": 2019, "season": 1}
    assert post(client, world.ilse, url, data).status_code == 302
    assert post(client, world.ilse, url, {**data, "network": world.other.pk}).status_code == 400
    assert post(client, world.ilse, url, {**data, "year": 1900}).status_code == 400


def test_invite_send_and_remind(client, world, settings):
    firm = world.firms[0]
    firm.invitations.all().delete()
    client.force_login(world.ilse)
    client.post(reverse("economy:invite_panel", args=[world.wave.pk]))
    assert world.wave.invitations.filter(firm=firm).exists()
    client.post(reverse("economy:send_invitations", args=[world.wave.pk]))
    assert len(mail.outbox) == 21
    assert "/konjunktur/umfrage/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Konjunkturumfrage Herbst 2018"


def test_survey_by_personal_link_saves_and_submits(client, world):
    firm = world.firms[3]
    Answer.objects.filter(wave=world.wave, firm=firm).delete()
    invitation = world.wave.invitations.get(firm=firm)
    url = invitation.survey_path()
    page = client.get(url)
    assert page.status_code == 200 and "Geschäftslage" in page.content.decode()
    assert client.post(url, {"lage": "gut", "save": "1"}).status_code == 302
    answer = Answer.objects.get(wave=world.wave, firm=firm)
    assert answer.status == "draft"
    response = client.post(url, {"lage": "gut", "submit": "1"})
    assert response.status_code == 400
    assert "mindestens die Fragen zur Lage" in response.content.decode()
    data = {"lage": "gut", "erwartungen": "besser", "risiken": ["finanzierung", "wechselkurse"]}
    assert client.post(url, {**data, "submit": "1"}).status_code == 302
    answer.refresh_from_db()
    assert answer.status == "submitted" and answer.risiken == ["finanzierung", "wechselkurse"]
    assert answer.employees == firm.employees and answer.chamber == firm.chamber
    assert client.post(url, {"lage": "unsinn", "submit": "1"}).status_code == 400
    assert client.get(url + "?lang=fr").status_code == 200


def test_survey_link_is_personal_and_closes_with_the_wave(client, world):
    assert client.get(reverse("economy:survey", args=["nicht-gueltig"])).status_code == 404
    invitation = world.wave.invitations.first()
    world.wave.status = "closed"
    world.wave.save()
    assert client.post(invitation.survey_path(), {"lage": "gut", "save": "1"}).status_code == 410


def test_chamber_extra_question_reaches_only_its_firms(client, world):
    client.force_login(world.lena)
    url = reverse("economy:extra_questions", args=[world.wave.pk])
    data = {
        "chamber": world.lw.pk,
        "kind": "text",
        "order": 1,
        "text_de": "Planen Sie Investitionen in Wolfsburg?",
    }
    assert client.post(url, data).status_code == 302
    client.logout()
    own = world.wave.invitations.get(firm=world.firms[20]).survey_path()
    foreign = world.wave.invitations.get(firm=world.firms[2]).survey_path()
    assert "Investitionen in Wolfsburg" in client.get(own).content.decode()
    assert "Investitionen in Wolfsburg" not in client.get(foreign).content.decode()


def test_publish_and_read_the_frozen_report(client, world):
    client.force_login(world.ilse)
    response = client.post(reverse("economy:report_create", args=[world.wave.pk]), {"chamber": ""})
    report = Report.objects.get(wave=world.wave, chamber=None)
    assert response.url == report.get_absolute_url()
    edit = reverse("economy:report_edit", args=[report.pk])
    assert (
        client.post(edit, {"title": report.title, "summary": "Gute Stimmung."}).status_code == 302
    )
    assert (
        post(client, world.viktor, reverse("economy:report_publish", args=[report.pk])).status_code
        == 403
    )
    client.force_login(world.ilse)
    response = client.post(reverse("economy:report_publish", args=[report.pk]))
    assert response.url == report.get_absolute_url()  # Braunschweig released; Lüneburg next
    assert not ReportVersion.objects.filter(report=report).exists()
    client.force_login(world.lena)
    response = client.post(reverse("economy:report_publish", args=[report.pk]))
    version = ReportVersion.objects.get(report=report)
    assert response.url == version.get_absolute_url()
    client.logout()  # published versions are public
    page = client.get(version.get_absolute_url()).content.decode()
    assert "Gute Stimmung." in page and "•" in page and "<img" in page
    pdf = client.get(reverse("economy:version_pdf", args=[version.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("economy:version_xlsx", args=[version.pk]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert "Branche" in workbook.sheetnames and "Zeitreihe" in workbook.sheetnames
    assert "•" in [cell.value for row in workbook["Branche"].iter_rows() for cell in row]
    press = client.get(reverse("economy:version_press", args=[version.pk])).content.decode()
    assert "Konjunkturklimaindex" in press
    assert client.get(reverse("economy:version_pdf", args=[99999])).status_code == 404


def test_each_chamber_publishes_its_own_report(client, world):
    client.force_login(world.ilse)
    client.post(reverse("economy:report_create", args=[world.wave.pk]), {"chamber": world.bs.pk})
    report = Report.objects.get(wave=world.wave, chamber=world.bs)
    assert "IHK Braunschweig" in report.title
    version = reports.publish(report, world.ilse)
    assert version.snapshot["figures"]["total"]["firms"] == 14
    bad = client.post(reverse("economy:report_create", args=[world.wave.pk]), {"chamber": 99999})
    assert bad.status_code == 302 and Report.objects.count() == 1


def test_large_report_is_published_by_a_background_task(client, world, monkeypatch):
    monkeypatch.setattr(reports, "LARGE_REPORT_ANSWERS", 10)
    report = reports.report_for(world.wave, None, world.ilse)
    client.force_login(world.ilse)
    client.post(reverse("economy:report_publish", args=[report.pk]))
    client.force_login(world.lena)
    response = client.post(reverse("economy:report_publish", args=[report.pk]))
    assert response.url == report.get_absolute_url()  # the immediate backend ran the task
    assert report.versions.count() == 1
    report.refresh_from_db()
    assert report.publishing_since is None


def test_panel_add_from_directory_and_import_all_or_nothing(client, world):
    from tests import factories

    company = factories.organization("Bäckerei Wolters", region=world.braunschweig, wz_section="C")
    client.force_login(world.ilse)
    url = reverse("economy:panel", args=[world.network.pk])
    client.post(url, {"add": "1", "chamber": world.bs.pk, "organizations": [company.pk]})
    assert world.network.economy_panel.filter(organization=company).exists()
    bad = "Betrieb;Kammer;Landkreis;WZ;Beschäftigte\nA GmbH;IHK Braunschweig;Braunschweig;C;12\nB GmbH;IHK Köln;Braunschweig;XX;viele\n"
    upload = io.BytesIO(bad.encode())
    upload.name = "panel.csv"
    response = client.post(url, {"import": "1", "file": upload})
    page = response.content.decode()
    assert response.status_code == 400 and "Zeile 3" in page and "IHK Köln" in page
    assert not world.network.economy_panel.filter(name="A GmbH").exists()
    good = io.BytesIO(
        bad.splitlines(keepends=True)[0].encode() + bad.splitlines(keepends=True)[1].encode()
    )
    good.name = "panel.csv"
    assert client.post(url, {"import": "1", "file": good}).status_code == 302
    assert world.network.economy_panel.get(name="A GmbH").district == world.braunschweig


def test_publish_and_question_delete_need_economy_manage(client, world):
    from verbund.economy.models import ExtraQuestion

    report = reports.report_for(world.wave, None, world.ilse)
    question = ExtraQuestion.objects.create(wave=world.wave, chamber=world.bs, text_de="Frage?")
    for url in (
        reverse("economy:report_publish", args=[report.pk]),
        reverse("economy:extra_question_delete", args=[question.pk]),
    ):
        assert post(client, None, url).status_code == 302
        assert client.get(url).status_code in (302, 405)
        assert post(client, world.outsider, url).status_code == 404
        assert post(client, world.fremd, url).status_code == 404
        assert post(client, world.viktor, url).status_code in (403, 404)
    assert report.versions.count() == 0 and ExtraQuestion.objects.filter(pk=question.pk).exists()
    assert (
        post(
            client, world.ilse, reverse("economy:extra_question_delete", args=[question.pk])
        ).status_code
        == 302
    )
    assert not ExtraQuestion.objects.filter(pk=question.pk).exists()


@pytest.mark.parametrize(
    ("language", "download", "heading"),
    [("en", "Download PDF", "Business climate over time"),
     ("fr", "Télécharger le PDF", "Évolution du climat des affaires")],
)  # fmt: skip
def test_report_pages_in_english_and_french(client, world, settings, language, download, heading):
    version = reports.publish(reports.report_for(world.wave, None, world.ilse), world.ilse)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(version.get_absolute_url()).content.decode()
    assert download in page and heading in page
    assert "PDF herunterladen" not in page
    survey = client.get(world.wave.invitations.first().survey_path() + f"?lang={language}")
    assert "Geschäftslage" not in survey.content.decode()


def test_dashboard_lists_the_running_wave_for_its_department(client, world):
    client.force_login(world.ilse)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Konjunkturumfrage Herbst 2018 läuft: 21 von 21 Antworten" in page
    client.force_login(world.viktor)
    assert (
        "Konjunkturumfrage Herbst 2018 läuft"
        not in client.get(reverse("core:dashboard")).content.decode()
    )


def test_remind_command_reminds_once_a_week(world):
    import datetime
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    firm = world.firms[7]
    Answer.objects.filter(wave=world.wave, firm=firm).delete()
    week_ago = timezone.now() - datetime.timedelta(days=8)
    world.wave.invitations.update(sent_at=week_ago)
    out = StringIO()
    call_command("economy", "remind", stdout=out)
    assert "1 reminders sent" in out.getvalue()
    assert mail.outbox[-1].to == [firm.email]
    assert mail.outbox[-1].subject.startswith("Erinnerung: Konjunkturumfrage")
    call_command("economy", "remind", stdout=out)
    assert len(mail.outbox) == 1


def test_wave_list_puts_the_newest_season_first(client, world):
    # Sorting by year alone listed "Frühjahr" above "Herbst" of the same year.
    page = get(client, world.ilse, reverse("economy:wave_list")).content.decode()
    assert page.index("Herbst 2018") < page.index("Frühsommer 2018")


def test_survey_shows_the_privacy_notice(client, world):
    from verbund.core.legal_models import LegalText

    LegalText.objects.create(key="hinweis-economy", title="Datenschutz", body="Zweck: Bericht")
    invitation = world.wave.invitations.first()
    assert "Zweck: Bericht" in client.get(invitation.survey_path()).content.decode()
