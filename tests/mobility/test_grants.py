"""Grant check values computed by hand (2024+ bands, example daily rate 66 EUR)."""

import pytest

from verbund.mobility.solver import grants
from verbund.mobility.solver.rates import shipped_rates

from .solver_cases import RATES


@pytest.mark.parametrize(
    ("km", "standard", "green"),
    [
        (9.9, 0, 0),  # below 10 km: no travel grant
        (10.0, 28, 56),
        (99.9, 28, 56),  # 99.9 km lies in the whole-km band 10-99
        (100.0, 211, 285),
        (499.9, 211, 285),
        (500.0, 309, 417),
        (1999.9, 309, 417),
        (2000.0, 395, 535),
        (3999.9, 580, 785),
        (4000.0, 1188, 1188),  # no green amount in this band: the standard one applies
        (7999.9, 1188, 1188),
        (8000.0, 1735, 1735),
        (15000.0, 1735, 1735),
    ],
)
def test_band_edges_standard_and_green(km, standard, green):
    assert grants.travel_amount(RATES, km, green=False) == standard
    assert grants.travel_amount(RATES, km, green=True) == green


def test_great_circle_distance_hannover_le_havre():
    # haversine with R = 6371 km, rounded to 0.1 km (mobility.md's 654.2 is illustrative)
    assert grants.great_circle_km(52.37, 9.73, 49.49, 0.11) == 745.6
    assert grants.great_circle_km(52.37, 9.73, 52.37, 9.73) == 0.0


def test_standard_travel_two_funded_travel_days():
    grant = grants.grant(RATES, "learner_short", 28, 654.2)
    assert grant.travel == 309
    assert grant.individual == (28 + 2) * 66  # 1.980
    assert grant.organisational == 350
    assert grant.inclusion == 0
    assert grant.total == 309 + 1980 + 350


def test_green_travel_six_funded_travel_days_and_inclusion_the_mobility_md_example():
    grant = grants.grant(RATES, "learner_short", 28, 654.2, green=True, fewer_opportunities=True)
    assert grant.travel == 417
    assert grant.individual == (28 + 6) * 66  # 2.244
    assert grant.inclusion == 125
    assert grant.total == 417 + 2244 + 350 + 125 == 3136


def test_older_calls_have_their_own_bands_and_inclusion_support():
    rates_2023, rates_2025 = shipped_rates(2023), shipped_rates(2025)
    assert grants.travel_amount(rates_2023, 654.2, green=True) == 320
    assert grants.travel_amount(rates_2023, 50.0, green=True) == 23  # no green amount
    assert rates_2025.inclusion == 125
    assert shipped_rates(2031) is None
