"""The Erasmus+ VET rate tables the platform ships (mobility.md), keyed by call year.

Travel bands are the Commission's (programme guide); the daily, organisational and
inclusion rates are EXAMPLES: each national agency sets its own figures within the
Commission's range, and an administrator enters them in the platform's rate tables.
A band is (from_km, to_km or None for "and more", standard EUR, green EUR or None).
"""

from __future__ import annotations

from .model import Rates

BANDS_2024 = (
    (10, 99, 28, 56),
    (100, 499, 211, 285),
    (500, 1999, 309, 417),
    (2000, 2999, 395, 535),
    (3000, 3999, 580, 785),
    (4000, 7999, 1188, None),
    (8000, None, 1735, None),
)
BANDS_2021 = (
    (10, 99, 23, None),
    (100, 499, 180, 210),
    (500, 1999, 275, 320),
    (2000, 2999, 360, 410),
    (3000, 3999, 530, 610),
    (4000, 7999, 820, None),
    (8000, None, 1500, None),
)
FIRST_CALL_YEAR = 2021
LAST_CALL_YEAR = 2027  # the programme 2021-2027

# Receiving-country groups of the programme guide (individual support differs per group).
COUNTRY_GROUPS: dict[str, int] = {
    **dict.fromkeys(("DK", "FI", "IS", "IE", "LU", "SE", "LI", "NO"), 1),
    **dict.fromkeys(("AT", "BE", "DE", "FR", "IT", "EL", "GR", "ES", "CY", "NL", "MT", "PT"), 2),
    **dict.fromkeys(
        ("BG", "HR", "CZ", "EE", "LV", "LT", "HU", "PL", "RO", "RS", "SK", "SI", "MK", "TR"), 3
    ),
}

# Example daily rates (EUR per day) per participant type and country group: marked as
# examples in the platform until an administrator enters the national agency's figures.
EXAMPLE_DAILY = {
    "learner_short": {1: 75, 2: 66, 3: 57},
    "learner_long": {1: 75, 2: 66, 3: 57},
    "staff_job_shadowing": {1: 153, 2: 136, 3: 119},
    "staff_teaching": {1: 153, 2: 136, 3: 119},
    "staff_course": {1: 153, 2: 136, 3: 119},
}
EXAMPLE_ORGANISATIONAL = {
    "learner_short": 350,
    "learner_long": 500,
    "staff_job_shadowing": 100,
    "staff_teaching": 100,
    "staff_course": 100,
}
TRAVEL_DAYS = {"standard": 2, "green": 6}


def bands_for(call_year: int):
    return BANDS_2021 if call_year < 2024 else BANDS_2024


def inclusion_for(call_year: int) -> int:
    # 125 EUR in the 2025 call (mobility.md); 100 EUR before 2024 (example figure).
    return 100 if call_year < 2024 else 125


def country_group(country: str) -> int:
    """The programme guide's group of a receiving country (2 for unknown EU partners)."""
    return COUNTRY_GROUPS.get(country.upper(), 2)


def shipped_rates(call_year: int, group: int = 2) -> Rates | None:
    """The shipped table of ``call_year`` for receiving-country ``group`` (None outside
    the programme years)."""
    if not FIRST_CALL_YEAR <= call_year <= LAST_CALL_YEAR:
        return None
    return Rates(
        travel_bands=bands_for(call_year),
        daily={kind: by_group[group] for kind, by_group in EXAMPLE_DAILY.items()},
        travel_days=dict(TRAVEL_DAYS),
        organisational=dict(EXAMPLE_ORGANISATIONAL),
        inclusion=inclusion_for(call_year),
    )
