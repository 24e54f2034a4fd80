"""``build_table`` (numpy roll-up) against the plain dictionary roll-up it replaced.

The suppression walks the cells in table order, so order matters as much as the numbers.
"""

from collections import defaultdict
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from verbund.needs.services.suppression import TOTAL, build_table, protected_table


def reference_cells(contributions, dims):
    size = len(dims)
    per_company = defaultdict(lambda: defaultdict(int))
    needs = defaultdict(int)
    masks = list(product((False, True), repeat=size))
    for company, key, employees, count in contributions:
        for mask in masks:
            cell_key = tuple(
                TOTAL if hide else value for hide, value in zip(mask, key, strict=True)
            )
            per_company[cell_key][company] += employees
            needs[cell_key] += count
    cells = [
        (key, len(companies), sum(companies.values()), needs[key], max(companies.values()))
        for key, companies in per_company.items()
    ]
    return cells or [((TOTAL,) * size, 0, 0, 0, 0)]


contribution = st.tuples(
    st.sampled_from(["c1", "c2", "c3", "c4", "c5", "c6", "c7"]),
    st.tuples(st.sampled_from([1, 2, None, 7]), st.sampled_from(["x", "", "y"]), st.integers(0, 2)),
    st.integers(0, 40),
    st.integers(1, 3),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(contribution, max_size=40), st.integers(1, 3))
def test_roll_up_equals_the_dictionary_version(rows, size):
    dims = ("a", "b", "c")[:size]
    rows = [(company, key[:size], employees, count) for company, key, employees, count in rows]
    table = build_table(rows, dims)
    got = [
        (cell.key, cell.companies, cell.employees, cell.needs, cell.top_employees)
        for cell in table.cells.values()
    ]
    assert got == reference_cells(rows, dims)


def test_generator_input_and_statuses():
    rows = [(f"c{n}", ("A", n % 2), 3, 1) for n in range(12)] + [("c0", ("B", 0), 2, 1)]
    table = protected_table(iter(rows), ("d", "p"))
    assert table.cells[("B", 0)].hidden and table.cells[("A", TOTAL)].employees == 36
