"""Compute and store the grant of a stay; nobody types a grant by hand.

The amounts come from the solver's grant function (the same one the matcher and the
batch interface use) with the project's call year and the host country's group.
"""

from decimal import Decimal

from verbund.core.services import audit, geo
from verbund.mobility.models import Stay
from verbund.mobility.services.rates import rates_for, table_for
from verbund.mobility.solver import grants
from verbund.mobility.solver.model import Grant


def host_point(stay: Stay) -> tuple[float, float] | None:
    if stay.placement_id and stay.placement.lat is not None:
        return stay.placement.lat, stay.placement.lon
    host = stay.host
    if host.lat is not None and host.lon is not None:
        return host.lat, host.lon
    return geo.town_coordinates(host.city, host.country) if host.city else None


def home_point(stay: Stay) -> tuple[float, float] | None:
    if stay.home_lat is not None and stay.home_lon is not None:
        return stay.home_lat, stay.home_lon
    return geo.town_coordinates(stay.home_city, "DE") if stay.home_city else None


def compute(stay: Stay) -> Grant:
    """Set the stay's distance, travel days and grant fields (not saved)."""
    home, host = home_point(stay), host_point(stay)
    if home is not None:
        stay.home_lat, stay.home_lon = home
    stay.distance_km = grants.great_circle_km(*home, *host) if home and host else 0.0
    country = stay.host.country if not stay.placement_id else stay.placement.country
    rates = rates_for(stay.project.call_year, country)
    grant = grants.grant(
        rates,
        stay.participant_type,
        stay.days,
        stay.distance_km,
        green=stay.green_travel,
        fewer_opportunities=stay.fewer_opportunities,
    )
    stay.travel_days = grants.funded_travel_days(rates, stay.green_travel)
    stay.grant_travel = Decimal(grant.travel)
    stay.grant_individual = Decimal(grant.individual)
    stay.grant_organisational = Decimal(grant.organisational)
    stay.grant_inclusion = Decimal(grant.inclusion)
    stay.grant_total = Decimal(grant.total)
    stay.rates_are_examples = table_for(stay.project.call_year).rates_are_examples
    return grant


def recompute(stay: Stay, user=None) -> Stay:
    before = stay.grant_total
    compute(stay)
    stay.save()
    if before != stay.grant_total:
        audit.record(
            stay,
            "mobility.stay.grant_computed",
            user=user,
            changes={"grant_total": [str(before), str(stay.grant_total)]},
        )
    return stay


def band_label(stay: Stay) -> str:
    band = grants.band_for(rates_for(stay.project.call_year), stay.distance_km)
    if band is None:
        return "< 10 km"
    low, high = band[0], band[1]
    return f"{low:,}–{high:,} km".replace(",", ".") if high else f"≥ {low:,} km".replace(",", ".")
