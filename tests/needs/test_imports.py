"""Importing companies to invite: all or nothing, every error with line, column and reason."""

import io

import pytest
from openpyxl import Workbook

from verbund.needs.models import Invitation
from verbund.needs.services.imports import import_invitations

GOOD = "Betrieb;E-Mail;Landkreis;WZ;Größenklasse\nA GmbH;a@example.org;Holzminden;C;10-49\nB KG;b@example.org;03460;F;1-9\n"


def test_valid_csv_creates_invitations(survey_world):
    wave = survey_world.wave_a
    before = Invitation.objects.count()
    result = import_invitations(wave, "firmen.csv", GOOD.encode(), survey_world.nora)
    assert result.ok and result.created == 2
    assert Invitation.objects.count() == before + 2
    assert Invitation.objects.get(company_name="B KG").district.code == "03460"


@pytest.mark.parametrize(
    "content,line,column",
    [
        (GOOD + "C AG;kein-mail;Holzminden;C;10-49\n", 4, "E-Mail"),
        (GOOD + ";c@example.org;Holzminden;C;10-49\n", 4, "Betrieb"),
        (GOOD + "C AG;c@example.org;Atlantis;C;10-49\n", 4, "Landkreis"),
        (GOOD + "C AG;c@example.org;Vechta;Z;10-49\n", 4, "WZ"),
        (GOOD + "C AG;c@example.org;Vechta;C;11-12\n", 4, "Größenklasse"),
        (GOOD + "C AG;a@example.org;Vechta;C;10-49\n", 4, "E-Mail"),
        ("Firma-falsch;E-Mail\nA;a@example.org\n", 1, "betrieb"),
    ],
)
def test_broken_rows_leave_database_unchanged(survey_world, content, line, column):
    before = Invitation.objects.count()
    result = import_invitations(
        survey_world.wave_a, "firmen.csv", content.encode(), survey_world.nora
    )
    assert not result.ok and result.created == 0
    assert (result.errors[0].line, result.errors[0].column) == (line, column)
    assert result.errors[0].reason
    assert Invitation.objects.count() == before


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"PK\x03\x04 not a zip"])
def test_unreadable_files_are_reported(survey_world, content):
    before = Invitation.objects.count()
    name = "x.xlsx" if content.startswith(b"PK") else "x.csv"
    result = import_invitations(survey_world.wave_a, name, content, survey_world.nora)
    assert not result.ok and Invitation.objects.count() == before


def test_skip_invalid_imports_the_valid_rows(survey_world):
    content = (GOOD + "C AG;kein-mail;Holzminden;C;10-49\n").encode()
    result = import_invitations(
        survey_world.wave_a, "f.csv", content, survey_world.nora, skip_invalid=True
    )
    assert result.created == 2 and len(result.errors) == 1


def test_xlsx_import(survey_world, client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Betrieb", "E-Mail", "Sprache"])
    sheet.append(["Société Test", "s@example.org", "fr"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(survey_world.nora)
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("liste.xlsx", buffer.getvalue())
    response = client.post(
        reverse("needs:invitation_import", args=[survey_world.wave_a.pk]), {"file": upload}
    )
    assert response.status_code == 302
    assert Invitation.objects.get(company_name="Société Test").language == "fr"


def test_import_page_lists_errors(survey_world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(survey_world.nora)
    upload = SimpleUploadedFile("f.csv", (GOOD + "C AG;kein-mail;;;\n").encode())
    response = client.post(
        reverse("needs:invitation_import", args=[survey_world.wave_a.pk]), {"file": upload}
    )
    assert response.status_code == 400
    assert "Keine gültige E-Mail-Adresse" in response.content.decode()


def test_windows_1252_with_commas_is_read_not_a_codec_error(survey_world):
    content = GOOD.replace("A GmbH", "Bäckerei Müller").replace(";", ",").encode("cp1252")
    result = import_invitations(survey_world.wave_a, "firmen.csv", content, survey_world.nora)
    assert result.ok, [str(error) for error in result.errors]
    assert Invitation.objects.filter(company_name="Bäckerei Müller").exists()


def test_an_unreadable_file_gets_a_german_message(survey_world):
    result = import_invitations(
        survey_world.wave_a, "firmen.csv", "Betrieb\nA".encode("utf-16"), survey_world.nora
    )
    assert "UTF-16" in result.errors[0].reason and "codec" not in result.errors[0].reason


def test_closed_wave_takes_no_invitations(survey_world):
    wave = survey_world.wave_a
    wave.status = wave.Status.CLOSED
    wave.save(update_fields=["status"])
    before = Invitation.objects.filter(wave=wave).count()
    result = import_invitations(wave, "firmen.csv", GOOD.encode(), survey_world.nora)
    assert result.created == 0 and "abgeschlossen" in result.errors[0].reason
    assert Invitation.objects.filter(wave=wave).count() == before
