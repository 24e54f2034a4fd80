"""``verbund economy index``: answers CSV in, indices out (domain/economy.md), no Django.

The report computes its figures with the same functions (``verbund.economy.method``);
this module only reads the file, validates every row and writes JSON or CSV.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from verbund.economy import method

REQUIRED = ("firm_id", "chamber", "district", "wz", "employees", "lage", "erwartungen")
OPTIONAL = ("exporte", "investitionen", "beschaeftigung", "risiken")
CHOICES = {
    "lage": method.SITUATION,
    "erwartungen": method.EXPECTATION,
    **dict.fromkeys(method.BALANCES, method.PLAN),
}


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        return f"line {self.line}, column {self.column}: {self.message}"


def read_answers(text: str) -> tuple[list[method.FirmAnswer], list[RowError]]:
    """Parse the answers CSV (``;``, UTF-8); every bad row is reported, none is guessed."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return [], [RowError(1, ", ".join(missing), "missing column")]
    reader.fieldnames = header
    answers, errors, seen = [], [], {}
    for line, row in enumerate(reader, start=2):
        row = {key: (value or "").strip() for key, value in row.items() if key}
        row_errors = _row_errors(line, row, seen)
        errors.extend(row_errors)
        if not row_errors:
            seen[row["firm_id"]] = line
            answers.append(_answer(row))
    return answers, errors


def _row_errors(line: int, row: dict, seen: dict) -> list[RowError]:
    errors = []
    if not row["firm_id"]:
        errors.append(RowError(line, "firm_id", "empty"))
    elif row["firm_id"] in seen:
        errors.append(
            RowError(line, "firm_id", f"firm already answered in line {seen[row['firm_id']]}")
        )
    if not row["wz"] or method.wz_section(row["wz"]) is None:
        errors.append(RowError(line, "wz", f"not a WZ 2008 code or section: {row['wz']!r}"))
    if not row["employees"].isdigit():
        errors.append(RowError(line, "employees", f"not a whole number: {row['employees']!r}"))
    for name, allowed in CHOICES.items():
        value = row.get(name, "")
        if value and value not in allowed:
            errors.append(RowError(line, name, f"{value!r} is not one of {', '.join(allowed)}"))
    for risk in _risks(row.get("risiken", "")):
        if risk not in method.RISKS:
            errors.append(RowError(line, "risiken", f"unknown risk {risk!r}"))
    return errors


def _risks(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _answer(row: dict) -> method.FirmAnswer:
    return method.FirmAnswer(
        firm_id=row["firm_id"],
        chamber=row["chamber"],
        district=row["district"],
        wz=row["wz"],
        employees=int(row["employees"]),
        lage=row["lage"],
        erwartungen=row["erwartungen"],
        exporte=row.get("exporte", ""),
        investitionen=row.get("investitionen", ""),
        beschaeftigung=row.get("beschaeftigung", ""),
        risiken=_risks(row.get("risiken", "")),
    )


def index_result(answers: list[method.FirmAnswer], by: str | None) -> dict:
    """The JSON of domain/economy.md; total and groups as the report computes them."""
    total = method.protected_total(answers)
    if by is None:
        return method.as_json(total, None)
    _margin, cells = method.protected_groups(answers, by, total.figures)
    return method.as_json(total, cells)


def as_csv(result: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(["group", "firms", "lage", "erwartungen", "klima", "suppressed", "reason"])
    rows = [("all", result["all"]), *result.get("by", {}).items()]
    for group, cell in rows:
        if cell.get("suppressed"):
            writer.writerow([group, "", "", "", "", "true", cell["reason"]])
        else:
            writer.writerow(
                [
                    group,
                    cell["firms"],
                    cell["lage"],
                    cell["erwartungen"],
                    cell["klima"],
                    "false",
                    "",
                ]
            )
    return buffer.getvalue()


def add_arguments(parser) -> None:
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index", help="indices of one wave from an answers CSV")
    index.add_argument("answers", help="answers CSV (';', UTF-8), one row per firm")
    index.add_argument("--by", choices=method.DIMENSIONS, default=None)
    index.add_argument("--format", choices=("json", "csv"), default="json")
    commands.add_parser(
        "remind", help="remind firms of open waves that have not answered (at most weekly)"
    )


def dispatch(options: dict, stdout, stderr) -> int:
    try:
        with open(options["answers"], encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        stderr.write(f"cannot read {options['answers']}: {error}\n")
        return 2
    answers, errors = read_answers(text)
    if errors:
        for error in errors:
            stderr.write(f"{error}\n")
        stderr.write(f"{len(errors)} error(s); nothing computed\n")
        return 1
    result = index_result(answers, options.get("by"))
    if options.get("format") == "csv":
        stdout.write(as_csv(result))
    else:
        stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0
