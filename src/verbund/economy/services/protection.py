"""The joint report and every chamber's own report, protected together (issue 24).

Each report on its own hides cells of fewer than 5 firms and dominated cells, and hides
further cells so that none can be computed back inside that report. That is not enough
for a *set* of reports: the joint report minus one chamber's report (public PDFs, or the
API with ``?chamber=``) leaves the other chamber's figures, down to single firms.

The published set is therefore treated as one table per dimension: group x chamber,
with the joint figures as the margin over the chambers and each chamber's total as the
margin over the groups. The core suppression service
(``verbund.core.services.suppression``) protects it like any two-dimensional table:
threshold and dominance, complementary suppression along every line, and the exact
linear-algebra audit, so that no hidden part follows from any combination of the joint
and per-chamber figures. The totals (joint and per chamber, also over time) are one
further line: joint = sum of the chambers.

A cell is hidden in a report when that report's own rules hide it *or* the published set
does (hiding more never reveals more). The business-climate survey publishes indices,
not counts, so the cell-key perturbation is not used here: complementary suppression
across the set is the method (docs/security.md, tests/economy/test_differencing.py).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from verbund.core.services import suppression
from verbund.core.services.suppression import TOTAL
from verbund.economy import method

TOTALS = "all"  # the "dimension" of the report totals


def _no_record_key(_firm: str) -> float:
    return 0.0  # indices are not perturbed: suppression decisions need no record keys


def _cost(cell: suppression.Cell) -> int:
    """Which cells of the group x chamber table give way first to protect a hidden one.

    A report's total (a chamber's or the joint one) last: it is each report's headline.
    A joint group before a chamber's group: where one chamber's part of a group is small,
    the joint figure of that group would give it back against the other chamber's report,
    so the joint figure goes rather than the other chamber's own one.
    """
    if cell.key[0] == TOTAL:
        return 2
    return 0 if cell.key[-1] == TOTAL else 1


def hidden_cells(
    answers: list[method.FirmAnswer], dimensions: Iterable[str]
) -> set[tuple[str, str, str]]:
    """``(dimension, group, chamber)`` of every cell the published set must hide.

    ``group`` is ``TOTAL`` for a report's total; ``chamber`` is ``TOTAL`` for the joint
    report. The chamber table of the joint report uses the chambers' totals
    (``(TOTALS, TOTAL, chamber)``).
    """
    hidden: set[tuple[str, str, str]] = set()
    if not answers:
        return hidden
    firms = [answer.firm_id for answer in answers]
    chambers = [answer.chamber or "-" for answer in answers]
    employees = np.fromiter((answer.employees or 0 for answer in answers), np.int64, len(answers))
    ones = np.ones(len(answers), dtype=np.int64)

    def protect(columns, dims):
        table = suppression.roll_up(firms, columns, employees, ones, dims, _no_record_key)
        return suppression.suppress(table, cost=_cost)

    for key, cell in protect([chambers], ("chamber",)).cells.items():
        if cell.hidden:
            hidden.add((TOTALS, TOTAL, key[0]))
    for dimension in dimensions:
        if dimension == "chamber":
            continue
        groups = [answer.group(dimension) for answer in answers]
        for (group, chamber), cell in protect(
            [groups, chambers], (dimension, "chamber")
        ).cells.items():
            if not cell.hidden:
                continue
            if group == TOTAL:  # a report's total, hidden in this dimension's table
                hidden.add((TOTALS, TOTAL, chamber))
            else:
                hidden.add((dimension, group, chamber))
    return hidden


def hidden_totals(rows: Iterable[tuple[str, int, int, int]]) -> set[str]:
    """The chambers (``TOTAL``: the joint figure) whose wave total must be hidden.

    ``rows`` are ``(chamber, firms, employees, largest firm's employees)`` of one wave:
    the line "joint total = sum of the chambers' totals" of the time series.
    """
    table = suppression.Table(("chamber",))
    firms = employees = top = 0
    for chamber, count, staff, largest in rows:
        table.cells[(chamber,)] = suppression.Cell((chamber,), count, staff, 0, largest)
        firms, employees, top = firms + count, employees + staff, max(top, largest)
    table.cells[(TOTAL,)] = suppression.Cell((TOTAL,), firms, employees, 0, top)
    suppression.suppress(table)
    return {key[0] for key, cell in table.cells.items() if cell.hidden}
