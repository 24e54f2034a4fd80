"""Read plans whose time guidelines are months per group of positions (*zeitliche Gliederung*).

IndMetAusbV and IndElekAusbV give a table per *Zeitrahmen*: the positions taught in it with
a subset of their lettered skills and one month figure ("6 bis 8") for the whole group;
IndKfmAusbV gives the groups as prose ("In einem Zeitraum von insgesamt fünf bis sieben
Monaten sind … der Berufsbildposition 6. Beschaffung und Bevorratung zu vermitteln").

The groups are kept as the text has them. Weeks per position follow from them by one rule
(``weeks_from_groups``): a group's months count with the middle of their range; the weeks of
a period are shared among its groups in proportion to those months (the middles of each
period add up to its months, so this is 1 month = 4 1/3 weeks), and a group's weeks among its
positions in proportion to the number of skills it lists of each (a position listed without
skills counts as one). Both shares round by largest remainder, so every period's weeks add
up to its length exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract import FOOTNOTE, THROUGHOUT, section, split_skills, table_rows

NUMBER_WORDS = {
    "ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
}  # fmt: skip
RANGE = re.compile(r"(\d+)(?:\s*bis\s*(\d+))?")
REFERENCE = re.compile(r"\((?:§|zu §)[^)]*?(?:Abschnitt ([A-Z]) )?Nummer (\d+)\)\s*$")
GROUP_MARK = re.compile(r"Zeitrahmen (\d+)(?::\s*(.+?))?\**$")


@dataclass
class Group:
    id: str
    title: str
    year: int
    months: tuple[int, int]
    positions: dict[str, list[str]] = field(default_factory=dict)  # id -> listed skill letters

    @property
    def weight(self) -> float:
        return (self.months[0] + self.months[1]) / 2


@dataclass
class GroupedPosition:
    id: str
    title: str
    skills: dict[str, str] = field(default_factory=dict)
    throughout: bool = False


def _months(cell: str) -> tuple[int, int] | None:
    match = RANGE.match(FOOTNOTE.sub("", cell).strip())
    if not match:
        return None
    low = int(match.group(1))
    return low, int(match.group(2) or low)


def _position_id(title_cell: str, number: str) -> tuple[str, str]:
    """The position's id from its legal reference ("Abschnitt A Nummer 1" -> "A1")."""
    title = FOOTNOTE.sub("", title_cell).strip()
    match = REFERENCE.search(title)
    if match:
        number = (match.group(1) or "") + match.group(2)
        title = title[: match.start()].strip()
    title = re.sub(r"(\w)- (?!und\b|oder\b|sowie\b)(\w)", r"\1\2", title)
    return number, title


def read_tables(text: str, time_columns: int, periods: dict[str, int], prefix: str = ""):
    """Positions and groups of the Zeitrahmen tables in ``text``.

    ``periods`` maps a period label that stands beside a Zeitrahmen (IndMetAusbV) to its
    year; without labels (IndElekAusbV) the time column of the month figure is the year.
    """
    positions: dict[str, GroupedPosition] = {}
    groups: list[Group] = []
    group: Group | None = None
    year = 1
    current: GroupedPosition | None = None
    # headings indented in the rendering ("   **Zeitrahmen 2: …**") still end a row
    for row in table_rows(re.sub(r"^ +(\*\*)", r"\1", text, flags=re.M)):
        cell = row[0] if len(row) == 1 else (row[1] if row[0] == "" else "")
        mark = GROUP_MARK.search(" ".join(cell.replace("*", " ").split()))
        if mark:
            label = row[2] if len(row) > 2 else ""
            for name, period in periods.items():
                if label.startswith(name):
                    year = period
            title = f"Zeitrahmen {mark.group(1)}"
            if mark.group(2):
                title += ": " + mark.group(2).strip()
            group = Group(f"{prefix}ZR{mark.group(1)}", title, year, (0, 0))
            groups.append(group)
            current = None
            continue
        if len(row) == 1:
            continue
        number = re.fullmatch(r"(\d+)\.?", row[0])
        if number and len(row) >= 3 and not row[1].isdigit():
            pid, title = _position_id(row[1], row[0])
            current = positions.setdefault(pid, GroupedPosition(pid, title))
            rest = row[2:]
        elif current is not None and row[0] == "" and len(row) >= 2:
            rest = row[1:]
        else:
            continue
        skill_cells = rest[:-time_columns] if len(rest) > time_columns else rest[:1]
        time_cells = rest[-time_columns:] if len(rest) > time_columns else []
        letters = []
        for cell in skill_cells:
            for letter, body in split_skills(cell):
                if letter:
                    current.skills.setdefault(letter, body)
                    letters.append(letter)
        if any(THROUGHOUT in cell for cell in time_cells) or group is None:
            current.throughout = True
            continue
        group.positions.setdefault(current.id, []).extend(letters)
        for index, cell in enumerate(time_cells):
            months = _months(cell)
            if months:
                group.months = months
                if not periods:
                    group.year = index + 1
    return list(positions.values()), groups


PROSE_GROUP = re.compile(
    r"\(\d+\) In einem Zeitraum von insgesamt (\w+)(?: bis (\w+))? Monaten (.+?)(?=\(\d+\) In einem|\n\d\\\. Ausbildungsjahr|\Z)",
    re.S,
)
PROSE_POSITION = re.compile(r"^(\d+)\\\.(\d+)?\.?\s", re.M)


