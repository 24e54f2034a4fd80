"""Two partnerships: A (HWK Hannover – Normandie, planner ``malte``) and C (another
chamber's partnership) whose objects A's planner must never reach. Each has a project,
a placement in France, an approved application, a matched stay with a Learning
Agreement, an exchange and a matching run."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests import factories
from verbund.core.models import Occupation, Organization, Person
from verbund.mobility.models import (
    Application,
    Exchange,
    LearningAgreement,
    MobilityProject,
    Placement,
)
from verbund.mobility.services import matching
from verbund.networks.models import Membership, Network

D = datetime.date
START = D(2027, 3, 1)


@pytest.fixture
def occupation(db):
    return Occupation.objects.get_or_create(
        code="25212", defaults={"name": "Kfz-Mechatroniker/-in"}
    )[0]


def make_application(project, occupation, company, school=None, first="Jana", **fields):
    person = Person.objects.create(
        first_name=first,
        last_name="Köhler",
        organization=company,
        email=f"{first.lower()}@example.org",
    )
    values = {
        "project": project,
        "person": person,
        "occupation": occupation,
        "training_company": company,
        "school": school,
        "home_city": "Hannover",
        "languages": {"fr": "A2"},
        "earliest": START,
        "latest": D(2027, 6, 30),
        "days": 28,
        "training_start": D(2025, 8, 1),
        "training_end": D(2029, 1, 31),
        "status": Application.Status.APPROVED,
    }
    values.update(fields)
    return Application.objects.create(**values)


def make_partnership(key, chamber, occupation):
    network = factories.network(
        f"Partnerschaft {key}", lead=chamber, kind=Network.Kind.PARTNERSCHAFT, is_public=False
    )
    host = factories.organization(
        f"CMA Formation {key}",
        kind=Organization.Kind.SCHOOL,
        city="Le Havre",
        country="FR",
        lat=49.49,
        lon=0.11,
    )
    Membership.objects.create(
        network=network, organization=host, role=Membership.Role.PARTNER_ABROAD
    )
    company = factories.organization(f"Autohaus {key}", city="Hannover", lat=52.37, lon=9.73)
    school = factories.organization(
        f"BBS {key}", kind=Organization.Kind.SCHOOL, city="Hannover", email=f"bbs-{key}@example.org"
    )
    project = MobilityProject.objects.create(
        network=network,
        beneficiary=chamber,
        title=f"Azubis {key}",
        call_year=2026,
        start=D(2026, 9, 1),
        end=D(2028, 8, 31),
        granted_amount=Decimal("20000"),
    )
    placement = Placement.objects.create(
        network=network,
        host=host,
        title="Werkstatt",
        language="fr",
        min_level="A2",
        start=D(2027, 2, 1),
        end=D(2027, 7, 31),
        capacity=2,
        city="Le Havre",
        country="FR",
        lat=49.49,
        lon=0.11,
    )
    placement.occupations.add(occupation)
    application = make_application(project, occupation, company, school)
    run = matching.start_run(project, None, time_limit=1)
    stay = application.stay
    agreement = LearningAgreement.objects.create(
        stay=stay,
        learning_outcomes="Diagnose",
        tasks="Werkstatt",
        sending_mentor="M. Behrens",
        host_mentor="C. Martin",
    )
    exchange = Exchange.objects.create(
        network=network,
        kind=Exchange.Kind.GROUP,
        title=f"Jugendaustausch {key}",
        host=host,
        start=D(2027, 5, 3),
        end=D(2027, 5, 7),
    )
    return SimpleNamespace(
        network=network,
        host=host,
        company=company,
        school=school,
        project=project,
        placement=placement,
        application=application,
        stay=stay,
        agreement=agreement,
        exchange=exchange,
        run=run,
    )


@pytest.fixture
def chamber_a(db):
    return factories.organization(
        "Handwerkskammer Hannover", kind=Organization.Kind.HWK, city="Hannover"
    )


@pytest.fixture
def world(chamber_a, occupation):
    chamber_c = factories.organization("Handwerkskammer C", kind=Organization.Kind.HWK)
    return {
        "a": make_partnership("A", chamber_a, occupation),
        "c": make_partnership("C", chamber_c, occupation),
    }


@pytest.fixture
def planner(chamber_a):
    account = factories.user("malte", organization=chamber_a)
    factories.grant(account, ["mobility.plan"], organization=chamber_a)
    return account


@pytest.fixture
def member(chamber_a):
    """Works at the chamber, without a mobility permission."""
    return factories.user("mira", organization=chamber_a)


@pytest.fixture
def outsider(db):
    return factories.user("olga")
