"""The grant of one stay, as the Commission's Beneficiary Module computes it.

Travel: the band of the one-way great-circle distance home -> host city (haversine,
R = 6371 km), its green amount when the participant travels green and the band has one;
nothing below 10 km. Individual support: (days + funded travel days) x daily rate.
Organisational support per participant type; inclusion support for participants with
fewer opportunities. Nobody types a grant by hand: every amount comes from here.
"""

from __future__ import annotations

import math

from .model import Grant, Rates

EARTH_RADIUS_KM = 6371.0
MIN_TRAVEL_KM = 10


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km, rounded to 0.1 km as the distance calculator shows it."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return round(2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a))), 1)


def band_for(rates: Rates, distance_km: float):
    """The band whose whole-km range holds the distance (99.9 km is in 10-99), or None."""
    whole_km = math.floor(distance_km)
    if whole_km < MIN_TRAVEL_KM:
        return None
    for band in rates.travel_bands:
        low, high = band[0], band[1]
        if low <= whole_km and (high is None or whole_km <= high):
            return band
    return None


def travel_amount(rates: Rates, distance_km: float, green: bool) -> int:
    band = band_for(rates, distance_km)
    if band is None:
        return 0
    standard, green_amount = band[2], band[3]
    return int(green_amount if green and green_amount is not None else standard)


def funded_travel_days(rates: Rates, green: bool) -> int:
    return int(rates.travel_days.get("green" if green else "standard", 0))


def grant(
    rates: Rates,
    participant_type: str,
    days: int,
    distance_km: float,
    *,
    green: bool = False,
    fewer_opportunities: bool = False,
) -> Grant:
    daily = int(rates.daily[participant_type])
    return Grant(
        travel=travel_amount(rates, distance_km, green),
        individual=(days + funded_travel_days(rates, green)) * daily,
        organisational=int(rates.organisational.get(participant_type, 0)),
        inclusion=int(rates.inclusion) if fewer_opportunities else 0,
    )
