"""Read the positions of an Ausbildungsrahmenplan table from the official regulation text.

The texts are Markdown renderings of the gazette tables: a table row starts with
``*    *`` at column 0, every further cell with ``    *``; a cell that spans rows is left
out of the following rows, so the *last* cells of a row are always its time columns.
A position (Berufsbildposition) is a row whose first cell is its number; the rows after
it without a number add lettered skills and weeks to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ROW_START = re.compile(r"^\*    \*")
CELL_START = re.compile(r"^    \*")
FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
SKILL = re.compile(r"(?:^|\s)([a-z]{1,2})\)\s+")
LEGAL_REFERENCE = re.compile(r"\s*\((?:§|zu §)[^)]*\)\s*$")
THROUGHOUT = "während der gesamten Ausbildung"
# a word broken at the line end of the gazette ("maschi- nelles"), not "Bau- und Montage"
BROKEN_WORD = re.compile(r"(\w)- (?!und\b|oder\b|sowie\b|bzw\.)(\w)")


@dataclass
class ExtractedPosition:
    number: str
    title: str
    skills: list[tuple[str, str]] = field(default_factory=list)
    # raw time values per table column (index -> value); unit is the table's (weeks/months)
    columns: dict[int, float] = field(default_factory=dict)
    throughout: bool = False


def section(text: str, heading: str, until: str | None = None) -> str:
    """The text from the line starting with ``heading`` to the next heading of its level."""
    start = text.index(heading)
    level = heading.split(" ", 1)[0]
    if until:
        end = text.find(until, start + len(heading))
    else:
        end = text.find("\n" + level + " ", start + len(heading))
    return text[start : end if end >= 0 else len(text)]


def table_rows(text: str) -> list[list[str]]:
    """Every table row as its cells' text, whitespace collapsed."""
    rows: list[list[list[str]]] = []
    for line in text.split("\n"):
        if ROW_START.match(line):
            rows.append([[line[6:]]])
        elif CELL_START.match(line) and rows:
            rows[-1].append([line[5:]])
        elif line.startswith("#") or line.startswith("**"):
            rows.append([[line]])  # a heading ends the row before it (kept as a marker)
        elif rows:
            rows[-1][-1].append(line)
    return [[" ".join(" ".join(cell).split()) for cell in row] for row in rows]


def _value(cell: str) -> float | None:
    cleaned = FOOTNOTE.sub(" ", cell).replace("\\*", " ").replace("*)", " ")
    match = re.match(r"^\s*(\d+(?:,\d+)?)\b", cleaned)
    return float(match.group(1).replace(",", ".")) if match else None


def split_skills(cell: str) -> list[tuple[str, str]]:
    cell = FOOTNOTE.sub("", cell).strip()
    parts = SKILL.split(" " + cell)
    if len(parts) == 1:
        return [("", cell)] if cell else []
    found = []
    lead = parts[0].strip()
    for letter, body in zip(parts[1::2], parts[2::2], strict=True):
        body = body.strip()
        found.append((letter, f"{lead} {body}".strip() if lead and not found else body))
    return found


def positions(text: str, time_columns: int, number_prefix: str = "") -> list[ExtractedPosition]:
    """The positions of the tables in ``text`` whose rows end in ``time_columns`` time cells."""
    found: list[ExtractedPosition] = []
    current: ExtractedPosition | None = None
    for row in table_rows(text):
        if len(row) == 1 and (row[0].startswith("#") or row[0].startswith("**")):
            continue
        first = row[0]
        number_match = re.fullmatch(r"(\d+(?:\.\d+)?)\.?", first)
        if number_match and len(row) >= 3 and not row[1].isdigit():
            title = LEGAL_REFERENCE.sub("", FOOTNOTE.sub("", row[1])).strip()
            title = BROKEN_WORD.sub(r"\1\2", title)
            current = ExtractedPosition(number=number_prefix + number_match.group(1), title=title)
            found.append(current)
            rest = row[2:]
        elif current is not None and first == "" and len(row) >= 3 and row[1] == "":
            rest = row[2:]
        elif current is not None and len(row) >= 1 and not number_match:
            rest = row
        else:
            continue
        if any(THROUGHOUT in cell for cell in rest):
            current.throughout = True
        skills_cells = rest[:-time_columns] if len(rest) > time_columns else rest[:1]
        time_cells = rest[-time_columns:] if len(rest) > time_columns else []
        for cell in skills_cells:
            current.skills.extend(split_skills(cell))
        for index, cell in enumerate(time_cells):
            value = _value(cell)
            if value is not None:
                current.columns[index] = current.columns.get(index, 0) + value
    return found


def catalogue_titles(text: str, heading_pattern: str) -> list[tuple[str, str]]:
    """The numbered list of the Ausbildungsberufsbild paragraph: (number, title) pairs.

    Read independently of the table (the § lists the same positions) so that a test can
    compare both.
    """
    start = re.search(heading_pattern, text)
    if start is None:
        return []
    body = text[start.end() :]
    stop = re.search(r"\n\(\d+\)|\n## ", body)
    body = body[: stop.start()] if stop else body
    items = re.findall(r"^(\d+)\.\s+(.+?)(?=\n\s*\n)", body, flags=re.M | re.S)
    return [(n, " ".join(t.split()).rstrip(",;.")) for n, t in items]
