"""OIDs on organisations and the check before a stay goes to the Beneficiary Module."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from verbund.mobility.models import OrganisationOid
from verbund.mobility.services import beneficiary, reporting


@pytest.mark.parametrize("bad", ["E1234567", "e12345678x", "12345678", "E1234567A", ""])
def test_oid_format_is_e_and_eight_digits(chamber_a, bad):
    with pytest.raises(ValidationError):
        beneficiary.set_oid(chamber_a, bad)
    assert not OrganisationOid.objects.exists()


def test_oid_is_unique_and_stored_upper_case(chamber_a, world):
    assert beneficiary.set_oid(chamber_a, " e10123456 ").oid == "E10123456"
    with pytest.raises(ValidationError):
        beneficiary.set_oid(world["a"].host, "E10123456")


def test_missing_mandatory_values_are_named_per_stay_and_refuse_the_export(world, tmp_path, capsys):
    a = world["a"]
    out = tmp_path / "aufenthalte.csv"
    with pytest.raises(CommandError, match="Pflichtangaben fehlen"):
        call_command("erasmus", "export", str(a.project.pk), "--out", str(out))
    text = capsys.readouterr().out
    assert "Projektnummer (Grant Agreement No.) fehlt" in text
    assert "Entsendende Einrichtung „Handwerkskammer Hannover“: OID fehlt." in text
    assert f"Aufenthalt S{a.stay.pk}" in text and "OID der aufnehmenden Einrichtung" in text
    assert not out.exists()
    a.project.reference = "2026-1-DE02-KA122-VET-000123456"
    a.project.save()
    call_command("erasmus", "oid", str(a.project.beneficiary_id), "E10000001")
    call_command("erasmus", "oid", str(a.host.pk), "E10000002")
    call_command("erasmus", "check", str(a.project.pk))
    assert "Alle Pflichtangaben sind vorhanden." in capsys.readouterr().out
    call_command("erasmus", "export", str(a.project.pk), "--out", str(out))
    row = reporting.export_rows(a.project)[1]
    assert row[-3:] == ["2026-1-DE02-KA122-VET-000123456", "E10000001", "E10000002"]
    assert "E10000002" in out.read_bytes().decode("utf-8-sig")


def test_a_bad_oid_on_the_command_line_is_a_clear_error(chamber_a):
    with pytest.raises(CommandError, match="acht Ziffern"):
        call_command("erasmus", "oid", str(chamber_a.pk), "E12")
