"""The one reading layer of every CSV/XLSX import (courses, invitations, sittings, ...).

``read_table(filename, content)`` returns the header and the non-empty rows with their
line numbers, whatever German office software wrote: UTF-8 with or without BOM or
Windows-1252 (what German Excel saves as "CSV"), ``;`` or ``,`` or tab as separator,
or an XLSX workbook (first sheet). A file that cannot be read raises ``FileError`` with a
German message meant for the user; never a codec or zip error.

Cells stay as read (XLSX gives dates and numbers as such); ``parse_date`` accepts German
and ISO dates ("01.03.2026", "2026-03-01"); ``parse_decimal`` is the platform's one number
reader (``verbund.core.services.numbers``: "1.290,50", "1290.50"; mixed spellings such as
"1,290.50" are refused), importable from here for importers. Row problems are ``RowError(line, column, reason)`` so that every
import reports in the same format (see docs/development.md, "Imports").
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from verbund.core.services.numbers import NotANumber, parse_decimal

__all__ = [
    "FileError",
    "NotANumber",
    "RowError",
    "Table",
    "cell_text",
    "parse_date",
    "parse_decimal",
    "read_table",
]

DELIMITERS = (";", ",", "\t")
MAX_ROWS = 200_000
# An XLSX is a zip archive: a 2.3 MB "zip bomb" unpacks to gigabytes and took a whole web
# worker with it. The archive's table of contents states every member's unpacked size,
# and Python's zipfile never inflates a member beyond it, so the sum is checked before
# openpyxl opens anything. 200,000 rows of a wide sheet stay well below these limits.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 10_000


class FileError(Exception):
    """The file as a whole cannot be read (encoding, format, emptiness)."""


@dataclass(frozen=True)
class RowError:
    line: int  # 1 = the header
    column: str
    reason: str

    def __str__(self):
        where = _("Zeile %(line)s") % {"line": self.line}
        return (
            f"{where}, {self.column}: {self.reason}" if self.column else f"{where}: {self.reason}"
        )


@dataclass
class Table:
    header: list[str]  # as written (stripped)
    rows: list[tuple[int, list]] = field(default_factory=list)  # (line number, cells)

    def records(self, lower: bool = True) -> list[tuple[int, dict]]:
        """Rows as dicts by header name (lower-cased unless ``lower=False``)."""
        names = [name.lower() if lower else name for name in self.header]
        return [(line, dict(zip(names, cells, strict=False))) for line, cells in self.rows]


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise FileError(
            _(
                "Die Datei ist nicht in UTF-8 oder Windows-1252 kodiert (vermutlich UTF-16). "
                "Bitte als „CSV UTF-8“ speichern."
            )
        )
    if b"\x00" in data:
        # PostgreSQL cannot store text with NUL: refused here rather than as a 500 later.
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise FileError(
            _("Die Datei enthält ein unzulässiges Steuerzeichen (Nullzeichen) in Zeile %(line)s.")
            % {"line": line}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileError(
            _("Die Datei ist weder UTF-8 noch Windows-1252 (Byte %(position)s).")
            % {"position": error.start}
        ) from error


def detect_delimiter(header_line: str) -> str:
    """The separator the header line uses most (``;`` on a tie: German Excel's choice)."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def is_xlsx(filename: str, content: bytes) -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or content[:2] == b"PK"


def read_table(filename: str, content: bytes) -> Table:
    """Header and non-empty rows of a CSV or XLSX file (see the module docstring)."""
    table = _read_xlsx(content) if is_xlsx(filename, content) else _read_csv(content)
    if not table.header or not any(table.header):
        raise FileError(_("Die Datei ist leer."))
    if len(table.rows) > MAX_ROWS:
        raise FileError(_("Zu viele Zeilen (höchstens %(max)s).") % {"max": f"{MAX_ROWS:,}"})
    return table


def _read_csv(content: bytes) -> Table:
    text = decode(content)
    if not text.strip():
        raise FileError(_("Die Datei ist leer."))
    delimiter = detect_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader)]
        rows = []
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((reader.line_num, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise FileError(
            _("Die CSV-Datei ist beschädigt (Zeile %(line)s).") % {"line": reader.line_num}
        ) from error
    return Table(header, rows)


def check_archive(content: bytes) -> None:
    """Refuse an XLSX (zip) whose members would unpack beyond the limits (FileError)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        raise FileError(_("Die Datei ist keine gültige XLSX-Arbeitsmappe.")) from error
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ARCHIVE_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise FileError(
            _(
                "Die XLSX-Datei wäre entpackt %(size)s MB groß (erlaubt sind höchstens "
                "%(limit)s MB). Bitte teilen Sie die Daten auf mehrere Dateien auf oder "
                "speichern Sie sie als CSV."
            )
            % {
                "size": f"{unpacked / 1024 / 1024:,.0f}".replace(",", "."),
                "limit": MAX_UNPACKED_BYTES // 1024 // 1024,
            }
        )


def open_workbook(content: bytes):
    """The workbook of an upload, read-only, after ``check_archive``; FileError otherwise.
    Every XLSX import opens its file here (the one reading layer)."""
    from openpyxl import load_workbook

    check_archive(content)
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # zip, XML and openpyxl errors of several kinds
        raise FileError(_("Die Datei ist keine gültige XLSX-Arbeitsmappe.")) from error


def _read_xlsx(content: bytes) -> Table:
    workbook = open_workbook(content)
    try:
        values = workbook.worksheets[0].iter_rows(values_only=True)
        header = next(values, None)
        if header is None:
            raise FileError(_("Die Datei ist leer."))
        rows = [
            (number, [cell.strip() if isinstance(cell, str) else cell for cell in cells])
            for number, cells in enumerate(values, start=2)
            if any(cell not in (None, "") for cell in cells)
        ]
    finally:
        workbook.close()
    return Table(["" if cell is None else str(cell).strip() for cell in header], rows)


def cell_text(value) -> str:
    """A cell as text: "" for empty, dates ISO, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_date(value) -> datetime.date:
    """ISO (2026-03-01) or German (01.03.2026, 1.3.26) date; ValueError otherwise."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)
