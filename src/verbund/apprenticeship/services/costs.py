"""Who pays what in a rotation plan, what each company saves, and the expected funding.

The split follows the Verbund's model (docs/apprenticeship.md): in Auftragsausbildung and
in a consortium the home company pays its apprentices' stays; with a lead company the
partners carry the costs of their own phases; in an association the members share the
total equally. Funding programmes are data (data/funding.json) with their rule.

Two comparisons per company: buying every missing week from a provider (median station
price plus the commute), and teaching alone: the weeks of its apprentices' gaps times the
company's own cost of a training week (``TrainingProfile.own_cost_per_week``); without that
figure the comparison is left open (``alone`` is None), never taken as 0.
"""

import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from statistics import median

from verbund.apprenticeship.models.verbund import VerbundModel
from verbund.apprenticeship.solver import model as solver_model
from verbund.apprenticeship.solver.rules import gaps, travel_eur_per_week

CENT = Decimal("0.01")
WEEKS_PER_MONTH = Decimal("4.33")


def _eur(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class CompanyShare:
    company: str
    pays: Decimal = Decimal("0")
    receives: Decimal = Decimal("0")
    provider_price: Decimal = Decimal("0")  # buying every missing week from a provider
    funding: Decimal = Decimal("0")
    programme: str = ""
    stay_weeks: int = 0
    apprentices: set = field(default_factory=set)
    gap_weeks: int = 0  # weeks its apprentices lack at home, all together
    own_cost_per_week: Decimal | None = None

    @property
    def net(self) -> Decimal:
        return self.pays - self.receives - self.funding

    @property
    def saving(self) -> Decimal:
        return self.provider_price - (self.pays - self.receives)

    @property
    def alone(self) -> Decimal | None:
        """What teaching the gaps in-house would cost it; None without its weekly figure."""
        if self.own_cost_per_week is None:
            return None
        return _eur(self.gap_weeks * self.own_cost_per_week)

    @property
    def saving_alone(self) -> Decimal | None:
        alone = self.alone
        return None if alone is None else alone - (self.pays - self.receives)


def programmes() -> list[dict]:
    data = (
        resources.files("verbund.apprenticeship").joinpath("data/funding.json").read_text("utf-8")
    )
    return json.loads(data)["programmes"]


def expected_funding(
    programme: dict, stay_weeks: int, apprentices: int, months: int, coordinator: bool
) -> Decimal:
    rule = programme["rule"]
    amount = Decimal(str(programme["amount_eur"]))
    if rule == "per_day":
        total = amount * stay_weeks * programme.get("days_per_week", 5)
        cap = programme.get("cap_eur_by_months", {}).get(str(months))
        if cap is not None:
            total = min(total, Decimal(str(cap)) * apprentices)
    elif rule == "per_month":
        stay_months = Decimal(stay_weeks) / WEEKS_PER_MONTH
        if "max_months" in programme:
            stay_months = min(stay_months, Decimal(programme["max_months"]) * apprentices)
        total = amount * stay_months
        if coordinator:
            total += Decimal(str(programme.get("coordinator_bonus_eur", 0)))
    elif rule == "per_place":
        total = amount * apprentices
    else:
        raise ValueError(f"unknown funding rule {rule!r}")
    return _eur(total)


def _company_of_partner(partner: str, shares: dict) -> str | None:
    """Partner ids are company ids (generated instances) or ``O<organization>`` (the database)."""
    if partner in shares:
        return partner
    candidate = f"C{partner[1:]}"
    return candidate if candidate in shares else None


def split(
    instance_data: dict,
    plan_data: dict,
    verbund_model: str,
    lead: str | None,
    lands: dict,
    months: int,
    own_costs: dict | None = None,
) -> list[CompanyShare]:
    """Per company (solver id): what it pays, receives, saves and may get as funding.

    ``own_costs`` maps a company to its own cost of a training week (None: not known)."""
    instance = solver_model.instance_from_dict(instance_data)
    plan = solver_model.plan_from_dict(plan_data)
    stations = {s.id: s for s in instance.stations}
    home = {a.id: a.company for a in instance.apprentices}
    shares = {c.id: CompanyShare(c.id) for c in instance.companies}
    for company, cost in (own_costs or {}).items():
        if company in shares and cost is not None:
            shares[company].own_cost_per_week = Decimal(str(cost))
    home_of = {a.id: a.company for a in instance.apprentices}
    for (apprentice, _position, _year), weeks in gaps(instance).items():
        shares[home_of[apprentice]].gap_weeks += weeks
    # the comparison price: a week bought on the market (median of all stations' prices)
    prices = [s.cost_per_week for s in instance.stations]
    provider_week = Decimal(str(median(prices))) if prices else Decimal("0")
    partner_pairs = set()
    total = Decimal("0")
    for stay in plan.stays:
        station = stations[stay.station]
        company = home[stay.apprentice]
        share = shares[company]
        share.stay_weeks += stay.weeks
        share.apprentices.add(stay.apprentice)
        training = _eur(stay.weeks * station.cost_per_week)
        travel = _eur(stay.weeks * travel_eur_per_week(instance, company, station.id))
        total += training + travel
        share.provider_price += _eur(provider_week * stay.weeks) + travel
        fixed = Decimal("0")
        if (company, station.partner) not in partner_pairs:
            partner_pairs.add((company, station.partner))
            fixed = _eur(instance.costs.partner_fixed_eur)
            total += fixed
        if verbund_model == VerbundModel.LEAD and lead in shares:
            # partners carry their phases; the lead pays commute and coordination
            shares[lead].pays += travel + fixed
        else:
            share.pays += training + travel + fixed
            host = _company_of_partner(station.partner, shares)
            if verbund_model == VerbundModel.CONTRACTED and host:
                shares[host].receives += training
    if verbund_model == VerbundModel.ASSOCIATION and shares:
        each = _eur(total / len(shares))
        for share in shares.values():
            share.pays, share.receives = each, Decimal("0")
    by_land = {p["land"]: p for p in programmes()}
    for company, share in shares.items():
        programme = by_land.get(lands.get(company, ""))
        if programme and share.apprentices:
            share.programme = programme["name"]
            share.funding = expected_funding(
                programme, share.stay_weeks, len(share.apprentices), months, company == lead
            )
    return sorted(shares.values(), key=lambda s: s.company)
