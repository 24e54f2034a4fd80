"""The DIHK business-climate method on pooled, size-weighted answers: pure Python, no Django.

domain/economy.md: ``Lage = 100 + %gut - %schlecht``, ``Erwartungen = 100 + %besser -
%schlechter``, ``Klima = sqrt(Lage * Erwartungen)``. Percentages are weighted shares of
the firms that answered that question. A joint figure is always recomputed from the pooled
answers of all firms in the cell: two indices are never averaged, because the climate is
not linear in its parts (the geometric mean of averages is not the average of geometric
means, and the cells differ in size).

Every grouping goes through the needs surveys' disclosure control
(``verbund.needs.services.suppression``): fewer than 5 firms, one firm dominating the
cell's employees, or a cell that could be computed back from the others and the total.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from verbund.core.services import suppression

SITUATION = ("gut", "befriedigend", "schlecht")
EXPECTATION = ("besser", "gleich", "schlechter")
PLAN = ("hoeher", "gleich", "geringer")  # exports, domestic investment, employment
RISKS = (
    "inlandsnachfrage",
    "auslandsnachfrage",
    "finanzierung",
    "arbeitskosten",
    "fachkraeftemangel",
    "energie_rohstoffe",
    "wechselkurse",
    "wirtschaftspolitik",
)
# The balance questions: answer field -> key in the figures.
BALANCES = ("exporte", "investitionen", "beschaeftigung")

# Weights (IHK Köln; DIHK: establishments above 500 employees count double).
LARGE_FIRM = 500
VERY_LARGE_FIRM = 1000

# WZ 2008 sections -> the report's sectors (domain/economy.md).
SECTOR_OF_SECTION = {
    **dict.fromkeys("BCDE", "industry"),
    "F": "construction",
    "G": "trade",
    **dict.fromkeys("HIJKLMNOPQRS", "services"),
}
SECTORS = ("industry", "construction", "trade", "services", "other")
SIZE_CLASSES = ("1-9", "10-49", "50-249", "250-499", "500-999", "1000+")
DIMENSIONS = ("sector", "district", "chamber", "size")

REASON_FEW = "fewer than 5 firms"
REASON_DOMINANT = "one firm dominates the cell"
REASON_SECONDARY = "could be computed back from other cells"


def weight(employees: int | None) -> int:
    """How many times a firm's answer counts: x3 above 1,000 employees, x2 above 500."""
    if employees is None:
        return 1
    if employees > VERY_LARGE_FIRM:
        return 3
    if employees > LARGE_FIRM:
        return 2
    return 1


# WZ 2008 divisions (two digits) -> section letter, for codes such as "29.10".
_SECTION_OF_DIVISION = (
    (1, 3, "A"), (5, 9, "B"), (10, 33, "C"), (35, 35, "D"), (36, 39, "E"), (41, 43, "F"),
    (45, 47, "G"), (49, 53, "H"), (55, 56, "I"), (58, 63, "J"), (64, 66, "K"), (68, 68, "L"),
    (69, 75, "M"), (77, 82, "N"), (84, 84, "O"), (85, 85, "P"), (86, 88, "Q"), (90, 93, "R"),
    (94, 96, "S"), (97, 98, "T"), (99, 99, "U"),
)  # fmt: skip


@functools.lru_cache(maxsize=4096)  # a national wave has ~600 distinct codes, 30,000 rows
def wz_section(code: str) -> str | None:
    """The WZ 2008 section letter of a section letter or a numeric code ("29.10" -> "C")."""
    code = (code or "").strip().upper()
    if len(code) == 1 and code.isalpha():
        return code if "A" <= code <= "U" else None
    digits = code.replace(".", "")
    if len(digits) < 2 or not digits.isdigit():
        return None
    division = int(digits[:2])
    for low, high, letter in _SECTION_OF_DIVISION:
        if low <= division <= high:
            return letter
    return None


def sector_of(code: str) -> str:
    return SECTOR_OF_SECTION.get(wz_section(code) or "", "other")


def size_class_of(employees: int | None) -> str:
    if employees is None or employees < 10:
        return "1-9"
    for bound, label in ((50, "10-49"), (250, "50-249"), (500, "250-499"), (1001, "500-999")):
        if employees < bound:
            return label
    return "1000+"


