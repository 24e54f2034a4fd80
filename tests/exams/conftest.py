"""A small joint examiner pool of two IHKs (A and B in one Kammerkooperation) and a
second, separate cooperation (C) whose objects the planners of A must never reach.

Pool A: 4 employer, 4 employee, 3 teacher examiners for occupation 2611, all available
on the three sitting days; three sittings of board B-2611-A need 1+1+1 seats each.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests import factories
from verbund.core.models import Occupation, Person
from verbund.exams.models import (
    Availability,
    Board,
    BoardMember,
    Candidate,
    Examiner,
    ExamPeriod,
    RateTable,
    Sitting,
)
from verbund.networks.models import Membership, Network

DAYS = [datetime.date(2027, 5, 10), datetime.date(2027, 5, 11), datetime.date(2027, 5, 12)]
GROUPS = {"employer": 4, "employee": 4, "teacher": 3}


def make_examiner(network, chamber, group, occupation, n, user=None, **fields):
    person = Person.objects.create(
        first_name=f"{group.title()}{n}",
        last_name=f"Prüfer {network.pk}",
        organization=chamber,
        email=f"{group}{n}.{network.pk}@example.org",
        user=user,
    )
    examiner = Examiner.objects.create(
        person=person,
        network=network,
        chamber=chamber,
        group=group,
        home_lat=52.27 + n * 0.01,
        home_lon=10.52,
        appointed_from=datetime.date(2025, 1, 1),
        appointed_until=datetime.date(2029, 12, 31),
        **fields,
    )
    examiner.occupations.add(occupation)
    return examiner


def make_pool(key, lead, partner):
    network = factories.network(
        f"Kooperation {key}", lead=lead, kind=Network.Kind.KAMMERKOOPERATION, is_public=False
    )
    Membership.objects.create(network=network, organization=partner)
    occupation, _ = Occupation.objects.get_or_create(
        code="2611", defaults={"name": "Industriemechaniker/-in"}
    )
    examiners = [
        make_examiner(network, lead, group, occupation, n)
        for group, count in GROUPS.items()
        for n in range(count)
    ]
    board = Board.objects.create(
        code=f"B-2611-{key}",
        name=f"Industriemechanik {key}",
        chamber=lead,
        network=network,
        occupation=occupation,
    )
    for group in GROUPS:
        mine = [e for e in examiners if e.group == group]
        BoardMember.objects.create(board=board, examiner=mine[0], role="member")
        BoardMember.objects.create(board=board, examiner=mine[1], role="deputy")
    period = ExamPeriod.objects.create(
        name=f"Sommer 2027 {key}",
        chamber=lead,
        network=network,
        start=datetime.date(2027, 5, 3),
        end=datetime.date(2027, 7, 9),
    )
    company = factories.organization(f"Metallbau {key} GmbH")
    sittings = []
    for index, day in enumerate(DAYS):
        sitting = Sitting.objects.create(
            period=period,
            code=f"S{key}{index}",
            board=board,
            occupation=occupation,
            date=day,
            place="Braunschweig",
            lat=52.26,
            lon=10.53,
        )
        candidate = Candidate.objects.create(
            number=f"P{key}{index}", first_name="Lea", last_name="Azubi", company=company
        )
        sitting.candidates.add(candidate)
        sittings.append(sitting)
    for examiner in examiners:
        Availability.objects.create(
            period=period,
            examiner=examiner,
            token=f"token-{key}-{examiner.pk}",
            dates=[day.isoformat() for day in DAYS],
        )
    RateTable.objects.create(
        chamber=lead,
        year=2027,
        hourly_loss=Decimal("25.00"),
        travel_per_km=Decimal("0.42"),
        daily_allowance=Decimal("14.00"),
    )
    return SimpleNamespace(
        network=network,
        chamber=lead,
        occupation=occupation,
        examiners=examiners,
        board=board,
        period=period,
        sittings=sittings,
        company=company,
    )


@pytest.fixture
def chambers(db):
    return SimpleNamespace(
        a=factories.organization("IHK Braunschweig", kind="ihk"),
        a2=factories.organization("IHK Lüneburg-Wolfsburg", kind="ihk"),
        c=factories.organization("IHK Hannover", kind="ihk"),
        c2=factories.organization("IHK Stade", kind="ihk"),
    )


@pytest.fixture
def pool_a(chambers):
    return make_pool("A", chambers.a, chambers.a2)


@pytest.fixture
def pool_c(chambers):
    return make_pool("C", chambers.c, chambers.c2)


@pytest.fixture
def planner(chambers, pool_a):
    account = factories.user("sevgi", organization=chambers.a)
    factories.grant(account, ["exams.plan"], organization=chambers.a)
    return account


@pytest.fixture
def accountant(chambers, pool_a):
    account = factories.user("kasse", organization=chambers.a)
    factories.grant(account, ["exams.compensation"], organization=chambers.a)
    return account


@pytest.fixture
def member(chambers, pool_a):
    """Works at chamber A, no exam permission."""
    return factories.user("moritz", organization=chambers.a)


@pytest.fixture
def examiner_user(pool_a):
    """The login of pool A's first teacher."""
    teacher = next(e for e in pool_a.examiners if e.group == "teacher")
    account = factories.user("birgit")
    teacher.person.user = account
    teacher.person.save()
    return account
