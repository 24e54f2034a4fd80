"""Need to know, generated (issue 24): every kind of personal data × every role × every
channel (page, PDF, API, list, queryset) against one table of who may see what.

The table ``MAY_SEE`` is the rule of docs/privacy.md; the world mirrors the demo's roles:
a company that is party to a contract, its partner company, a company in the same Verbund
that is not (the demo's ``betrieb`` opened all 11 contracts it was not party to), an events
organiser whose only tie is an events team in the same networks (the demo's
``veranstaltung`` saw the minors of the youth exchange), the Verbund's coordination, the
exchange's planner, a counsellor, the exam department and an administrator.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.api.conftest import client_for
from verbund.advice.models import Case, Office
from verbund.apprenticeship.models import (
    Apprentice,
    Contract,
    ContractVersion,
    RotationRun,
    TrainingProfile,
)
from verbund.core.models import Occupation, Person
from verbund.exams.models import Examiner
from verbund.mobility.models import Exchange, ExchangeParticipant
from verbund.networks.models import Membership, Network

ROLES = (
    "anonymous",
    "party_company",
    "partner_company",
    "foreign_member",
    "events_organiser",
    "coordination",
    "exchange_planner",
    "counsellor",
    "exam_staff",
    "superuser",
)

# Who may see each kind of personal data (docs/privacy.md, "Wer sieht was").
MAY_SEE = {
    "contract": {"party_company", "partner_company", "coordination", "superuser"},
    "rotation_plan": {"party_company", "partner_company", "coordination", "superuser"},
    "apprentice": {"party_company", "superuser"},
    "minor": {"exchange_planner", "superuser"},
    "exchange_participant": {"exchange_planner", "superuser"},
    "examiner": {"exam_staff", "superuser"},
    "examiner_person": {"exam_staff", "superuser"},
    "counselling_case": {"counsellor", "superuser"},
    # the control: a member organization's contact person is what a network is for
    "contact_person": set(ROLES) - {"anonymous", "exchange_planner", "exam_staff"},
}


def _member(network, *organizations):
    for organization in organizations:
        Membership.objects.create(network=network, organization=organization)


@pytest.fixture
def world(db):
    org = factories.organization
    chamber = org("Handwerkskammer Teststadt", kind="hwk")
    home, partner, foreign = org("Heimbetrieb GmbH"), org("Partnerbetrieb GmbH"), org("Fremd AG")
    events_org, counsel_org = org("Wirtschaftsagentur"), org("Landkreis Beratung", kind="district")
    examiner_company, exam_chamber = org("Prüferbetrieb GmbH"), org("IHK Test", kind="ihk")
    school, sending = org("Berufskolleg", kind="school"), org("EPIDE Test", country="FR")
    contact = Person.objects.create(
        first_name="Karla", last_name="Kontakt", organization=foreign, function="Ausbildung"
    )

    verbund = factories.network(
        "Ausbildungsverbund Test", lead=chamber, kind=Network.Kind.AUSBILDUNGSVERBUND
    )
    _member(verbund, home, partner, foreign, events_org, counsel_org, examiner_company)
    partnership = factories.network("Partnerschaft Test", lead=school, is_public=True)
    _member(partnership, sending, events_org)
    pool = factories.network("Kammerkooperation Test", lead=exam_chamber)

    occupation = Occupation.objects.create(code="9999", name="Testberuf")
    profile = TrainingProfile.objects.create(organization=home, occupation=occupation)
    apprentice = Apprentice.objects.create(
        profile=profile,
        first_name="Lena",
        last_name="Lehrling",
        start_date=datetime.date(2026, 8, 1),
    )
    contract = Contract.objects.create(
        network=verbund, kind=Contract.Kind.ADDENDUM, apprentice=apprentice
    )
    contract.parties.set([home, partner])
    version = ContractVersion.objects.create(
        contract=contract,
        number=1,
        content={
            "occupation": str(occupation),
            "cohort": 2026,
            "stays": [],
            "parties": [home.pk, partner.pk],
        },
    )
    run = RotationRun.objects.create(
        network=verbund,
        occupation=occupation,
        cohort=2026,
        labels={
            "apprentices": {f"A{apprentice.pk}": str(apprentice)},
            "companies": {f"C{home.pk}": str(home), f"C{foreign.pk}": str(foreign)},
            "partners": {f"O{partner.pk}": str(partner)},
            "parties": {f"O{home.pk}": str(home), f"O{partner.pk}": str(partner)},
        },
    )

    exchange = Exchange.objects.create(
        network=partnership,
        kind=Exchange.Kind.GROUP,
        title="Jugendaustausch Test",
        host=school,
        start=datetime.date(2027, 5, 3),
        end=datetime.date(2027, 5, 7),
    )
    minor = Person.objects.create(
        first_name="Inès", last_name="Mineure", organization=sending, email="ines@example.org"
    )
    participant = ExchangeParticipant.objects.create(
        exchange=exchange,
        person=minor,
        role=ExchangeParticipant.Role.PARTICIPANT,
        organization=sending,
    )

    examiner_person = Person.objects.create(
        first_name="Paul",
        last_name="Prüfer",
        organization=examiner_company,
        function="Prüfer/in",
        email="paul@example.org",
    )
    examiner = Examiner.objects.create(
        person=examiner_person,
        network=pool,
        chamber=exam_chamber,
        group="employee",
        home_lat=52.0,
        home_lon=10.0,
        appointed_from=datetime.date(2025, 1, 1),
        appointed_until=datetime.date(2029, 12, 31),
    )

    office = Office.objects.create(network=verbund, name="Beratungsbüro Test", host=counsel_org)
    case = Case.objects.create(
        office=office, organization=foreign, person=contact, subject="Weiterbildung Schweißen"
    )

    def user(name, organization, perms=(), network_perms=()):
        account = factories.user(name, organization=organization)
        if perms:
            factories.grant(account, perms, organization=organization)
        for network, network_perm in network_perms:
            factories.grant(account, [network_perm], network=network, name=network_perm)
        return account

    training = ("apprenticeship.manage_training", "apprenticeship.plan_rotation")
    users = {
        "anonymous": None,
        "party_company": user("heike", home, training),
        "partner_company": user("paula", partner, ("apprenticeship.manage_training",)),
        # like the demo's betrieb: every company permission, but no party to the contract
        "foreign_member": user("frieda", foreign, (*training, "organizations.edit")),
        "events_organiser": user(
            "ines",
            events_org,
            ("events.manage",),
            ((verbund, "events.manage"), (partnership, "events.manage")),
        ),
        "coordination": user("carl", chamber, (), ((verbund, "apprenticeship.plan_rotation"),)),
        "exchange_planner": user("eva", school, (), ((partnership, "mobility.plan"),)),
        "counsellor": user("clara", counsel_org, ("advice.counsel",)),
        "exam_staff": user("erik", exam_chamber, ("exams.plan",)),
        "superuser": factories.user("root", is_superuser=True, is_staff=True),
    }
    return SimpleNamespace(
        users=users,
        contract=contract,
        version=version,
        run=run,
        apprentice=apprentice,
        minor=minor,
        participant=participant,
        exchange=exchange,
        examiner=examiner,
        examiner_person=examiner_person,
        case=case,
        contact=contact,
    )


# Channels: (kind, channel name, how to read). A reader returns True (seen), False (not
# seen); pages and PDFs must answer 404, never 403, so nobody learns what exists.


def _page(url_of):
    def read(world, user):
        client = Client()
        if user is None:
            response = client.get(url_of(world))
            assert response.status_code == 302  # to the login
            return False
        client.force_login(user)
        response = client.get(url_of(world))
        assert response.status_code in (200, 404), response.status_code
        return response.status_code == 200

    return read


def _api(path_of):
    def read(world, user):
        response = client_for(user).get(path_of(world))
        if user is None:
            assert response.status_code == 401
            return False
        assert response.status_code in (200, 404), response.status_code
        return response.status_code == 200

    return read


def _api_list(path, obj_of):
    def read(world, user):
        response = client_for(user).get(path)
        if user is None:
            assert response.status_code == 401
            return False
        return obj_of(world).pk in {item["id"] for item in response.json()["items"]}

    return read


def _queryset(model, obj_of):
    def read(world, user):
        from django.contrib.auth.models import AnonymousUser

        return (
            model.objects.visible_to(user or AnonymousUser()).filter(pk=obj_of(world).pk).exists()
        )

    return read


def _name_on_page(url_of, text):
    """The exchange page is public to the partnership; the names on it are not."""

    def read(world, user):
        if user is None:
            return False
        client = Client()
        client.force_login(user)
        response = client.get(url_of(world))
        return response.status_code == 200 and text in response.content.decode()

    return read


def _person_url(attribute):
    return lambda w: reverse("core:person_detail", args=[getattr(w, attribute).pk])


CHANNELS = {
    "contract": {
        "page": _page(lambda w: reverse("apprenticeship:contract_detail", args=[w.contract.pk])),
        "pdf": _page(
            lambda w: reverse("apprenticeship:contract_pdf", args=[w.contract.pk, w.version.number])
        ),
        "queryset": _queryset(Contract, lambda w: w.contract),
    },
    "rotation_plan": {
        "page": _page(lambda w: reverse("apprenticeship:run_detail", args=[w.run.pk])),
        "api": _api(lambda w: f"apprenticeship/runs/{w.run.pk}"),
        "queryset": _queryset(RotationRun, lambda w: w.run),
    },
    "apprentice": {"queryset": _queryset(Apprentice, lambda w: w.apprentice)},
    "minor": {
        "page": _page(_person_url("minor")),
        "api": _api(lambda w: f"people/{w.minor.pk}"),
        "api_list": _api_list("people", lambda w: w.minor),
        "queryset": _queryset(Person, lambda w: w.minor),
    },
    "exchange_participant": {
        "queryset": _queryset(ExchangeParticipant, lambda w: w.participant),
        "exchange_page": _name_on_page(
            lambda w: reverse("mobility:exchange_detail", args=[w.exchange.pk]), "Mineure"
        ),
    },
    "examiner": {
        "page": _page(lambda w: reverse("exams:examiner_detail", args=[w.examiner.pk])),
        "queryset": _queryset(Examiner, lambda w: w.examiner),
    },
    "examiner_person": {
        "page": _page(_person_url("examiner_person")),
        "api": _api(lambda w: f"people/{w.examiner_person.pk}"),
        "queryset": _queryset(Person, lambda w: w.examiner_person),
    },
    "counselling_case": {
        "page": _page(lambda w: reverse("advice:case_detail", args=[w.case.pk])),
        "queryset": _queryset(Case, lambda w: w.case),
    },
    "contact_person": {
        "page": _page(_person_url("contact")),
        "api": _api(lambda w: f"people/{w.contact.pk}"),
        "queryset": _queryset(Person, lambda w: w.contact),
    },
}

CASES = [
    pytest.param(kind, channel, role, id=f"{kind}-{channel}-{role}")
    for kind, channels in CHANNELS.items()
    for channel in channels
    for role in ROLES
]


@pytest.mark.parametrize(("kind", "channel", "role"), CASES)
def test_who_may_see_what(world, kind, channel, role):
    seen = CHANNELS[kind][channel](world, world.users[role])
    assert seen == (role in MAY_SEE[kind]), f"{role} {'sees' if seen else 'misses'} {kind}"


def test_every_kind_has_a_rule_and_a_channel():
    assert set(MAY_SEE) == set(CHANNELS)