@dataclass(frozen=True)
class FirmAnswer:
    """One firm's answers in one wave (empty string: question not answered)."""

    firm_id: str
    chamber: str = ""
    district: str = ""
    wz: str = ""
    employees: int | None = None
    lage: str = ""
    erwartungen: str = ""
    exporte: str = ""
    investitionen: str = ""
    beschaeftigung: str = ""
    risiken: tuple[str, ...] = ()

    @property
    def weight(self) -> int:
        return weight(self.employees)

    def group(self, dimension: str) -> str:
        if dimension == "sector":
            return sector_of(self.wz)
        if dimension == "size":
            return size_class_of(self.employees)
        return getattr(self, dimension) or "-"


@dataclass
class Tally:
    """Weighted answer counts of one cell; adding tallies is how cells are pooled."""

    firms: int = 0
    employees: int = 0
    situation: dict = field(default_factory=lambda: dict.fromkeys(SITUATION, 0))
    expectation: dict = field(default_factory=lambda: dict.fromkeys(EXPECTATION, 0))
    plans: dict = field(default_factory=lambda: {name: dict.fromkeys(PLAN, 0) for name in BALANCES})
    risks: dict = field(default_factory=lambda: dict.fromkeys(RISKS, 0))
    risk_weight: int = 0  # the weights of the firms that answered the risk question

    def add(self, answer: FirmAnswer) -> None:
        w = answer.weight
        self.firms += 1
        self.employees += answer.employees or 0
        if answer.lage in self.situation:
            self.situation[answer.lage] += w
        if answer.erwartungen in self.expectation:
            self.expectation[answer.erwartungen] += w
        for name in BALANCES:
            value = getattr(answer, name)
            if value in PLAN:
                self.plans[name][value] += w
        known = [risk for risk in answer.risiken if risk in self.risks]
        if known:
            self.risk_weight += w
            for risk in known:
                self.risks[risk] += w


def tally_from_counts(rows: Iterable[tuple[str, str, int, int]], firms: int) -> Tally:
    """A cell's situation/expectation tally from ``(lage, erwartungen, weight, count)`` rows.

    The same weighted counts ``Tally.add`` collects one answer at a time, for a database
    that has already counted the answers per combination (the time series over many waves).
    """
    result = Tally(firms=firms)
    for lage, erwartungen, answer_weight, count in rows:
        if lage in result.situation:
            result.situation[lage] += answer_weight * count
        if erwartungen in result.expectation:
            result.expectation[erwartungen] += answer_weight * count
    return result


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole


def _index(counts: dict, up: str, down: str) -> float | None:
    """100 + weighted % of ``up`` - weighted % of ``down``; None when nobody answered."""
    answered = sum(counts.values())
    if not answered:
        return None
    return 100.0 + _share(counts[up], answered) - _share(counts[down], answered)


def climate(lage: float | None, erwartungen: float | None) -> float | None:
    """DIHK: the geometric mean of the situation and expectation indices."""
    if lage is None or erwartungen is None:
        return None
    return math.sqrt(lage * erwartungen)


def round1(value: float | None) -> float | None:
    """One decimal, half up (125.45 -> 125.5), as the published tables are rounded."""
    if value is None:
        return None
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class Figures:
    """The published numbers of one cell (unrounded; ``round1`` when shown)."""

    firms: int
    lage: float | None
    erwartungen: float | None
    klima: float | None
    balances: dict[str, float | None]
    risks: dict[str, float | None]  # % of the answering firms (weighted) naming each risk
    shares: dict[str, dict[str, float]]  # weighted % per answer of lage and erwartungen


def figures_of(tally: Tally) -> Figures:
    lage = _index(tally.situation, "gut", "schlecht")
    erwartungen = _index(tally.expectation, "besser", "schlechter")
    balances = {}
    for name in BALANCES:
        index = _index(tally.plans[name], "hoeher", "geringer")
        balances[name] = None if index is None else index - 100.0  # saldo in points
    risks = {
        risk: (_share(count, tally.risk_weight) if tally.risk_weight else None)
        for risk, count in tally.risks.items()
    }
    shares = {}
    for name, counts in (("lage", tally.situation), ("erwartungen", tally.expectation)):
        answered = sum(counts.values())
        shares[name] = {k: (_share(v, answered) if answered else 0.0) for k, v in counts.items()}
    return Figures(
        tally.firms, lage, erwartungen, climate(lage, erwartungen), balances, risks, shares
    )


