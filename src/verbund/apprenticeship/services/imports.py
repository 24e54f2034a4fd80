"""CSV/XLSX import of further occupations and their plans (all-or-nothing).

One row per plan position: ``occupation_code; occupation_name; duration_months;
regulation; position; section; title; skills; weeks_1 .. weeks_4; throughout``. Skills
are "a) ... b) ..." in one cell. Every bad row is reported with line, column and reason;
nothing is written unless every row is valid and writing was asked for.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from verbund.apprenticeship.plans.extract import split_skills
from verbund.apprenticeship.services.plans import store_plan
from verbund.core.services import audit, tabular
from verbund.core.services.numbers import parse_decimal
from verbund.core.services.tabular import FileError, decode

REQUIRED = ("occupation_code", "occupation_name", "duration_months", "position", "title")
OPTIONAL = (
    "regulation",
    "section",
    "skills",
    "weeks_1",
    "weeks_2",
    "weeks_3",
    "weeks_4",
    "throughout",
)
COLUMNS = REQUIRED + OPTIONAL
WEEKS_PER_YEAR = 52
TRUE_WORDS = {"1", "ja", "x", "true", "yes", "wahr"}


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    occupations: int = 0
    positions: int = 0
    written: int = 0


def _rows(name: str, data: bytes) -> list[tuple[int, dict]]:
    if tabular.is_xlsx(name, data):
        workbook = tabular.open_workbook(data)
        try:
            values = [
                ["" if v is None else str(v) for v in row]
                for row in workbook.worksheets[0].iter_rows(values_only=True)
            ]
        finally:
            workbook.close()
    else:
        import csv
        import io

        text = decode(data)
        first = text.split("\n", 1)[0]
        values = list(
            csv.reader(
                io.StringIO(text, newline=""),
                delimiter=";" if first.count(";") >= first.count(",") else ",",
            )
        )
    if not values:
        raise FileError(_("Die Datei ist leer."))
    header = [h.strip().lower() for h in values[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(_("Pflichtspalten fehlen: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            problems.append(_("Unbekannte Spalten: %(names)s") % {"names": ", ".join(unknown)})
        raise FileError(" ".join(problems))
    rows = []
    for line, row in enumerate(values[1:], start=2):
        if any(cell.strip() for cell in row):
            rows.append(
                (
                    line,
                    {
                        h: (row[i].strip() if i < len(row) else "")
                        for i, h in enumerate(header)
                        if h
                    },
                )
            )
    return rows


def _number(value: str, line: int, column: str, errors: list[str]) -> int:
    if not value:
        return 0
    try:
        number = int(parse_decimal(value))
    except ValueError:
        errors.append(
            _("Zeile %(line)s, Spalte %(column)s: „%(value)s“ ist keine Zahl.")
            % {"line": line, "column": column, "value": value}
        )
        return 0
    if number < 0:
        errors.append(
            _("Zeile %(line)s, Spalte %(column)s: darf nicht negativ sein.")
            % {"line": line, "column": column}
        )
    return number


def parse(name: str, data: bytes) -> tuple[dict[str, dict], Report]:
    report = Report()
    try:
        rows = _rows(name, data)
    except FileError as error:
        report.errors.append(str(error))
        return {}, report
    plans: dict[str, dict] = {}
    for line, row in rows:
        before = len(report.errors)
        for column in REQUIRED:
            if not row.get(column):
                report.errors.append(
                    _("Zeile %(line)s, Spalte %(column)s: fehlt.")
                    % {"line": line, "column": column}
                )
        months = _number(row.get("duration_months", ""), line, "duration_months", report.errors)
        if row.get("duration_months") and not 12 <= months <= 48:
            report.errors.append(
                _("Zeile %(line)s, Spalte duration_months: 12 bis 48 Monate.") % {"line": line}
            )
        weeks = {
            str(y): _number(row.get(f"weeks_{y}", ""), line, f"weeks_{y}", report.errors)
            for y in range(1, 5)
        }
        if len(report.errors) > before:
            continue
        code = row["occupation_code"]
        total_weeks = round(months * WEEKS_PER_YEAR / 12)
        years = []
        for year in range(1, (total_weeks + WEEKS_PER_YEAR - 1) // WEEKS_PER_YEAR + 1):
            start = (year - 1) * WEEKS_PER_YEAR + 1
            years.append(
                {
                    "year": year,
                    "label": _("%(year)s. Ausbildungsjahr") % {"year": year},
                    "from_week": start,
                    "to_week": min(total_weeks, start + WEEKS_PER_YEAR - 1),
                }
            )
        plan = plans.setdefault(
            code,
            {
                "code": code,
                "name": row["occupation_name"],
                "regulation": row.get("regulation", ""),
                "duration_months": months,
                "weeks": total_weeks,
                "years": years,
                "positions": [],
                "source": name,
            },
        )
        if plan["duration_months"] != months or plan["name"] != row["occupation_name"]:
            report.errors.append(
                _(
                    "Zeile %(line)s: Bezeichnung oder Dauer weichen von früheren Zeilen des Berufs %(code)s ab."
                )
                % {"line": line, "code": code}
            )
            continue
        if any(p["id"] == row["position"] for p in plan["positions"]):
            report.errors.append(
                _("Zeile %(line)s: Position %(position)s ist doppelt.")
                % {"line": line, "position": row["position"]}
            )
            continue
        used = {y: w for y, w in weeks.items() if w}
        beyond = [y for y in used if int(y) > len(years)]
        if beyond:
            report.errors.append(
                _("Zeile %(line)s: Wochen im %(year)s. Jahr, der Beruf dauert nur %(years)s Jahre.")
                % {"line": line, "year": beyond[0], "years": len(years)}
            )
            continue
        plan["positions"].append(
            {
                "id": row["position"],
                "section": row.get("section", ""),
                "title": row["title"],
                "throughout": row.get("throughout", "").lower() in TRUE_WORDS or not used,
                "skills": [
                    {"letter": letter, "text": text}
                    for letter, text in split_skills(row.get("skills", ""))
                ]
                or [{"letter": "", "text": row["title"]}],
                "weeks": used,
            }
        )
    for code, plan in plans.items():
        for year in plan["years"]:
            total = sum(p["weeks"].get(str(year["year"]), 0) for p in plan["positions"])
            length = year["to_week"] - year["from_week"] + 1
            if total > length:
                report.errors.append(
                    _("Beruf %(code)s: %(total)s Wochen im %(year)s. Jahr, das hat nur %(length)s.")
                    % {"code": code, "total": total, "year": year["year"], "length": length}
                )
    report.occupations = len(plans)
    report.positions = sum(len(p["positions"]) for p in plans.values())
    if not rows and not report.errors:
        report.errors.append(_("Die Datei enthält keine Zeilen."))
    return plans, report


def import_plans(name: str, data: bytes, write: bool, user=None) -> Report:
    plans, report = parse(name, data)
    if report.errors or not write:
        return report
    with transaction.atomic():
        for plan_data in plans.values():
            plan = store_plan(plan_data)
            audit.record(
                plan,
                "apprenticeship.plan.imported",
                user=user,
                data={"positions": len(plan_data["positions"])},
            )
    report.written = len(plans)
    return report
