"""The one reading layer of every import: encodings, separators, XLSX, German numbers."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from verbund.core.services import tabular

ROWS = "Name;Ort;Preis\nBäckerei Müller;Hameln;1.290,50\n\n;;\nSchmidt & Söhne;Höxter;15\n"


@pytest.mark.parametrize(
    "content",
    [
        ROWS.encode("utf-8"),
        b"\xef\xbb\xbf" + ROWS.encode("utf-8"),
        ROWS.encode("cp1252"),
        ROWS.replace(";", ",").replace("1.290,50", '"1.290,50"').encode("utf-8"),
        ROWS.replace(";", "\t").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "comma", "tab"],
)
def test_csv_in_every_spelling_german_office_writes(content):
    table = tabular.read_table("a.csv", content)
    assert table.header == ["Name", "Ort", "Preis"]
    assert [line for line, _cells in table.rows] == [2, 5]  # empty rows skipped, lines kept
    assert table.rows[0][1][0] == "Bäckerei Müller"
    assert tabular.parse_decimal(table.rows[0][1][2]) == Decimal("1290.50")


def test_xlsx_is_read_with_its_types():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Datum", "Anzahl"])
    sheet.append(["Bäckerei", datetime.date(2026, 3, 1), 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = tabular.read_table("a.xlsx", buffer.getvalue())
    ((line, cells),) = table.rows
    assert line == 2 and tabular.parse_date(cells[1]) == datetime.date(2026, 3, 1)
    assert tabular.cell_text(cells[2]) == "3"


@pytest.mark.parametrize(
    "content,name,message",
    [
        ("Name\nA".encode("utf-16"), "a.csv", "UTF-16"),
        (b"", "a.csv", "leer"),
        (b"PK\x03\x04 kaputt", "a.xlsx", "XLSX"),
    ],
)
def test_unreadable_files_raise_a_german_message(content, name, message):
    with pytest.raises(tabular.FileError, match=message):
        tabular.read_table(name, content)


def test_german_dates_and_decimals():
    assert tabular.parse_date("01.03.2026") == tabular.parse_date("2026-03-01")
    assert tabular.parse_date("1.3.26") == datetime.date(2026, 3, 1)
    for text, expected in [
        ("1.290,50", "1290.50"),
        ("1290,5", "1290.5"),
        ("15", "15"),
        ("1 290,50 €", "1290.50"),
    ]:
        assert tabular.parse_decimal(text) == Decimal(expected), text
    for bad in ("NaN", "", "zwölf", "1,290.50"):
        with pytest.raises(ValueError):
            tabular.parse_decimal(bad)
    with pytest.raises(ValueError):
        tabular.parse_date("morgen")
    assert str(tabular.RowError(4, "E-Mail", "Keine gültige E-Mail-Adresse.")) == (
        "Zeile 4, E-Mail: Keine gültige E-Mail-Adresse."
    )


def _bomb(unpacked_mib: int) -> bytes:
    """A zip whose one sheet unpacks to ``unpacked_mib`` MiB of zeros (a few KB packed)."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"0" * (1024 * 1024)
            for _ in range(unpacked_mib):
                sheet.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    """Issue 24: a 2.3 MB XLSX that unpacks to gigabytes killed a web worker."""
    import openpyxl

    monkeypatch.setattr(tabular, "MAX_UNPACKED_BYTES", 2 * 1024 * 1024)

    def must_not_open(*args, **kwargs):
        raise AssertionError("openpyxl opened the bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", must_not_open)
    bomb = _bomb(8)
    assert len(bomb) < 100_000
    with pytest.raises(tabular.FileError, match="entpackt 8 MB groß.*höchstens 2 MB"):
        tabular.read_table("umfrage.xlsx", bomb)
    with pytest.raises(tabular.FileError, match="entpackt"):
        tabular.open_workbook(bomb)


def test_a_real_size_bomb_is_refused_by_the_default_limit():
    with pytest.raises(tabular.FileError, match="entpackt 300 MB"):
        tabular.read_table("bombe.xlsx", _bomb(300))


def test_a_broken_zip_is_a_file_error():
    with pytest.raises(tabular.FileError, match="keine gültige XLSX"):
        tabular.read_table("kaputt.xlsx", b"PK\x03\x04 kein zip")


def test_a_nul_character_in_a_csv_is_refused_with_its_line():
    """PostgreSQL cannot store NUL: refused by the reading layer, not a 500 on saving."""
    content = ("Name;Ort\n" + "Bäckerei;Hameln\n" * 300 + "Schm\x00idt;Höxter\n").encode()
    with pytest.raises(tabular.FileError, match="Nullzeichen.*Zeile 302"):
        tabular.read_table("firmen.csv", content)
