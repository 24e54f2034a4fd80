"""Small hand-made instances for the solver tests (no database)."""

import datetime as dt
from dataclasses import replace

from verbund.mobility.solver.model import Home, Instance, Participant, Placement, Rates

D = dt.date
HANNOVER = Home("Hannover", 52.37, 9.73)
RATES = Rates(
    travel_bands=(
        (10, 99, 28, 56),
        (100, 499, 211, 285),
        (500, 1999, 309, 417),
        (2000, 2999, 395, 535),
        (3000, 3999, 580, 785),
        (4000, 7999, 1188, None),
        (8000, None, 1735, None),
    ),
    daily={"learner_short": 66, "learner_long": 66, "staff_job_shadowing": 136},
    travel_days={"standard": 2, "green": 6},
    organisational={"learner_short": 350, "learner_long": 500, "staff_job_shadowing": 100},
    inclusion=125,
)


def learner(ident="L1", **changes) -> Participant:
    base = Participant(
        id=ident,
        type="learner_short",
        occupation="mechatroniker",
        home=HANNOVER,
        languages={"fr": "A2", "en": "B1"},
        earliest=D(2027, 3, 1),
        latest=D(2027, 6, 30),
        days=28,
        needs=(),
        fewer_opportunities=False,
        green_travel=False,
        preferences=(),
    )
    return replace(base, **changes)


def placement(ident="H1", **changes) -> Placement:
    base = Placement(
        id=ident,
        host="CMA Formation Le Havre",
        country="FR",
        city="Le Havre",
        lat=49.49,
        lon=0.11,
        occupations=("mechatroniker",),
        language="fr",
        min_level="A2",
        start=D(2027, 2, 1),
        end=D(2027, 7, 31),
        capacity=1,
        accessible=("wheelchair",),
    )
    return replace(base, **changes)


def instance(participants, placements, rates=RATES) -> Instance:
    return Instance(2026, tuple(participants), tuple(placements), rates)
