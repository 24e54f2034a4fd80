"""One wave's answers pooled in one pass: coded columns, then numpy sums for every cell.

``method.Tally.add`` pools answer by answer; a report pools the same 30,000 answers five
times (total, sector, district, chamber, size). Here the answers are read once into
integer columns (weight, the code of each answer, risk counts) and every grouping is a
handful of ``numpy.bincount`` calls. The tallies are the very ``method.Tally`` objects
``Tally.add`` would build (the same integer sums), so every index still comes from the
pooled, weighted answers of its cell; ``tests/economy/test_method.py`` checks both agree.
The cell-key noise of the disclosure service is not used (indices are not perturbed),
so no record key is derived.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from verbund.core.services import suppression
from verbund.economy import method


@dataclass
class Columns:
    """The answers of one wave as columns (one entry per answer, in the answers' order)."""

    answers: list
    firm_ids: list[str]
    employees: np.ndarray
    weights: np.ndarray
    codes: dict[str, np.ndarray]  # question -> index of the answer in its options, -1: none
    risks: np.ndarray  # answers x RISKS: how often each known risk was ticked
    named_risk: np.ndarray  # 1 where the firm ticked at least one known risk

    @staticmethod
    def record_key(_firm: str) -> float:
        """The survey publishes indices, never perturbed counts: the suppression decisions
        (threshold, dominance, complementary) do not depend on record keys, so none is
        derived (saves one HMAC per firm and table)."""
        return 0.0

    def __len__(self) -> int:
        return len(self.firm_ids)


OPTIONS = {
    "lage": method.SITUATION,
    "erwartungen": method.EXPECTATION,
    **dict.fromkeys(method.BALANCES, method.PLAN),
}


def columns_of(answers) -> Columns:
    """Read ``method.FirmAnswer`` objects once into columns."""
    answers = list(answers)
    size = len(answers)
    index = {name: {value: i for i, value in enumerate(opts)} for name, opts in OPTIONS.items()}
    risk_index = {risk: i for i, risk in enumerate(method.RISKS)}
    codes = {name: np.full(size, -1, dtype=np.int64) for name in OPTIONS}
    risks = np.zeros((size, len(method.RISKS)), dtype=np.int64)
    employees = np.zeros(size, dtype=np.int64)
    weights = np.ones(size, dtype=np.int64)
    for row, answer in enumerate(answers):
        employees[row] = answer.employees or 0
        weights[row] = method.weight(answer.employees)
        for name, lookup in index.items():
            code = lookup.get(getattr(answer, name))
            if code is not None:
                codes[name][row] = code
        for risk in answer.risiken:
            column = risk_index.get(risk)
            if column is not None:
                risks[row, column] += 1
    return Columns(
        answers,
        [answer.firm_id for answer in answers],
        employees,
        weights,
        codes,
        risks,
        (risks.sum(axis=1) > 0).astype(np.int64) if size else np.zeros(0, dtype=np.int64),
    )


def _per_group(groups: np.ndarray, count: int, weights: np.ndarray) -> np.ndarray:
    return np.rint(np.bincount(groups, weights=weights, minlength=count)).astype(np.int64)


def tallies(columns: Columns, groups: np.ndarray, count: int) -> list[method.Tally]:
    """One ``method.Tally`` per group code 0..count-1 (``groups``: the code of each answer)."""
    w = columns.weights
    firms = np.bincount(groups, minlength=count)
    staff = _per_group(groups, count, columns.employees)
    by_answer = {}
    for name, options in OPTIONS.items():
        values = columns.codes[name]
        valid = values >= 0
        cells = groups[valid] * len(options) + values[valid]
        by_answer[name] = _per_group(cells, count * len(options), w[valid]).reshape(
            count, len(options)
        )
    risk = np.stack(
        [_per_group(groups, count, w * columns.risks[:, i]) for i in range(len(method.RISKS))],
        axis=1,
    )
    risk_weight = _per_group(groups, count, w * columns.named_risk)
    result = []
    for g in range(count):

        def counts(name, g=g):
            return dict(zip(OPTIONS[name], map(int, by_answer[name][g]), strict=True))

        result.append(
            method.Tally(
                firms=int(firms[g]),
                employees=int(staff[g]),
                situation=counts("lage"),
                expectation=counts("erwartungen"),
                plans={name: counts(name) for name in method.BALANCES},
                risks=dict(zip(method.RISKS, map(int, risk[g]), strict=True)),
                risk_weight=int(risk_weight[g]),
            )
        )
    return result


def _table(columns: Columns, labels: list[str], dimension: str) -> suppression.Table:
    table = suppression.roll_up(
        columns.firm_ids,
        [labels],
        columns.employees,
        np.ones(len(columns), dtype=np.int64),
        (dimension,),
        columns.record_key,
    )
    return suppression.suppress(table)


def total_cell(columns: Columns) -> method.Cell:
    table = _table(columns, ["all"] * len(columns), "all")
    (tally,) = tallies(columns, np.zeros(len(columns), dtype=np.int64), 1)
    return method.Cell("all", method.figures_of(tally), method._reason(table.grand_total))


def group_cells(columns: Columns, dimension: str) -> tuple[str, list[method.Cell]]:
    """One protected cell per group of ``dimension`` (complementary suppression included),
    with why this table hides its total ("" when it does not)."""
    labels = [answer.group(dimension) for answer in columns.answers]
    table = _table(columns, labels, dimension)
    names: dict[str, int] = {}
    groups = np.fromiter(
        (names.setdefault(label, len(names)) for label in labels), np.int64, len(labels)
    )
    pooled = dict(zip(names, tallies(columns, groups, len(names)), strict=True))
    cells = [
        method.Cell(key[0], method.figures_of(pooled[key[0]]), method._reason(cell))
        for key, cell in table.cells.items()
        if not cell.is_margin
    ]
    order = {name: i for i, name in enumerate((*method.SECTORS, *method.SIZE_CLASSES))}
    cells.sort(key=lambda c: (order.get(c.group, len(order)), c.group))
    return method._reason(table.grand_total), cells
