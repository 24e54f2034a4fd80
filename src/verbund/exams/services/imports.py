"""Import sittings of a period from CSV or XLSX: all or nothing.

Every row is validated first; every problem is reported with line, column and reason;
nothing is written unless every row is valid. Format: docs/exams.md.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from verbund.core.models import Organization
from verbund.core.services import audit
from verbund.core.services.params import parse_id, parse_int
from verbund.exams.models import Board, Candidate, Occupation, Sitting
from verbund.exams.services import composition
from verbund.exams.services.visibility import plannable_candidates

COLUMNS = (
    "kennung",
    "ausschuss",
    "beruf",
    "datum",
    "ort",
    "breite",
    "laenge",
    "arbeitgeber",
    "arbeitnehmer",
    "lehrkraefte",
    "prueflinge",
)
REQUIRED = COLUMNS[:10]


MAX_SEATS = 99  # seats of one group in one sitting


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0


def read_table(name: str, content: bytes) -> list[dict]:
    """Rows as dicts keyed by lower-case header; line numbers start at 2 (after header)."""
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        values = [
            ["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    else:
        text = content.decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
        values = list(csv.reader(io.StringIO(text), dialect))
    if not values:
        return []
    header = [str(h).strip().lower() for h in values[0]]
    return [
        dict(zip(header, row, strict=False))
        for row in values[1:]
        if any(str(v).strip() for v in row)
    ]


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError


def _parse_candidates(text: str, line: int, errors: list[RowError]):
    """``Nummer|Nachname|Vorname|Betrieb-ID; ...``"""
    found = []
    for item in [part.strip() for part in str(text or "").split(";") if part.strip()]:
        parts = [p.strip() for p in item.split("|")]
        if len(parts) != 4 or not all(parts[:3]):
            errors.append(
                RowError(
                    line,
                    "prueflinge",
                    _("Erwartet Nummer|Nachname|Vorname|Betrieb-ID: %(item)s") % {"item": item},
                )
            )
            continue
        company = None
        if parts[3]:
            company = Organization.objects.filter(pk=parse_id(parts[3])).first()
            if company is None:
                errors.append(
                    RowError(
                        line, "prueflinge", _("Unbekannter Betrieb: %(id)s") % {"id": parts[3]}
                    )
                )
                continue
        found.append((parts[0], parts[1], parts[2], company))
    return found


def _check_candidates(candidates, line: int, user, errors: list[RowError]) -> None:
    """A number that exists must be one of the user's own candidates, with that name.

    Numbers are sequential: resolving any existing number would hand another chamber's
    candidate (name, company) to whoever guesses it. Such rows are refused without
    saying whose the number is.
    """
    numbers = [number for number, _last, _first, _company in candidates]
    existing = {c.number: c for c in Candidate.objects.filter(number__in=numbers)}
    if not existing:
        return
    own = set(
        plannable_candidates(user).filter(number__in=list(existing)).values_list("pk", flat=True)
    )
    for number, last, first, _company in candidates:
        found = existing.get(number)
        if found is None:
            continue
        if found.pk not in own:
            errors.append(
                RowError(
                    line,
                    "prueflinge",
                    _("Die Prüflingsnummer %(number)s ist bereits vergeben.") % {"number": number},
                )
            )
        elif (found.last_name, found.first_name) != (last, first):
            errors.append(
                RowError(
                    line,
                    "prueflinge",
                    _("Die Prüflingsnummer %(number)s gehört zu einem anderen Namen.")
                    % {"number": number},
                )
            )


def validate(period, rows: list[dict], user=None) -> tuple[list[RowError], list[dict]]:
    errors: list[RowError] = []
    parsed = []
    if rows:
        missing = [c for c in REQUIRED if c not in rows[0]]
        if missing:
            return [RowError(1, c, _("Spalte fehlt.")) for c in missing], []
    boards = {b.code: b for b in Board.objects.filter(network=period.network_id)}
    occupations = {o.code: o for o in Occupation.objects.all()}
    existing = set(Sitting.objects.filter(period=period).values_list("code", flat=True))
    seen = set()
    for line, row in enumerate(rows, start=2):
        before = len(errors)
        value = {
            k: (row.get(k) if not isinstance(row.get(k), str) else row.get(k).strip())
            for k in COLUMNS
        }
        code = str(value["kennung"] or "")
        if not code:
            errors.append(RowError(line, "kennung", _("Pflichtfeld.")))
        elif code in existing or code in seen:
            errors.append(
                RowError(line, "kennung", _("Kennung gibt es schon: %(code)s") % {"code": code})
            )
        seen.add(code)
        board = boards.get(str(value["ausschuss"] or ""))
        if board is None:
            errors.append(RowError(line, "ausschuss", _("Unbekannter Ausschuss dieses Pools.")))
        occupation = occupations.get(str(value["beruf"] or ""))
        if occupation is None:
            errors.append(RowError(line, "beruf", _("Unbekannte Berufsnummer.")))
        try:
            day = _date(value["datum"])
            if not period.start <= day <= period.end:
                errors.append(RowError(line, "datum", _("Außerhalb des Prüfungszeitraums.")))
        except ValueError:
            day = None
            errors.append(RowError(line, "datum", _("Kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).")))
        if not value["ort"]:
            errors.append(RowError(line, "ort", _("Pflichtfeld.")))
        coordinates = {}
        for column, low, high in (("breite", -90, 90), ("laenge", -180, 180)):
            try:
                number = float(str(value[column]).replace(",", "."))
                if not low <= number <= high:
                    raise ValueError
                coordinates[column] = number
            except ValueError:
                errors.append(RowError(line, column, _("Keine gültige Koordinate.")))
        seats = {}
        for column, group in (
            ("arbeitgeber", "employer"),
            ("arbeitnehmer", "employee"),
            ("lehrkraefte", "teacher"),
        ):
            count = parse_int(value[column], minimum=0, maximum=MAX_SEATS)
            if count is None:
                errors.append(RowError(line, column, _("Keine ganze Zahl von 0 bis 99.")))
            else:
                seats[group] = count
        if len(seats) == 3:
            errors += [
                RowError(line, "arbeitgeber", message) for message in composition.seat_errors(seats)
            ]
        candidates = _parse_candidates(value.get("prueflinge"), line, errors)
        if user is not None:
            _check_candidates(candidates, line, user, errors)
        if len(errors) == before:
            parsed.append(
                {
                    "code": code,
                    "board": board,
                    "occupation": occupation,
                    "date": day,
                    "place": str(value["ort"]),
                    "lat": coordinates["breite"],
                    "lon": coordinates["laenge"],
                    "seats": seats,
                    "candidates": candidates,
                }
            )
    return errors, parsed


def import_sittings(period, name: str, content: bytes, user) -> ImportResult:
    try:
        rows = read_table(name, content)
    except Exception:  # a broken file is one error, not a crash
        return ImportResult(
            errors=[RowError(1, "", _("Die Datei kann nicht gelesen werden (CSV oder XLSX)."))]
        )
    if not rows:
        return ImportResult(errors=[RowError(1, "", _("Die Datei enthält keine Zeilen."))])
    errors, parsed = validate(period, rows, user)
    if errors:
        return ImportResult(errors=errors)
    with transaction.atomic():
        for item in parsed:
            sitting = Sitting.objects.create(
                period=period,
                code=item["code"],
                board=item["board"],
                occupation=item["occupation"],
                date=item["date"],
                place=item["place"],
                lat=item["lat"],
                lon=item["lon"],
                seats_employer=item["seats"]["employer"],
                seats_employee=item["seats"]["employee"],
                seats_teacher=item["seats"]["teacher"],
            )
            for number, last, first, company in item["candidates"]:
                candidate, _created = Candidate.objects.get_or_create(
                    number=number,
                    defaults={"last_name": last, "first_name": first, "company": company},
                )
                sitting.candidates.add(candidate)
        audit.record(
            period, "exams.sittings.imported", user=user, data={"file": name, "rows": len(parsed)}
        )
    return ImportResult(created=len(parsed))
