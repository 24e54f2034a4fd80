"""Every published figure obeys the anonymity rules (hypothesis)."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from verbund.economy import method
from verbund.economy.method import FirmAnswer

answer = st.builds(
    FirmAnswer,
    firm_id=st.just(""),
    chamber=st.sampled_from(["BS", "LG", "H"]),
    district=st.sampled_from(["03101", "03103", "03151", "03153", "03355"]),
    wz=st.sampled_from(["C", "F", "G", "H", "62.01", "A"]),
    employees=st.integers(1, 3000),
    lage=st.sampled_from(["gut", "befriedigend", "schlecht", ""]),
    erwartungen=st.sampled_from(["besser", "gleich", "schlechter", ""]),
)


def numbered(answers):
    return [dataclasses.replace(a, firm_id=str(number)) for number, a in enumerate(answers)]


@settings(max_examples=60, deadline=None)
@given(st.lists(answer, max_size=60), st.sampled_from(method.DIMENSIONS))
def test_no_visible_cell_has_fewer_than_5_firms_or_a_dominant_firm(answers, dimension):
    answers = numbered(answers)
    total, cells = method.protected_groups(answers, dimension)
    for cell in [total, *cells]:
        members = [a for a in answers if cell.group == "all" or a.group(dimension) == cell.group]
        if not cell.suppressed:
            assert len(members) >= 5
            employees = sum(a.employees for a in members)
            assert max(a.employees for a in members) <= 0.85 * employees


@settings(max_examples=60, deadline=None)
@given(st.lists(answer, max_size=60), st.sampled_from(method.DIMENSIONS))
def test_a_hidden_group_cannot_be_computed_from_the_total_and_the_others(answers, dimension):
    total, cells = method.protected_groups(numbered(answers), dimension)
    hidden = [cell for cell in cells if cell.suppressed]
    if not total.suppressed:
        assert len(hidden) != 1


@settings(max_examples=40, deadline=None)
@given(st.lists(answer, min_size=1, max_size=40))
def test_json_never_carries_numbers_of_a_hidden_cell(answers):
    total, cells = method.protected_groups(numbered(answers), "sector")
    result = method.as_json(total, cells)
    for cell in [result["all"], *result["by"].values()]:
        assert set(cell) in ({"suppressed", "reason"}, {"firms", "lage", "erwartungen", "klima"})
