"""Import sittings of a period from CSV or XLSX: all or nothing.

Every row is validated first; every problem is reported with line, column and reason;
nothing is written unless every row is valid. Format: docs/exams.md.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from verbund.core.models import Occupation, Organization
from verbund.core.services import audit, tabular
from verbund.core.services.geo import place_coordinates
from verbund.core.services.params import parse_id, parse_int
from verbund.exams.models import Board, Candidate, Sitting
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
# Coordinates are optional: the venue is found from its address or town ("ort").
REQUIRED = tuple(column for column in COLUMNS[:10] if column not in ("breite", "laenge"))


MAX_SEATS = 99  # seats of one group in one sitting

# The shared report format of every import: line, column, reason.
RowError = tabular.RowError


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0


def read_table(name: str, content: bytes) -> list[tuple[int, dict]]:
    """(line, row by lower-case header) of a CSV or XLSX file (the shared reading layer)."""
    return tabular.read_table(name, content).records()


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


def validate(period, rows: list[tuple[int, dict]], user=None) -> tuple[list[RowError], list[dict]]:
    errors: list[RowError] = []
    parsed = []
    if rows:
        missing = [c for c in REQUIRED if c not in rows[0][1]]
        if missing:
            return [RowError(1, c, _("Spalte fehlt.")) for c in missing], []
    boards = {b.code: b for b in Board.objects.filter(network=period.network_id)}
    occupations = {o.code: o for o in Occupation.objects.all()}
    existing = set(Sitting.objects.filter(period=period).values_list("code", flat=True))
    seen = set()
    for line, row in rows:
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
            day = tabular.parse_date(value["datum"])
            if not period.start <= day <= period.end:
                errors.append(RowError(line, "datum", _("Außerhalb des Prüfungszeitraums.")))
        except ValueError:
            day = None
            errors.append(RowError(line, "datum", _("Kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).")))
        if not value["ort"]:
            errors.append(RowError(line, "ort", _("Pflichtfeld.")))
        coordinates = _coordinates(value, line, errors)
        seats = {}
        for column, group in (
            ("arbeitgeber", "employer"),
            ("arbeitnehmer", "employee"),
            ("lehrkraefte", "teacher"),
        ):
            count = parse_int(tabular.cell_text(value[column]), minimum=0, maximum=MAX_SEATS)
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
                    "lat": coordinates[0],
                    "lon": coordinates[1],
                    "seats": seats,
                    "candidates": candidates,
                }
            )
    return errors, parsed


def _coordinates(value: dict, line: int, errors: list[RowError]) -> tuple | None:
    """The venue's (lat, lon): the columns breite/laenge if given, else from the address."""
    if tabular.cell_text(value.get("breite")) or tabular.cell_text(value.get("laenge")):
        found = []
        for column, low, high in (("breite", -90, 90), ("laenge", -180, 180)):
            try:
                number = float(tabular.parse_decimal(value.get(column)))
                if not low <= number <= high:
                    raise ValueError
                found.append(number)
            except ValueError:
                errors.append(RowError(line, column, _("Keine gültige Koordinate.")))
        return tuple(found) if len(found) == 2 else None
    place = tabular.cell_text(value.get("ort"))
    if not place:
        return None  # reported as a missing "ort"
    found = place_coordinates(place)
    if found is None:
        errors.append(
            RowError(
                line,
                "ort",
                _(
                    "Ort „%(place)s“ nicht gefunden: bitte mit PLZ angeben (z. B. „38440 "
                    "Wolfsburg“) oder die Spalten breite und laenge füllen."
                )
                % {"place": place},
            )
        )
    return found


def import_sittings(period, name: str, content: bytes, user) -> ImportResult:
    try:
        rows = read_table(name, content)
    except tabular.FileError as error:  # a broken file is one error, not a crash
        return ImportResult(errors=[RowError(1, "", str(error))])
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
