"""Statistical disclosure control for survey tables: a pure function, no Django.

The one suppression service of the platform: the needs analysis (tables, exports, API)
and the business-climate reports (``economy.services.protection``: joint and per-chamber
reports as one group x chamber table) both go through it; ``disclosure`` adds the
cell-key noise. ``composition_withheld`` says when a filtered table may not even list
its rows.

A table is the roll-up lattice of one grouping: every cell key is a tuple of dimension
values where ``TOTAL`` stands for "all" (the margins), so a table by district x topic has
the inner cells, a total per district, a total per topic and the grand total.

Rules (domain/needs.md):

1. primary suppression: fewer than ``MIN_COMPANIES`` responding companies, or one company
   holding more than ``DOMINANCE_SHARE`` of the cell's employees concerned;
2. complementary suppression: the employees concerned add up along every line of the
   table (inner cells -> their margin). A line with exactly one hidden cell would give it
   away by subtraction, so a further cell of that line is hidden. Afterwards an exact
   linear-algebra audit checks that no hidden cell follows from any combination of the
   published numbers (the cells of a line and the margins), and hides more where one does.

Company counts are not additive (one company may have needs in several cells), so the
employees concerned and the number of needs are the quantities the audit protects.

3. cell-key perturbation (``verbund.core.services.disclosure``): every published number
   of a visible cell is perturbed from the cell key of its companies, so that tables a
   user builds with filters cannot be differenced back to a hidden cell. ``Cell`` keeps
   the true values for the rules; pages, exports and the API read ``Cell.published``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import product

import numpy as np

from verbund.core.services import disclosure

TOTAL = "*"
MIN_COMPANIES = disclosure.MIN_UNITS  # never show a cell with fewer responding companies
DOMINANCE_SHARE = disclosure.DOMINANCE_SHARE  # nor one dominated by a single company

VISIBLE = "visible"
PRIMARY = "primary"  # below the threshold or dominated
SECONDARY = "secondary"  # hidden so that a primary cell cannot be computed back


@dataclass
class Cell:
    key: tuple
    companies: int = 0
    employees: int = 0
    needs: int = 0
    top_employees: int = 0  # the largest single company's employees in this cell
    status: str = VISIBLE
    key_units: int = 0  # sum of the companies' record keys (disclosure.key_units)
    published: dict = field(default_factory=dict)  # perturbed values, empty when hidden

    @property
    def cell_key(self) -> float:
        return disclosure.cell_key_from_units(self.key_units)

    def publish(self) -> None:
        """Fill ``published`` with the perturbed numbers (or nothing when hidden)."""
        if self.hidden:
            self.published = {}
            return
        key = self.cell_key
        self.published = {
            "companies": disclosure.perturb(self.companies, key, "units"),
            "employees": disclosure.perturb(self.employees, key, "employees"),
            "needs": disclosure.perturb(self.needs, key, "needs"),
        }

    @property
    def hidden(self) -> bool:
        return self.status != VISIBLE

    @property
    def is_margin(self) -> bool:
        return TOTAL in self.key


@dataclass
class Table:
    dims: tuple[str, ...]
    cells: dict[tuple, Cell] = field(default_factory=dict)

    @property
    def grand_total(self) -> Cell:
        return self.cells.get((TOTAL,) * len(self.dims)) or Cell((TOTAL,) * len(self.dims))

    def inner(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if not cell.is_margin]


RecordKeys = Callable[[str], float]


def unkeyed(company: str) -> float:
    """Record key for tables without stored keys (tests, benchmarks): a hash of the name."""
    return disclosure.derived_record_key(str(company), "")


def build_table(
    contributions: Iterable[tuple[str, tuple, int, int]],
    dims: tuple[str, ...],
    record_key: RecordKeys = unkeyed,
) -> Table:
    """Roll up ``(company, key, employees, needs)`` rows into the full lattice of ``dims``."""
    rows = list(contributions)
    if not rows:
        return roll_up((), [() for _ in dims], (), (), dims, record_key)
    companies, keys, employees, needs = zip(*rows, strict=True)
    return roll_up(companies, list(zip(*keys, strict=True)), employees, needs, dims, record_key)


def _codes(values) -> tuple[np.ndarray, list]:
    """Integer codes of ``values`` in order of first appearance, and the distinct values."""
    seen: dict = {}
    codes = np.fromiter((seen.setdefault(v, len(seen)) for v in values), np.int64, len(values))
    return codes, list(seen)


def roll_up(
    companies, columns, employees, needs, dims: tuple[str, ...], record_key: RecordKeys = unkeyed
) -> Table:
    """``build_table`` on columns: one value sequence per dimension (numpy, no per-row work).

    Cells come in the order ``build_table`` has always produced (first row, then margin
    pattern), because the suppression walks the cells in that order.
    """
    size = len(dims)
    table = Table(dims)
    if not len(companies):
        table.cells[(TOTAL,) * size] = Cell((TOTAL,) * size)
        return table
    company, names = _codes(companies)
    unit_keys = np.fromiter(
        (disclosure.key_units(record_key(name)) for name in names), np.int64, len(names)
    )
    coded = [_codes(column) for column in columns]
    employees = np.asarray(employees, dtype=np.int64)
    needs = np.asarray(needs, dtype=np.int64)
    found = []  # (first row, pattern number, key, companies, employees, needs, top)
    for pattern, mask in enumerate(product((False, True), repeat=size)):
        cell = np.zeros(len(company), dtype=np.int64)
        for hide, (codes, values) in zip(mask, coded, strict=True):
            if not hide:
                cell = cell * len(values) + codes
        cells, first, inverse = np.unique(cell, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        pairs, pair_of_row = np.unique(
            inverse * (int(company.max()) + 1) + company, return_inverse=True
        )
        per_pair = np.bincount(pair_of_row.reshape(-1), weights=employees).astype(np.int64)
        pair_cell = pairs // (int(company.max()) + 1)
        # float64 sums of < 2**32 keys stay exact integers far beyond any wave's size
        key_sums = np.bincount(
            pair_cell, weights=unit_keys[pairs % (int(company.max()) + 1)], minlength=len(cells)
        ).astype(np.int64)
        starts = np.searchsorted(pair_cell, np.arange(len(cells)))
        counts = np.bincount(pair_cell, minlength=len(cells))
        totals = np.bincount(pair_cell, weights=per_pair, minlength=len(cells)).astype(np.int64)
        tops = np.maximum.reduceat(per_pair, starts)
        need_totals = np.bincount(inverse, weights=needs, minlength=len(cells)).astype(np.int64)
        for number in range(len(cells)):
            row = first[number]
            key = tuple(
                TOTAL if hide else values[codes[row]]
                for hide, (codes, values) in zip(mask, coded, strict=True)
            )
            found.append(
                (
                    int(row),
                    pattern,
                    key,
                    int(counts[number]),
                    int(totals[number]),
                    int(need_totals[number]),
                    int(tops[number]),
                    int(key_sums[number]),
                )
            )
    found.sort(key=lambda item: (item[0], item[1]))
    for _row, _pattern, key, count, total, need_total, top, key_sum in found:
        table.cells[key] = Cell(
            key=key,
            companies=count,
            employees=total,
            needs=need_total,
            top_employees=top,
            key_units=key_sum,
        )
    return table


def is_sensitive(cell: Cell, min_companies=MIN_COMPANIES, dominance=DOMINANCE_SHARE) -> bool:
    return disclosure.is_sensitive(
        cell.companies, cell.employees, cell.top_employees, min_companies, dominance
    )


def composition_withheld(
    table: Table, min_companies: int = MIN_COMPANIES, dominance: float = DOMINANCE_SHARE
) -> bool:
    """Whether ``table`` must show nothing of its composition, not even which rows it has.

    A table filtered down to fewer than ``min_companies`` companies (or to one that a
    single company dominates) would still list the keys of its hidden rows, and those
    keys are that company's profile (issue 24: 48 single-company need profiles were read
    off filtered tables). Such a table shows only its hidden total.
    """
    return is_sensitive(table.grand_total, min_companies, dominance)


def lines(table: Table) -> list[tuple[Cell, list[Cell]]]:
    """Every additive relation: ``(margin, cells that add up to it)``."""
    groups: dict[tuple, list[Cell]] = defaultdict(list)
    for key, cell in table.cells.items():
        for position, value in enumerate(key):
            if value != TOTAL:
                parent = key[:position] + (TOTAL,) + key[position + 1 :]
                groups[(position, parent)].append(cell)
    return [(table.cells[parent], members) for (_pos, parent), members in groups.items()]


def _cheapest(candidates: list[Cell]) -> Cell | None:
    """The visible cell whose loss costs least: inner cells before margins, small first."""
    visible = [cell for cell in candidates if not cell.hidden]
    if not visible:
        return None
    return min(
        visible, key=lambda c: (c.is_margin, c.key.count(TOTAL), c.employees, c.needs, str(c.key))
    )


Cost = Callable[[Cell], object]


def _partner(margin: Cell, members: list[Cell], cost: Cost | None) -> Cell | None:
    """The cell to hide beside a line's one hidden cell.

    Without ``cost``: the cheapest inner cell, else the margin. With ``cost`` (a sort key,
    smaller is hidden first): the cheapest of all the line's visible cells.
    """
    if cost is None:
        return _cheapest(members) or _cheapest([margin])
    visible = [cell for cell in (margin, *members) if not cell.hidden]
    if not visible:
        return None
    return min(visible, key=lambda c: (cost(c), c.employees, c.needs, str(c.key)))


def _complete_lines(table: Table, relations, cost: Cost | None = None) -> None:
    changed = True
    while changed:
        changed = False
        for margin, members in relations:
            group = [margin, *members]
            if sum(cell.hidden for cell in group) == 1:
                extra = _partner(margin, members, cost)
                if extra is not None:
                    extra.status = SECONDARY
                    changed = True


def determined_cells(table: Table, relations=None) -> list[Cell]:
    """Hidden cells whose value follows exactly from the published numbers."""
    relations = relations if relations is not None else lines(table)
    hidden = [cell for cell in table.cells.values() if cell.hidden]
    if not hidden:
        return []
    index = {cell.key: number for number, cell in enumerate(hidden)}
    rows = []
    for margin, members in relations:
        row = np.zeros(len(hidden))
        for cell in members:
            if cell.key in index:
                row[index[cell.key]] += 1
        if margin.key in index:
            row[index[margin.key]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return []
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for cell in hidden:
        unit = np.zeros(len(hidden))
        unit[index[cell.key]] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.append(cell)
    return found


def suppress(
    table: Table,
    min_companies: int = MIN_COMPANIES,
    dominance: float = DOMINANCE_SHARE,
    cost: Cost | None = None,
) -> Table:
    """Mark every cell of ``table`` visible, primary or secondary (in place; returns it).

    ``cost`` (optional sort key) says which cells give way first for complementary
    suppression (the business-climate reports keep the chambers' totals).
    """
    for cell in table.cells.values():
        cell.status = PRIMARY if is_sensitive(cell, min_companies, dominance) else VISIBLE
    relations = lines(table)
    _complete_lines(table, relations, cost)
    # The line rule suffices for one dimension; with more, combinations of lines could
    # still pin a hidden cell down, so audit exactly and widen until none is determined.
    while len(table.dims) > 1:
        pinned = determined_cells(table, relations)
        if not pinned:
            break
        target = pinned[0]
        for margin, members in relations:
            if target in members or target is margin:
                extra = _partner(margin, members, cost)
                if extra is not None:
                    extra.status = SECONDARY
                    break
        else:  # nothing left to hide next to it: hide everything that is still shown
            for cell in table.cells.values():
                cell.status = cell.status if cell.hidden else SECONDARY
        _complete_lines(table, relations, cost)
    for cell in table.cells.values():
        cell.publish()
    return table


def protected_table(
    contributions: Iterable[tuple[str, tuple, int, int]],
    dims: tuple[str, ...],
    min_companies: int = MIN_COMPANIES,
    dominance: float = DOMINANCE_SHARE,
    record_key: RecordKeys = unkeyed,
) -> Table:
    return suppress(build_table(contributions, dims, record_key), min_companies, dominance)
