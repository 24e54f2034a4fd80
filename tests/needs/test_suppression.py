"""Property tests: no filter and grouping publishes a cell under the threshold or lets one
be computed back from the published numbers (no database needed)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from verbund.needs.services.suppression import (
    MIN_COMPANIES,
    TOTAL,
    build_table,
    is_sensitive,
    protected_table,
)

DIMS = ("district", "sector", "size", "topic", "target_group")
VALUES = {"district": "ABCD", "sector": "CFG", "size": "SML", "topic": "xyzw", "target_group": "pq"}

row = st.tuples(
    st.integers(1, 30),  # company
    *[st.sampled_from(VALUES[dim]) for dim in DIMS],
    st.integers(1, 40),  # employees concerned
)


def _view(rows, filters, group):
    """Filter by equality on some dimensions, then group by ``group`` (as the dashboard does)."""
    contributions = []
    for company, *values, employees in rows:
        record = dict(zip(DIMS, values, strict=True))
        if all(record[dim] == value for dim, value in filters.items()):
            contributions.append((f"c{company}", tuple(record[d] for d in group), employees, 1))
    return contributions


def _determined_by_nullspace(table):
    """Independent check: a hidden cell is determined iff it is 0 in every null vector."""
    hidden = [cell.key for cell in table.cells.values() if cell.hidden]
    if not hidden:
        return []
    index = {key: i for i, key in enumerate(hidden)}
    equations = []
    for key in table.cells:
        for position, value in enumerate(key):
            if value == TOTAL:
                continue
            parent = key[:position] + (TOTAL,) + key[position + 1 :]
            siblings = [
                other
                for other in table.cells
                if other[:position] == key[:position]
                and other[position + 1 :] == key[position + 1 :]
                and other[position] != TOTAL
            ]
            equation = np.zeros(len(hidden))
            for sibling in siblings:
                if sibling in index:
                    equation[index[sibling]] += 1
            if parent in index:
                equation[index[parent]] -= 1
            equations.append(equation)
    matrix = np.array(equations) if equations else np.zeros((1, len(hidden)))
    _u, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    return [key for key, i in index.items() if null.shape[0] == 0 or np.allclose(null[:, i], 0)]


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(row, min_size=0, max_size=80),
    filter_dims=st.sets(st.sampled_from(DIMS), max_size=2),
    group_size=st.integers(1, 2),
    data=st.data(),
)
def test_no_filter_combination_reveals_a_small_cell(rows, filter_dims, group_size, data):
    filters = {dim: data.draw(st.sampled_from(VALUES[dim])) for dim in filter_dims}
    remaining = [dim for dim in DIMS if dim not in filters]
    group = tuple(data.draw(st.permutations(remaining))[:group_size])
    table = protected_table(_view(rows, filters, group), group)
    for cell in table.cells.values():
        if not cell.hidden:
            assert cell.companies >= MIN_COMPANIES
            assert not is_sensitive(cell)
    assert _determined_by_nullspace(table) == []


def test_dominance_hides_a_cell_with_one_big_company():
    rows = [(f"c{n}", ("A",), 1, 1) for n in range(6)] + [("big", ("A",), 100, 1)]
    table = protected_table(rows, ("district",))
    assert table.cells[("A",)].hidden


def test_single_hidden_cell_gets_a_partner():
    rows = [(f"a{n}", ("A",), 2, 1) for n in range(10)]
    rows += [(f"b{n}", ("B",), 2, 1) for n in range(8)]
    rows += [("c1", ("C",), 3, 1)]
    table = protected_table(rows, ("district",))
    assert table.cells[("C",)].status == "primary"
    assert table.cells[("B",)].status == "secondary"  # else C = total - A - B
    assert not table.cells[("A",)].hidden
    assert not table.cells[(TOTAL,)].hidden


def test_table_rolls_up_margins():
    table = build_table([("c1", ("A", "x"), 3, 1), ("c1", ("A", "y"), 2, 1)], ("d", "t"))
    assert table.cells[("A", TOTAL)].employees == 5
    assert table.cells[("A", TOTAL)].companies == 1
    assert table.cells[(TOTAL, TOTAL)].needs == 2
