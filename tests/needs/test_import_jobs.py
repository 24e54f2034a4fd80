"""Large invitation lists are imported by a background job (not inside a 30 s request)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from verbund.core.models import Job
from verbund.needs.models import Invitation
from verbund.needs.views import waves as wave_views

HEADER = "Betrieb;E-Mail;Landkreis;WZ;Größenklasse\n"


def rows(count: int, email: str = "firma{n}@example.org") -> str:
    return "".join(
        f"Tischlerei Nummer {n} GmbH;{email.format(n=n)};Holzminden;C;10-49\n" for n in range(count)
    )


def post_import(client, wave, content: str, **data):
    upload = SimpleUploadedFile("firmen.csv", content.encode())
    return client.post(reverse("needs:invitation_import", args=[wave.pk]), {"file": upload, **data})


def test_a_large_list_is_imported_by_a_job_and_its_page_shows_the_report(
    survey_world, client, monkeypatch
):
    # A low threshold keeps the test fast; the job runs the same service as the page.
    monkeypatch.setattr(wave_views, "BACKGROUND_IMPORT_BYTES", 500)
    client.force_login(survey_world.nora)
    before = Invitation.objects.count()
    response = post_import(client, survey_world.wave_a, HEADER + rows(20))
    job = Job.objects.get(kind="needs.import_invitations")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.result["created"] == 20
    assert Invitation.objects.count() == before + 20
    page = client.get(job.result_url)
    assert page.status_code == 200
    assert "20 Einladungen angelegt." in page.content.decode()


def test_a_bad_large_file_writes_nothing_and_reports_its_rows(survey_world, client):
    client.force_login(survey_world.nora)
    before = Invitation.objects.count()
    # Over 200 KB with one bad e-mail address in line 5000.
    content = HEADER + rows(4998) + "Bäckerei Kaputt KG;kein-mail;Holzminden;C;1-9\n"
    assert len(content.encode()) > wave_views.BACKGROUND_IMPORT_BYTES
    response = post_import(client, survey_world.wave_a, content)
    job = Job.objects.get(kind="needs.import_invitations")
    assert response.status_code == 302
    assert job.result["created"] == 0
    assert job.result["errors"][0]["line"] == 5000
    assert job.result["errors"][0]["column"] == "E-Mail"
    assert Invitation.objects.count() == before
    page = client.get(job.result_url).content.decode()
    assert "Keine gültige E-Mail-Adresse" in page and "nichts importiert" in page


def test_skipping_invalid_rows_in_a_job_reports_both(survey_world, client, monkeypatch):
    monkeypatch.setattr(wave_views, "BACKGROUND_IMPORT_BYTES", 500)
    client.force_login(survey_world.nora)
    content = HEADER + rows(20) + "Kaputt KG;kein-mail;;;\n"
    post_import(client, survey_world.wave_a, content, skip_invalid="on")
    job = Job.objects.get(kind="needs.import_invitations")
    assert job.result["created"] == 20 and len(job.result["errors"]) == 1
    page = client.get(job.result_url).content.decode()
    assert "20 Einladungen angelegt." in page and "übersprungen" in page


def test_another_manager_cannot_open_the_job_or_its_report(
    survey_world, org_a, client, monkeypatch
):
    monkeypatch.setattr(wave_views, "BACKGROUND_IMPORT_BYTES", 500)
    client.force_login(survey_world.nora)
    post_import(client, survey_world.wave_a, HEADER + rows(20))
    job = Job.objects.get(kind="needs.import_invitations")
    colleague = factories.user("paula", organization=org_a)
    factories.grant(colleague, ["needs.manage"], network=survey_world.network_a, name="Zweite")
    client.force_login(colleague)
    assert client.get(job.get_absolute_url()).status_code == 404
    page = client.get(job.result_url)
    assert page.status_code == 200 and "Einladungen angelegt" not in page.content.decode()
    client.force_login(survey_world.outsider)
    assert client.get(job.result_url).status_code in (403, 404)