def read_prose(text: str) -> list[Group]:
    """The groups of a prose *zeitliche Gliederung* (IndKfmAusbV Anlage 2)."""
    groups = []
    for year, body in enumerate(re.split(r"\n(?=\d\\\. Ausbildungsjahr)", text)[1:], start=1):
        for index, match in enumerate(PROSE_GROUP.finditer(body), start=1):
            low = NUMBER_WORDS[match.group(1)]
            high = NUMBER_WORDS[match.group(2)] if match.group(2) else low
            group = Group(
                f"J{year}.{index}", f"{year}. Ausbildungsjahr ({index})", year, (low, high)
            )
            for major, minor in PROSE_POSITION.findall(match.group(3)):
                group.positions[f"{major}.{minor}" if minor else major] = []
            groups.append(group)
    return groups


def _apportion(total: int, weights: dict[str, float]) -> dict[str, int]:
    """``total`` shared in proportion to ``weights``, rounded by largest remainder."""
    whole = sum(weights.values())
    if not whole:
        return dict.fromkeys(weights, 0)
    exact = {key: total * w / whole for key, w in weights.items()}
    shares = {key: int(v) for key, v in exact.items()}
    rest = total - sum(shares.values())
    order = sorted(weights, key=lambda k: (-(exact[k] - shares[k]), list(weights).index(k)))
    for key in order[:rest]:
        shares[key] += 1
    return shares


def weeks_from_groups(groups: list[Group], period_weeks: dict[int, int]) -> dict[str, dict]:
    """Weeks per position and period from the groups (the rule in the module docstring)."""
    weeks: dict[str, dict[str, int]] = {}
    for year, length in period_weeks.items():
        in_year = [g for g in groups if g.year == year]
        group_weeks = _apportion(length, {g.id: g.weight for g in in_year})
        for group in in_year:
            weights = {pid: max(len(set(letters)), 1) for pid, letters in group.positions.items()}
            for pid, share in _apportion(group_weeks[group.id], weights).items():
                if share:
                    weeks.setdefault(pid, {})
                    weeks[pid][str(year)] = weeks[pid].get(str(year), 0) + share
    return weeks


def group_data(groups: list[Group]) -> list[dict]:
    return [
        {
            "id": g.id,
            "title": g.title,
            "year": g.year,
            "months": {"from": g.months[0], "to": g.months[1]},
            "positions": [
                {"id": pid, "skills": sorted(set(letters))} for pid, letters in g.positions.items()
            ],
        }
        for g in groups
    ]


def _number_key(pid: str) -> tuple:
    letters = re.sub(r"[\d.]", "", pid)
    return (letters, *(int(n) for n in re.findall(r"\d+", pid)))


def build_grouped(regulation, text: str) -> dict:
    """Positions (with derived weeks) and groups of a regulation read by ``catalog.Grouped``."""
    spec = regulation.grouped
    body = section(text, spec.heading, spec.until)
    if spec.start:
        body = body[body.index(spec.start) :]
    if spec.stop:
        body = body[: body.index(spec.stop)]
    if spec.prose:
        found = _table_positions(section(text, spec.positions_heading, spec.positions_until))
        found_groups = _expand(read_prose(body), found)
    else:
        found, found_groups = read_tables(body, spec.time_columns, dict(spec.periods))
    lengths = {p.year: p.to_week - p.from_week + 1 for p in regulation.periods}
    weeks = weeks_from_groups(found_groups, lengths)
    positions = []
    for position in sorted(found, key=lambda p: _number_key(p.id)):
        own = weeks.get(position.id, {})
        taught_throughout = position.throughout or position.id.startswith(spec.throughout or "-")
        positions.append(
            {
                "id": position.id,
                "section": f"Abschnitt {letters}"
                if (letters := _number_key(position.id)[0])
                else "",
                "title": position.title,
                "throughout": taught_throughout and not own,
                "skills": [
                    {"letter": letter, "text": position.skills[letter]}
                    for letter in sorted(position.skills, key=lambda x: (len(x), x))
                ],
                "weeks": dict(sorted(own.items())),
            }
        )
    return positions, group_data(found_groups)


def _table_positions(text: str) -> list[GroupedPosition]:
    """Positions of a table whose letters stand in a cell of their own (IndKfmAusbV Anlage 1).

    Only the finest numbered rows (1.1, 1.2 …) carry skills; their parents are headings.
    """
    found: list[GroupedPosition] = []
    current = None
    for row in table_rows(text):
        number = re.fullmatch(r"(\d+(?:\.\d+)?)\.?", row[0]) if row else None
        if number and len(row) >= 3 and not row[1].isdigit():
            title = re.sub(r"\s*\((?:§|zu §)[^)]*\)\s*$", "", FOOTNOTE.sub("", row[1])).strip()
            title = re.sub(r"(\w)- (?!und\b|oder\b|sowie\b)(\w)", r"\1\2", title)
            current = GroupedPosition(number.group(1), title)
            found.append(current)
            cells = row[2:]
        elif current is not None and row and re.fullmatch(r"[a-z]{1,2}\)", row[0]):
            cells = row
        else:
            continue
        for letter, body in split_skills(" ".join(cells)):
            current.skills[letter or "a"] = body
    return [p for p in found if p.skills]


def _expand(found_groups: list[Group], positions: list[GroupedPosition]) -> list[Group]:
    """A group naming a parent ("6. Beschaffung und Bevorratung") teaches all its sub-positions."""
    for group in found_groups:
        named = list(group.positions)
        group.positions = {}
        for name in named:
            for position in positions:
                if position.id == name or position.id.startswith(name + "."):
                    group.positions[position.id] = list(position.skills)
    return found_groups
