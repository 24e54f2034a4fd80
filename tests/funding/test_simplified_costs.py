from decimal import Decimal

import pytest

from verbund.funding.services.proof_of_use import ProofError
from verbund.funding.services.simplified_costs import flat_rate_costs, hourly_rate, staff_costs


def test_hourly_rate_is_annual_costs_over_1720_hours():
    assert hourly_rate(Decimal("60200.00")) == Decimal("35.00")
    assert hourly_rate(Decimal("55000.00")) == Decimal("31.98")  # 31.976...


def test_staff_costs_use_the_unrounded_rate():
    # 55,000 / 1,720 x 100 h = 3,197.674... -> 3,197.67 (a rounded rate would give 3,198.00)
    assert staff_costs(Decimal("55000"), Decimal("100")) == Decimal("3197.67")


def test_flat_rate_is_at_most_40_percent():
    assert flat_rate_costs(Decimal("100000"), Decimal("40")) == Decimal("40000.00")
    assert flat_rate_costs(Decimal("1234.56"), Decimal("15")) == Decimal("185.18")  # 185.184
    with pytest.raises(ProofError, match="40"):
        flat_rate_costs(Decimal("100000"), Decimal("41"))
