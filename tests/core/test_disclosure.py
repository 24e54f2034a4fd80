"""The cell-key method and the threshold/dominance rules (pure, no database)."""

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from verbund.core.services import disclosure
from verbund.core.services.disclosure import CellInput, protect_cells

keys = st.lists(st.floats(0, 1, exclude_max=True), min_size=1, max_size=30)


def test_perturbation_table_is_zero_mean_and_bounded():
    assert abs(sum(noise * p for noise, p in disclosure.PERTURBATION)) < 1e-12
    assert abs(sum(p for _noise, p in disclosure.PERTURBATION) - 1) < 1e-12
    assert disclosure.MAX_DEVIATION == 2


@given(keys)
def test_cell_key_ignores_order(record_keys):
    shuffled = list(record_keys)
    random.Random(1).shuffle(shuffled)
    assert disclosure.cell_key(record_keys) == disclosure.cell_key(shuffled)
    assert 0 <= disclosure.cell_key(record_keys) < 1


@given(st.integers(0, 10**6), st.floats(0, 1, exclude_max=True), st.sampled_from(["a", "b"]))
def test_perturb_is_deterministic_bounded_and_keeps_zero_and_sign(value, key, quantity):
    published = disclosure.perturb(value, key, quantity)
    assert published == disclosure.perturb(value, key, quantity)
    assert abs(published - value) <= disclosure.MAX_DEVIATION
    assert (published == 0) == (value == 0)
    assert published >= 0


def test_small_values_get_a_narrower_noise():
    draws = [disclosure.perturb(1, k / 1000) for k in range(1000)]
    assert set(draws) == {1}
    assert {disclosure.perturb(2, k / 1000) for k in range(1000)} == {1, 2, 3}


def test_noise_follows_the_table():
    counts = Counter(disclosure.perturb(100, k / 10000, "x") - 100 for k in range(10000))
    for noise, p in disclosure.PERTURBATION:
        assert abs(counts[noise] / 10000 - p) < 0.02


def test_floats_keep_one_decimal():
    value = disclosure.perturb(12.5, 0.3, "employees")
    assert value == round(value, 1) and abs(value - 12.5) <= 2


def test_derived_keys_are_fixed_and_secret_dependent():
    assert disclosure.derived_record_key("o1", "s") == disclosure.derived_record_key("o1", "s")
    assert disclosure.derived_record_key("o1", "s") != disclosure.derived_record_key("o1", "t")
    assert 0 <= disclosure.new_record_key() < 1


def test_protect_cells_threshold_dominance_and_noise():
    few = CellInput("few", (0.1, 0.2, 0.3, 0.4), {"employees": 40})
    dominated = CellInput(
        "big", (0.1, 0.2, 0.3, 0.4, 0.5), {"employees": 100}, dominant="employees", largest=90
    )
    fine = CellInput(
        "ok", (0.1, 0.2, 0.3, 0.4, 0.5), {"employees": 100}, dominant="employees", largest=30
    )
    result = protect_cells([few, dominated, fine])
    assert result["few"].hidden and result["few"].values == {"employees": None}
    assert result["big"].hidden and result["big"].units is None
    shown = result["ok"]
    assert not shown.hidden and abs(shown.values["employees"] - 100) <= 2
    assert abs(shown.units - 5) <= 2
    assert protect_cells([fine]) == protect_cells([fine])  # same cell, same value
