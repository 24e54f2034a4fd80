"""Arithmetic shared by the solvers and the checker: gaps, distances, the cost of a plan."""

from __future__ import annotations

import math

from .model import Instance, Location, Stay

EARTH_RADIUS_KM = 6371.0


def haversine_km(a: Location, b: Location) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def gaps(instance: Instance) -> dict[tuple[str, str, int], int]:
    """Weeks each apprentice must spend elsewhere: (apprentice, position, year) -> weeks > 0."""
    companies = {c.id: c for c in instance.companies}
    found = {}
    for apprentice in instance.apprentices:
        covers = companies[apprentice.company].covers
        for position in instance.occupation.positions:
            for year, weeks in position.weeks.items():
                gap = weeks - covers.get(position.id, {}).get(year, 0)
                if gap > 0:
                    found[(apprentice.id, position.id, year)] = gap
    return found


def travel_eur_per_week(instance: Instance, company_id: str, station_id: str) -> float:
    company = next(c for c in instance.companies if c.id == company_id)
    station = next(s for s in instance.stations if s.id == station_id)
    km = haversine_km(company.location, station.location)
    return instance.costs.commute_days_per_week * 2 * km * instance.costs.travel_eur_per_km


def plan_cost(instance: Instance, stays: list[Stay]) -> dict:
    """Training, partner and travel cost in EUR (rounded to cents) of a list of stays."""
    stations = {s.id: s for s in instance.stations}
    home = {a.id: a.company for a in instance.apprentices}
    training = travel = 0.0
    partners_used = set()
    for stay in stays:
        station = stations[stay.station]
        training += stay.weeks * station.cost_per_week
        travel += stay.weeks * travel_eur_per_week(instance, home[stay.apprentice], stay.station)
        partners_used.add((home[stay.apprentice], station.partner))
    partners = len(partners_used) * instance.costs.partner_fixed_eur
    return {
        "training": round(training, 2),
        "partners": round(partners, 2),
        "travel": round(travel, 2),
        "total": round(training + partners + travel, 2),
    }
