"""A small Verbund: a home company in Hagen missing some Mechatroniker positions, two partners."""

import datetime

import pytest

from tests import factories
from verbund.apprenticeship.models import (
    Apprentice,
    Station,
    Trainer,
    TrainingProfile,
    VerbundSetup,
)
from verbund.apprenticeship.services.plans import shipped_plans, store_plan
from verbund.core.models import Person
from verbund.networks.models import Membership, Network


@pytest.fixture
def plan(db):
    """Only the Mechatroniker plan: seeding all shipped plans is tested once, in test_seed."""
    mechatroniker = next(p for p in shipped_plans() if p["code"] == "2710")
    return store_plan(mechatroniker)


@pytest.fixture
def home(db):
    return factories.organization("Hesterberg Testwerk", city="Ennepetal", lat=51.30, lon=7.36)


@pytest.fixture
def partner(db):
    return factories.organization("Partnerwerk Hagen", city="Hagen", lat=51.36, lon=7.47)


@pytest.fixture
def stranger(db):
    return factories.organization("Fremdbetrieb Kassel", city="Kassel", lat=51.31, lon=9.49)


@pytest.fixture
def verbund(home, partner):
    network = factories.network(
        "Ausbildungsverbund Test", lead=home, kind=Network.Kind.AUSBILDUNGSVERBUND, is_public=False
    )
    Membership.objects.create(network=network, organization=partner, role=Membership.Role.MEMBER)
    VerbundSetup.objects.create(network=network, lead=home)
    return network


def _position(plan, code):
    return plan.positions.get(code=code)


@pytest.fixture
def profile(plan, home, verbund):
    covers = {p.code: dict(p.weeks) for p in plan.positions.all() if p.weeks}
    covers["9"] = {"1": 0}  # Prüfen, Anreißen und Kennzeichnen: 3 weeks missing
    covers["11"] = {"1": 2}  # Fügen: 4 of 6 weeks missing
    profile = TrainingProfile.objects.create(
        organization=home, occupation=plan.occupation, covers=covers
    )
    Apprentice.objects.create(
        profile=profile,
        first_name="Lena",
        last_name="Kowalski",
        start_date=datetime.date(2026, 8, 3),
        school_weeks=[6, 7, 8, 9],
    )
    return profile


@pytest.fixture
def stations(plan, partner):
    person = Person.objects.create(first_name="Jörg", last_name="Ausbilder", organization=partner)
    trainer = Trainer.objects.create(
        organization=partner, person=person, aevo_date=datetime.date(2015, 6, 1)
    )
    trainer.positions.set([_position(plan, "9"), _position(plan, "11")])
    return [
        Station.objects.create(
            organization=partner,
            position=_position(plan, "9"),
            name="Messraum",
            capacity=1,
            min_weeks=1,
            max_weeks=4,
            cost_per_week=180,
        ),
        Station.objects.create(
            organization=partner,
            position=_position(plan, "11"),
            name="Schweißerei",
            capacity=2,
            min_weeks=2,
            max_weeks=4,
            cost_per_week=120,
        ),
    ]


@pytest.fixture
def home_user(home):
    account = factories.user("henrike", organization=home)
    factories.grant(account, ["apprenticeship.manage_training"], organization=home)
    return account


@pytest.fixture
def partner_user(partner):
    account = factories.user("paul", organization=partner)
    factories.grant(account, ["apprenticeship.manage_training"], organization=partner)
    return account


@pytest.fixture
def planner(home, verbund):
    account = factories.user("pia", organization=home)
    factories.grant(account, ["apprenticeship.plan_rotation"], network=verbund)
    return account


@pytest.fixture
def stranger_user(stranger):
    account = factories.user("sven", organization=stranger)
    factories.grant(
        account,
        ["apprenticeship.manage_training", "apprenticeship.plan_rotation"],
        organization=stranger,
    )
    return account


@pytest.fixture
def chamber_user(db):
    chamber = factories.organization("IHK Testkammer", kind="ihk")
    account = factories.user("carla", organization=chamber)
    factories.grant(account, ["apprenticeship.edit_plans"], organization=chamber)
    return account
