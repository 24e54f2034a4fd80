"""Small hand-made exam periods for the solver tests (pure Python, no database).

The base case: board B-2611-BS-1 sits on 10 and 11 May 2027 (S1, S2), 1+1+1 seats each;
two examiners per group, everybody available on both days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from verbund.exams.solver.model import (
    Assignment,
    Candidate,
    Examiner,
    Instance,
    Period,
    Plan,
    Point,
    Seats,
    Sitting,
)

DAY1 = dt.date(2027, 5, 10)
DAY2 = dt.date(2027, 5, 11)
PERIOD = Period("Sommer 2027", dt.date(2027, 5, 3), dt.date(2027, 7, 9))
BRAUNSCHWEIG = Point(52.27, 10.52)


def examiner(ident: str, group: str, **changes) -> Examiner:
    base = Examiner(
        id=ident,
        group=group,
        occupations=("2611",),
        home=BRAUNSCHWEIG,
        available=(DAY1, DAY2),
        max_sittings=6,
        appointed_until=dt.date(2029, 12, 31),
        company=f"C-{ident}",
        relatives=(),
    )
    return dataclasses.replace(base, **changes)


def sitting(ident: str, day: dt.date, **changes) -> Sitting:
    base = Sitting(
        id=ident,
        board="B-2611-BS-1",
        occupation="2611",
        date=day,
        location=Point(52.26, 10.53),
        seats=Seats(1, 1, 1),
        candidates=(Candidate(f"P-{ident}", "C0042"),),
    )
    return dataclasses.replace(base, **changes)


def case(examiners=None, sittings=None) -> Instance:
    if examiners is None:
        examiners = [
            examiner(f"{prefix}{n}", group)
            for prefix, group in (("A", "employer"), ("N", "employee"), ("T", "teacher"))
            for n in (1, 2)
        ]
    if sittings is None:
        sittings = [sitting("S1", DAY1), sitting("S2", DAY2)]
    return Instance(PERIOD, tuple(examiners), tuple(sittings))


def lawful_plan() -> Plan:
    """A plan for case() that breaks no rule: A1/N1/T1 on both sittings."""
    return plan(
        ("S1", "A1", "employer"),
        ("S1", "N1", "employee"),
        ("S1", "T1", "teacher"),
        ("S2", "A1", "employer"),
        ("S2", "N1", "employee"),
        ("S2", "T1", "teacher"),
    )


def plan(*rows, unfilled=()) -> Plan:
    return Plan(assignments=tuple(Assignment(*row) for row in rows), unfilled=tuple(unfilled))
