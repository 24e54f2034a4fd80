"""Sittings import: all or nothing, every bad row reported with line, column and reason."""

import io

from django.urls import reverse
from openpyxl import Workbook

from verbund.exams.models import Candidate, Sitting
from verbund.exams.services import imports

HEADER = "kennung;ausschuss;beruf;datum;ort;breite;laenge;arbeitgeber;arbeitnehmer;lehrkraefte;prueflinge"


def csv_of(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def good_row(pool, code="N1", day="2027-06-01"):
    return f"{code};{pool.board.code};2611;{day};Wolfsburg;52,42;10,79;1;1;1;P77|Azubi|Tom|{pool.company.pk}"


def test_valid_csv_is_imported(pool_a, planner):
    result = imports.import_sittings(
        pool_a.period, "t.csv", csv_of(good_row(pool_a), good_row(pool_a, "N2")), planner
    )
    assert result.errors == [] and result.created == 2
    sitting = Sitting.objects.get(period=pool_a.period, code="N1")
    assert sitting.lat == 52.42 and sitting.candidates.get().company == pool_a.company


def test_broken_rows_are_all_reported_and_nothing_is_written(pool_a, planner):
    before = Sitting.objects.count(), Candidate.objects.count()
    content = csv_of(
        good_row(pool_a),
        "N2;UNBEKANNT;2611;2027-06-02;Celle;52.6;10.1;1;1;1;",
        f"N3;{pool_a.board.code};9999;2030-01-01;Celle;95;10.1;2;1;1;",
        f"SA0;{pool_a.board.code};2611;01.06.2027;;52.6;10.1;1;1;1;kaputt",
    )
    result = imports.import_sittings(pool_a.period, "t.csv", content, planner)
    found = {(e.line, e.column) for e in result.errors}
    assert (3, "ausschuss") in found
    assert {(4, "beruf"), (4, "datum"), (4, "breite"), (4, "arbeitgeber")} <= found
    assert {(5, "kennung"), (5, "ort"), (5, "prueflinge")} <= found
    assert (Sitting.objects.count(), Candidate.objects.count()) == before


def test_missing_columns_and_unreadable_files(pool_a, planner):
    result = imports.import_sittings(pool_a.period, "t.csv", b"kennung;ort\nX;Y\n", planner)
    assert {e.column for e in result.errors} >= {"ausschuss", "datum"}
    result = imports.import_sittings(pool_a.period, "t.xlsx", b"not a zip", planner)
    assert result.errors and result.created == 0


def test_xlsx_import(pool_a, planner):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(good_row(pool_a).replace(",", ".").split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = imports.import_sittings(pool_a.period, "t.xlsx", buffer.getvalue(), planner)
    assert result.errors == [] and result.created == 1


def test_import_page_reports_errors(client, pool_a, planner):
    client.force_login(planner)
    upload = io.BytesIO(csv_of("N9;X;2611;2027-06-02;Celle;52.6;10.1;1;1;1;"))
    upload.name = "termine.csv"
    response = client.post(
        reverse("exams:sittings_import", args=[pool_a.period.pk]), {"file": upload}
    )
    assert response.status_code == 400
    assert "ausschuss" in response.content.decode()
    assert not Sitting.objects.filter(code="N9").exists()


def test_venues_by_address_or_town_need_no_coordinates(pool_a, planner):
    header = "kennung;ausschuss;beruf;datum;ort;arbeitgeber;arbeitnehmer;lehrkraefte;prueflinge"
    board = pool_a.board.code
    content = (
        "\n".join(
            [
                header,
                f"A1;{board};2611;2027-06-01;BBS II, Kleiststraße 1, 38440 Wolfsburg;1;1;1;",
                f"A2;{board};2611;02.06.2027;Celle;1;1;1;",
            ]
        )
        + "\n"
    ).encode("cp1252")  # as German Excel saves it
    result = imports.import_sittings(pool_a.period, "t.csv", content, planner)
    assert result.errors == [] and result.created == 2
    wolfsburg = Sitting.objects.get(period=pool_a.period, code="A1")
    assert abs(wolfsburg.lat - 52.42) < 0.1 and abs(wolfsburg.lon - 10.78) < 0.1
    assert Sitting.objects.get(period=pool_a.period, code="A2").lat is not None


def test_an_unknown_venue_is_refused_with_a_message(pool_a, planner):
    header = "kennung;ausschuss;beruf;datum;ort;arbeitgeber;arbeitnehmer;lehrkraefte"
    content = f"{header}\nA1;{pool_a.board.code};2611;2027-06-01;Atlantis;1;1;1\n".encode()
    result = imports.import_sittings(pool_a.period, "t.csv", content, planner)
    (error,) = result.errors
    assert (error.line, error.column) == (2, "ort") and "Atlantis" in error.reason
