"""ESF Plus simplified cost options (Regulation (EU) 2021/1060, Art. 55 and 56).

Both figures are computed, never typed: the hourly rate from the documented annual gross
employment costs, the flat rate for all remaining costs from the eligible direct staff costs.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from verbund.funding.services.proof_of_use import ProofError, cents

HOURS_PER_YEAR = Decimal(1720)  # Art. 55 (2): the standard annual working time
FLAT_RATE_CEILING = Decimal(40)  # Art. 56 (1): at most 40 % of the direct staff costs


def hourly_rate(annual_gross_costs: Decimal) -> Decimal:
    """Hourly staff rate = annual gross employment costs / 1,720, to the cent."""
    if annual_gross_costs < 0:
        raise ProofError(_("Die Jahresbruttopersonalkosten dürfen nicht negativ sein."))
    return cents(annual_gross_costs / HOURS_PER_YEAR)


def staff_costs(annual_gross_costs: Decimal, hours: Decimal) -> Decimal:
    """Eligible staff costs of ``hours`` worked, computed from the unrounded hourly rate."""
    if hours < 0:
        raise ProofError(_("Die Stundenzahl darf nicht negativ sein."))
    return cents(annual_gross_costs / HOURS_PER_YEAR * hours)


def flat_rate_costs(direct_staff_costs: Decimal, percent: Decimal) -> Decimal:
    """The remaining costs as a flat rate of the direct staff costs (at most 40 %)."""
    if not 0 <= percent <= FLAT_RATE_CEILING:
        raise ProofError(
            _("Die Restkostenpauschale liegt zwischen 0 und 40 %% (angegeben: %(percent)s %%).")
            % {"percent": percent}
        )
    return cents(direct_staff_costs * percent / 100)
