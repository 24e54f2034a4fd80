"""Realistic random instances for tests and the benchmark: apprentices of Lower Saxony
and Saxony-Anhalt, placements in Normandy, Burgundy-Franche-Comté and beyond."""

from __future__ import annotations

import datetime as dt
import random

from .model import CEFR_LEVELS, Home, Instance, Participant, Placement
from .rates import shipped_rates

HOMES = (
    ("Hannover", 52.37, 9.73),
    ("Hildesheim", 52.15, 9.95),
    ("Celle", 52.62, 10.08),
    ("Nienburg", 52.64, 9.21),
    ("Halberstadt", 51.90, 11.05),
    ("Wernigerode", 51.83, 10.79),
)
HOSTS = (
    ("Le Havre", "FR", 49.49, 0.11),
    ("Rouen", "FR", 49.44, 1.10),
    ("Caen", "FR", 49.18, -0.37),
    ("Belfort", "FR", 47.64, 6.86),
    ("Besançon", "FR", 47.24, 6.02),
    ("Valencia", "ES", 39.47, -0.38),
    ("Cork", "IE", 51.90, -8.47),
    ("Bologna", "IT", 44.49, 11.34),
)
OCCUPATIONS = (
    "mechatroniker",
    "kfz-mechatroniker",
    "elektroniker",
    "metallbauer",
    "tischler",
    "koch",
    "friseur",
    "baecker",
    "anlagenmechaniker-shk",
    "industriekaufmann",
    "fachinformatiker",
    "zimmerer",
)
LANGUAGE_OF = {"FR": "fr", "ES": "es", "IE": "en", "IT": "it"}
NEEDS = ("wheelchair", "hearing", "step_free")


def generate(participants: int, placements: int, *, seed: int = 0, year: int = 2026) -> Instance:
    rng = random.Random(seed)
    season = dt.date(year + 1, 2, 1)
    hosts = []
    for n in range(placements):
        city, country, lat, lon = rng.choice(HOSTS)
        start = season + dt.timedelta(days=rng.randrange(0, 120))
        hosts.append(
            Placement(
                id=f"H{n + 1}",
                host=f"Betrieb {n + 1} ({city})",
                country=country,
                city=city,
                lat=lat + rng.uniform(-0.1, 0.1),
                lon=lon + rng.uniform(-0.1, 0.1),
                occupations=tuple(sorted(set(rng.sample(OCCUPATIONS, rng.choice((1, 1, 2)))))),
                language=LANGUAGE_OF[country] if rng.random() < 0.8 else "en",
                min_level=rng.choice(("A1", "A2", "A2", "B1")),
                start=start,
                end=start + dt.timedelta(days=rng.randrange(60, 240)),
                capacity=rng.choice((1, 1, 2, 2, 3)),
                accessible=tuple(n for n in NEEDS if rng.random() < 0.3),
            )
        )
    people = []
    for n in range(participants):
        city, lat, lon = rng.choice(HOMES)
        long_stay = rng.random() < 0.1
        days = rng.randrange(90, 150) if long_stay else rng.choice((14, 21, 28, 28, 35, 42))
        earliest = season + dt.timedelta(days=rng.randrange(0, 200))
        languages = {"en": rng.choice(CEFR_LEVELS[:4])}
        for language in ("fr", "es", "it"):
            if rng.random() < 0.35:
                languages[language] = rng.choice(CEFR_LEVELS[:4])
        people.append(
            Participant(
                id=f"L{n + 1}",
                type="learner_long" if long_stay else "learner_short",
                occupation=rng.choice(OCCUPATIONS),
                home=Home(city, lat, lon),
                languages=languages,
                earliest=earliest,
                latest=earliest + dt.timedelta(days=days + rng.randrange(0, 90)),
                days=days,
                needs=("wheelchair",) if rng.random() < 0.03 else (),
                fewer_opportunities=rng.random() < 0.15,
                green_travel=rng.random() < 0.3,
                preferences=tuple(
                    f"H{rng.randrange(1, placements + 1)}" for _ in range(rng.randrange(0, 4))
                )
                if placements
                else (),
            )
        )
    # de-duplicate preference lists while keeping their order
    people = [
        Participant(**{**p.__dict__, "preferences": tuple(dict.fromkeys(p.preferences))})
        for p in people
    ]
    return Instance(year, tuple(people), tuple(hosts), shipped_rates(year))
