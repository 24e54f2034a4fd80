"""Build the framework-plan JSON of a regulation from its official text.

``python -m verbund.apprenticeship.plans.build ../shared/domain/occupations`` rewrites
src/verbund/apprenticeship/data/*.json; the shipped files are that output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from . import extract, groups
from .catalog import REGULATIONS, Regulation

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


# The integrative positions taught throughout (titles as they stand in the texts).
STANDARD_TITLES = (
    "Berufsbildung",
    "Aufbau und Organisation des Ausbildungsbetrieb",
    "Sicherheit und Gesundheitsschutz",
    "Umweltschutz",
    "Digitalisierung der Arbeit",
    "Organisation des Ausbildungsbetriebes",
    "Digitalisierte Arbeitswelt",
    "Vernetztes Zusammenarbeiten",
)


def is_standard(title: str) -> bool:
    return title.startswith(STANDARD_TITLES)


def build(regulation: Regulation, text: str) -> dict:
    positions, found_groups = [], None
    if regulation.grouped:
        positions, found_groups = groups.build_grouped(regulation, text)
    for part in regulation.parts:
        body = extract.section(text, part.heading, part.until)
        for found in extract.positions(body, part.time_columns, part.prefix):
            weeks: dict[str, int] = {}
            for column, value in sorted(found.columns.items()):
                year = str(part.column_periods[column])
                weeks[year] = weeks.get(year, 0) + round(value)
            positions.append(
                {
                    "id": found.number,
                    "section": part.label,
                    "title": found.title,
                    "throughout": found.throughout or (not weeks and is_standard(found.title)),
                    "skills": [{"letter": letter, "text": t} for letter, t in found.skills if t],
                    "weeks": weeks,
                }
            )
    plan = {
        "code": regulation.code,
        "name": regulation.name,
        "regulation": regulation.regulation,
        "source": regulation.source,
        "duration_months": regulation.duration_months,
        "weeks": regulation.weeks,
        "years": [
            {"year": p.year, "label": p.label, "from_week": p.from_week, "to_week": p.to_week}
            for p in regulation.periods
        ],
        "positions": positions,
    }
    if found_groups is not None:
        # the text's Zeitrahmen: months per group and period, positions with listed skills
        plan["groups"] = found_groups
    return plan


def main(texts_dir: str) -> None:
    DATA_DIR.mkdir(exist_ok=True)
    for regulation in REGULATIONS:
        text = (Path(texts_dir) / regulation.source).read_text(encoding="utf-8")
        plan = build(regulation, text)
        target = DATA_DIR / f"{regulation.code}.json"
        target.write_text(json.dumps(plan, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{target.name}: {len(plan['positions'])} positions")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/domain/occupations")