def tally(answers: Iterable[FirmAnswer]) -> Tally:
    result = Tally()
    for answer in answers:
        result.add(answer)
    return result


@dataclass
class Cell:
    """One row of a figures table: its group, its figures, or why it is hidden."""

    group: str
    figures: Figures | None
    reason: str = ""  # empty when shown

    @property
    def suppressed(self) -> bool:
        return bool(self.reason)


def _reason(cell: suppression.Cell) -> str:
    if cell.status == suppression.SECONDARY:
        return REASON_SECONDARY
    if cell.status == suppression.PRIMARY:
        return REASON_FEW if cell.companies < suppression.MIN_COMPANIES else REASON_DOMINANT
    return ""


def protected_groups(
    answers: list[FirmAnswer] | pooling.Columns, dimension: str, total: Figures | None = None
) -> tuple[Cell, list[Cell]]:
    """The total and one cell per group of ``dimension``, hidden where disclosure control says.

    Adapter to the needs surveys' suppression: a firm contributes its employees (dominance
    rule) and one count to its group; complementary suppression then protects the groups
    against subtraction from the total. Pooling runs on coded columns (``pooling``).
    """
    columns = answers if isinstance(answers, pooling.Columns) else pooling.columns_of(answers)
    reason, cells = pooling.group_cells(columns, dimension)
    total_figures = total if total is not None else pooling.total_cell(columns).figures
    return Cell("all", total_figures, reason), cells


def protected_tables(
    answers: list[FirmAnswer], dimensions: Iterable[str] = DIMENSIONS
) -> tuple[Cell, dict[str, list[Cell]]]:
    """The protected total and the cells of every dimension, the answers read once."""
    columns = pooling.columns_of(answers)
    total = pooling.total_cell(columns)
    return total, {d: pooling.group_cells(columns, d)[1] for d in dimensions}


def wave_figures(
    answers: list[FirmAnswer], dimensions: Iterable[str] = DIMENSIONS
) -> dict[str, tuple[Cell, list[Cell]]]:
    """All tables of one wave: ``{dimension: (total, cells)}`` (the total is the same in each)."""
    columns = pooling.columns_of(answers)
    return {dimension: protected_groups(columns, dimension) for dimension in dimensions}


def protected_total(answers: list[FirmAnswer]) -> Cell:
    """The overall figures of ``answers``, hidden when the whole cell is too small."""
    return pooling.total_cell(pooling.columns_of(answers))


def protected_count(firms: int, employees: int, top_employees: int) -> str:
    """Why a single cell with these totals is hidden ("" when it may be shown)."""
    cell = suppression.Cell(("all",), firms, employees, 0, top_employees)
    if not suppression.is_sensitive(cell):
        return ""
    return REASON_FEW if firms < suppression.MIN_COMPANIES else REASON_DOMINANT


def time_series(waves: Iterable[tuple[str, list[FirmAnswer]]]) -> list[Cell]:
    """The overall figures of every wave, oldest first, each hidden when below the threshold."""
    return [
        Cell(label, total.figures, total.reason)
        for label, total in ((label, protected_total(answers)) for label, answers in waves)
    ]


def as_json(total: Cell, cells: list[Cell] | None) -> dict:
    """The batch interface's JSON (domain/economy.md): indices rounded to one decimal."""

    def one(cell: Cell) -> dict:
        if cell.suppressed:
            return {"suppressed": True, "reason": cell.reason}
        figures = cell.figures
        return {
            "firms": figures.firms,
            "lage": round1(figures.lage),
            "erwartungen": round1(figures.erwartungen),
            "klima": round1(figures.klima),
        }

    result = {"all": one(total)}
    if cells is not None:
        result["by"] = {cell.group: one(cell) for cell in cells}
    return result


from verbund.economy import pooling  # noqa: E402 (pooling builds on the classes above)
