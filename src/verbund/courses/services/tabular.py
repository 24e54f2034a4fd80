"""Reading and writing the CSV/XLSX column format of docs/courses.md (one row per run).

Reading yields ``SourceRow`` records (line number + column -> text); ``importing``
validates them. Encoding (UTF-8 with or without BOM, or Windows-1252) and separator come
from the shared layer ``verbund.core.services.tabular``.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from verbund.core.services.spreadsheet import csv_row, csv_unescape, xlsx_row

# Encoding and separator detection are the shared import layer's (FileError re-exported).
from verbund.core.services.tabular import (  # noqa: F401
    FileError,
    decode,
    detect_delimiter,
    open_workbook,
)

REQUIRED_COLUMNS = (
    "offer_id",
    "provider",
    "title",
    "description",
    "city",
    "start_date",
    "end_date",
    "format",
    "price_eur",
)
OPTIONAL_COLUMNS = (
    "run_id",
    "postcode",
    "street",
    "topics",
    "target_groups",
    "language",
    "hours",
    "time_of_day",
    "funding",
    "certificate",
    "url",
    "min_participants",
    "max_participants",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS


@dataclass
class SourceRow:
    line: int  # 1-based line (CSV) or row (XLSX) number; XML: the SERVICE's position
    values: dict[str, object]
    where: str = ""  # how to name the row in a report when not a line (XML)


def check_header(header: list[str]) -> list[str]:
    names = [str(name or "").strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in names]
    unknown = [name for name in names if name and name not in COLUMNS]
    duplicate = sorted({name for name in names if name and names.count(name) > 1})
    problems = []
    if missing:
        problems.append(_("Pflichtspalten fehlen: %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        problems.append(
            _("Unbekannte Spalten: %(names)s. Erlaubt sind: %(allowed)s")
            % {"names": ", ".join(unknown), "allowed": ", ".join(COLUMNS)}
        )
    if duplicate:
        problems.append(_("Doppelte Spalten: %(names)s") % {"names": ", ".join(duplicate)})
    if problems:
        raise FileError(" ".join(problems))
    return names


def read_csv(data: bytes) -> Iterator[SourceRow]:
    text = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = detect_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FileError(_("Die Datei ist leer.")) from None
    names = check_header(header)
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        line = reader.line_num
        if len(values) > len(names):
            extra = [v for v in values[len(names) :] if v.strip()]
            if extra:
                yield SourceRow(line, {"__extra__": len(values)})
                continue
        yield SourceRow(line, dict(zip(names, map(csv_unescape, values), strict=False)))


def read_xlsx(data: bytes) -> Iterator[SourceRow]:
    workbook = open_workbook(data)
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = next(rows)
    except StopIteration:
        raise FileError(_("Die Datei ist leer.")) from None
    names = check_header(list(header))
    for number, values in enumerate(rows, start=2):
        if not any(value not in (None, "") for value in values):
            continue
        yield SourceRow(
            number, {name: value for name, value in zip(names, values, strict=False) if name}
        )
    workbook.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ";".join(str(item) for item in value)
    return str(value)


def write_csv(rows: Iterable[dict]) -> bytes:
    """UTF-8 with BOM and ``;`` (opens directly in German Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(csv_row(_text(row.get(name)) for name in COLUMNS))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(rows: Iterable[dict]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Angebote")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(
            xlsx_row(
                sheet,
                [
                    row.get(name)
                    if isinstance(row.get(name), datetime.date | int | float)
                    else _text(row.get(name))
                    for name in COLUMNS
                ],
            )
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
