"""Demo steps: stays abroad in the two international partnerships (seeds 000 and 001).

HWK Hannover sends apprentices to CMA Formation Le Havre and Normandy workshops (one
stay matched, funded, with a signed Learning Agreement and an advance paid; one
application waits for the training company's approval so that the ``kammerberatung``
login can plan a stay end to end); the yearly youth exchange of KoBa Jobcenter Harz and
VHS-Bildungswerk with EPIDE as a group exchange; a staff exchange Hochschule Harz - UTBM;
the delegation visits of both partnerships. Companies and people are fictitious; the
chambers, schools, universities and places are real. Dates are relative to the day the
demo is loaded.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from verbund.core.demo.people import _email
from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Occupation, Organization, Person
from verbund.core.services import geo
from verbund.mobility.models import (
    Application,
    Exchange,
    ExchangeDay,
    ExchangeParticipant,
    LearningAgreement,
    MobilityProject,
    ParticipantType,
    Payment,
    Placement,
    Stay,
)
from verbund.mobility.services import grants, matching
from verbund.mobility.solver import cpsat
from verbund.networks.models import Activity, Membership

K = Organization.Kind
# Handwerk occupations (codes: KldB 2010) next to the IHK list the exams demo loads.
OCCUPATIONS = (
    ("25212", "Kfz-Mechatroniker/-in", 42),
    ("26212", "Elektroniker/-in Fachrichtung Energie- und Gebäudetechnik", 42),
    ("22342", "Tischler/-in", 36),
    ("24412", "Metallbauer/-in", 42),
)
COMPANIES = (  # fictitious training companies in the Region Hannover
    ("autohaus-bredemeier", "Autohaus Bredemeier GmbH", "Hannover"),
    ("elektro-woehler", "Elektro Wöhler GmbH & Co. KG", "Laatzen"),
    ("tischlerei-rust", "Tischlerei Rust", "Hannover"),
    ("metallbau-kuhlmann", "Metallbau Kuhlmann GmbH", "Garbsen"),
)
HOSTS = (  # fictitious workshops in Normandy
    ("garage-dumont", "Garage Dumont SARL", "Le Havre"),
    ("menuiserie-hebert", "Menuiserie Hébert", "Rouen"),
    ("electricite-lecoq", "Électricité Lecoq", "Caen"),
)
APPRENTICES = (
    # first, last, occupation, company, home, days, fr level, fewer opportunities, green
    ("Jana", "Köhler", "25212", "autohaus-bredemeier", "Hannover", 28, "A2", False, True),
    ("Mehmet", "Yıldız", "25212", "autohaus-bredemeier", "Hannover", 21, "A2", True, False),
    ("Lea", "Brinkmann", "26212", "elektro-woehler", "Laatzen", 28, "B1", False, True),
    ("Finn", "Oltmanns", "26212", "elektro-woehler", "Laatzen", 21, "A2", False, False),
    ("Sophie", "Riedel", "22342", "tischlerei-rust", "Hannover", 35, "A2", False, True),
    ("Paul", "Gerdes", "24412", "metallbau-kuhlmann", "Garbsen", 21, "A1", False, False),
)


# Sophie Riedel's application waits for her company's approval: the kammerberatung login
# approves it and runs the matching (a carpentry placement in Rouen is still free).
WAITING = "Sophie"


def _org(ctx, key, name, kind, city, country="DE", **fields):
    point = geo.town_coordinates(city, country) or (None, None)
    org = Organization.objects.create(
        name=name, kind=kind, city=city, country=country, lat=point[0], lon=point[1], **fields
    )
    ctx.organizations[key] = org
    return org


def _person(first, last, org):
    return Person.objects.create(
        first_name=first, last_name=last, organization=org, email=_email(first, last)
    )


@register_step(700, "mobility: HWK Hannover – Normandie placements and a funded stay")
def load_normandie(ctx: DemoContext) -> None:
    network = ctx.network("normandie")
    occupations = {
        code: Occupation.objects.get_or_create(
            code=code, defaults={"name": name, "duration_months": months}
        )[0]
        for code, name, months in OCCUPATIONS
    }
    for key, name, city in COMPANIES:
        _org(
            ctx,
            key,
            name,
            K.COMPANY,
            city,
            description="Ausbildungsbetrieb im Bezirk der Handwerkskammer Hannover.",
        )
    school = _org(
        ctx,
        "bbs-me-hannover",
        "BBS ME – Otto-Brenner-Schule Hannover",
        K.SCHOOL,
        "Hannover",
        email="sekretariat.bbs-me@demo.verbund.example",
    )
    for key, name, city in HOSTS:
        host = _org(
            ctx,
            key,
            name,
            K.COMPANY,
            city,
            country="FR",
            description="Handwerksbetrieb in der Normandie, nimmt Auszubildende aus Hannover auf.",
        )
        Membership.objects.create(
            network=network, organization=host, role=Membership.Role.PARTNER_ABROAD
        )
    cfa = ctx.org("cma-formation-le-havre")
    start = ctx.days(60)
    offers = (
        (
            cfa,
            "Lernaufenthalt im Ausbildungszentrum: Kfz- und Elektrotechnik",
            "Le Havre",
            ("25212", "26212"),
            "A1",
            3,
            ["wheelchair", "step_free"],
        ),
        (
            ctx.org("garage-dumont"),
            "Werkstattpraktikum Kfz-Service",
            "Le Havre",
            ("25212",),
            "A2",
            1,
            [],
        ),
        (
            ctx.org("menuiserie-hebert"),
            "Praktikum Möbel- und Innenausbau",
            "Rouen",
            ("22342",),
            "A2",
            1,
            [],
        ),
        (
            ctx.org("electricite-lecoq"),
            "Praktikum Gebäudeinstallation",
            "Caen",
            ("26212",),
            "A2",
            1,
            [],
        ),
    )
    placements = []
    for host, title, city, codes, level, capacity, accessible in offers:
        lat, lon = geo.town_coordinates(city, "FR")
        placement = Placement.objects.create(
            network=network,
            host=host,
            title=title,
            language="fr",
            min_level=level,
            start=start,
            end=start + datetime.timedelta(days=120),
            capacity=capacity,
            accessible=accessible,
            city=city,
            country="FR",
            lat=lat,
            lon=lon,
            description="Betreuung durch eine deutschsprachige Ausbilderin oder einen "
            "Ausbilder; Unterkunft im Wohnheim des CFA.",
        )
        placement.occupations.set([occupations[code] for code in codes])
        placements.append(placement)
    project = MobilityProject.objects.create(
        network=network,
        beneficiary=ctx.org("hwk-hannover"),
        title="Azubis in die Normandie",
        reference=f"{ctx.today.year}-1-DE02-KA122-VET-0000000",
        call_year=ctx.today.year,
        start=ctx.days(-30),
        end=ctx.days(15 * 30),
        granted_amount=Decimal("24000.00"),
    )
    ctx.log("4 placements in Normandy, project 'Azubis in die Normandie'")
    now = timezone.now()
    training_start = datetime.date(ctx.today.year - 1, 8, 1)
    applications = []
    for n, (first, last, code, company, home, days, level, fewer, green) in enumerate(APPRENTICES):
        waiting = first == WAITING  # left for the kammerberatung login
        applications.append(
            Application.objects.create(
                project=project,
                person=_person(first, last, ctx.org(company)),
                participant_type=ParticipantType.LEARNER_SHORT,
                occupation=occupations[code],
                training_company=ctx.org(company),
                school=school,
                home_city=home,
                languages={"fr": level, "en": "B1"},
                earliest=start,
                latest=start + datetime.timedelta(days=90),
                days=days,
                fewer_opportunities=fewer,
                green_travel=green,
                preferences=[placements[0].pk] if n % 2 else [],
                training_start=training_start,
                training_end=training_start + datetime.timedelta(days=3 * 365 + 180),
                status=Application.Status.SUBMITTED if waiting else Application.Status.APPROVED,
                consent_at=now,
                company_approved_at=None if waiting else now,
                school_informed_at=None if waiting else now,
            )
        )
    instance, by_id, placement_rows = matching.build_instance(project)
    plan = cpsat.match(instance, time_limit=2)
    matching.store_plan(project, plan, by_id, placement_rows, ctx.user("kammerberatung"))
    stay = Stay.objects.get(application=applications[0])
    stay.status = Stay.Status.CONFIRMED
    stay.save(update_fields=["status"])
    LearningAgreement.objects.create(
        stay=stay,
        version=1,
        status=LearningAgreement.Status.SIGNED,
        learning_outcomes="Diagnose an Fahrzeugen französischer Hersteller durchführen; "
        "Wartungsarbeiten nach Herstellervorgaben dokumentieren; Kundengespräche auf "
        "Französisch in einfachen Sätzen führen.",
        tasks="Mitarbeit in der Servicewerkstatt des CFA, Inspektion und Bremsenservice, "
        "Lernprojekt „Hochvolt-Sicherheit“ mit französischen Auszubildenden.",
        sending_mentor="Malte Behrens (HWK Hannover)",
        host_mentor="Claire Martin (CMA Formation Le Havre)",
        assessment="Bewertung durch die Mentorin; Anerkennung als Teil der betrieblichen "
        "Ausbildung, Mobilitätsnachweis nach Art des Europass.",
        sending_signed_at=now,
        host_signed_at=now,
        learner_signed_at=now,
    )
    Payment.objects.create(
        stay=stay,
        date=ctx.today,
        amount=(stay.grant_total * Decimal("0.8")).quantize(Decimal("0.01")),
        note="Vorschuss 80 %",
    )
    ctx.log(f"{len(plan.stays)} stays matched; {stay} confirmed with learning agreement")
    visit = Activity.objects.filter(network=network, kind=Activity.Kind.DELEGATION).first()
    if visit:
        delegation = Exchange.objects.create(
            network=network,
            kind=Exchange.Kind.DELEGATION,
            title=visit.title,
            host=ctx.org("cma-normandie"),
            start=visit.start,
            end=visit.last_day,
            place=visit.place,
            activity=visit,
            description="Drei Tage mit Betriebsbesichtigungen und einem Arbeitstreffen zu "
            "pädagogischen Innovationen und Mobilität von Auszubildenden.",
        )
        delegation.sending.set([ctx.org("hwk-hannover")])


@register_step(710, "mobility: Harz – Belfort youth exchange with EPIDE")
def load_youth_exchange(ctx: DemoContext) -> None:
    network = ctx.network("harz-belfort")
    start = ctx.days(45)
    activity = Activity.objects.filter(network=network, kind=Activity.Kind.EXCHANGE).first()
    exchange = Exchange.objects.create(
        network=network,
        kind=Exchange.Kind.GROUP,
        title=f"Jugendaustausch KoBa und VHS-Bildungswerk mit EPIDE {start.year}",
        host=ctx.org("koba-harz"),
        start=start,
        end=start + datetime.timedelta(days=4),
        place="Halberstadt und Wernigerode",
        travel="Bahnreise Belfort – Frankfurt (Main) – Halberstadt, gemeinsame Abholung am "
        "Bahnhof Halberstadt.",
        lodging="Jugendherberge Wernigerode, Mehrbettzimmer; Begleitpersonen im Nachbarhaus.",
        description="Jährlicher Austausch im Integrationsprojekt: französische Jugendliche "
        "von EPIDE arbeiten mit Jugendlichen aus dem Landkreis Harz in gemeinsamen Projekten.",
        activity=activity,
    )
    exchange.sending.set([ctx.org("epide")])
    programme = (
        "Anreise, Begrüßung im Kreishaus Halberstadt, Kennenlernspiele",
        "Gemeinsames Projekt: Pflege des Geländes der Gedenkstätte Langenstein-Zwieberge",
        "Werkstatttag bei der VHS-Bildungswerk GmbH: Holz und Metall",
        "Exkursion Wernigerode, Bewerbungstraining auf Deutsch und Französisch",
        "Auswertung, Abschlussfest, Abreise",
    )
    for offset, text in enumerate(programme):
        ExchangeDay.objects.create(
            exchange=exchange, date=start + datetime.timedelta(days=offset), programme=text
        )
    youths = (
        ("Inès", "Moreau", "epide"),
        ("Yanis", "Benali", "epide"),
        ("Chloé", "Girard", "epide"),
        ("Lucas", "Petit", "epide"),
        ("Kevin", "Schrader", "koba-harz"),
        ("Marie", "Lindner", "koba-harz"),
        ("Dennis", "Kaiser", "vhs-bildungswerk"),
    )
    for first, last, key in youths:
        ExchangeParticipant.objects.create(
            exchange=exchange,
            person=_person(first, last, ctx.org(key)),
            role=ExchangeParticipant.Role.PARTICIPANT,
            organization=ctx.org(key),
        )
    for first, last, key in (("Nathalie", "Roux", "epide"), ("Sven", "Hartung", "koba-harz")):
        ExchangeParticipant.objects.create(
            exchange=exchange,
            person=_person(first, last, ctx.org(key)),
            role=ExchangeParticipant.Role.ACCOMPANYING,
            organization=ctx.org(key),
        )
    ctx.log(f"youth exchange with {len(youths)} young people and 2 accompanying staff")


@register_step(720, "mobility: staff exchange Hochschule Harz – UTBM")
def load_staff_exchange(ctx: DemoContext) -> None:
    network = ctx.network("harz-belfort")
    university, utbm = ctx.org("hochschule-harz"), ctx.org("utbm")
    start = ctx.days(90)
    exchange = Exchange.objects.create(
        network=network,
        kind=Exchange.Kind.STAFF,
        title="Lehr- und Forschungsaustausch Hochschule Harz – UTBM",
        host=utbm,
        start=start,
        end=start + datetime.timedelta(days=4),
        place="UTBM, Belfort (Campus Techn'hom)",
        travel="Bahn über Karlsruhe und Mulhouse (umweltfreundliche Anreise)",
        lodging="Gästewohnung der UTBM",
        description="Gastvorlesungen zur Automatisierungstechnik, gemeinsame Betreuung von "
        "Abschlussarbeiten, Anbahnung eines Doppelabschlusses.",
    )
    exchange.sending.set([university])
    project = MobilityProject.objects.create(
        network=network,
        beneficiary=university,
        title="Personalmobilität nach Belfort",
        call_year=ctx.today.year,
        start=ctx.days(-60),
        end=ctx.days(365),
        granted_amount=Decimal("6000.00"),
    )
    staff = (
        ("Andrea", "Voigt", ParticipantType.STAFF_TEACHING, 5),
        ("Henrik", "Sommer", ParticipantType.STAFF_JOB_SHADOWING, 4),
    )
    for first, last, kind, days in staff:
        person = _person(first, last, university)
        ExchangeParticipant.objects.create(
            exchange=exchange,
            person=person,
            role=ExchangeParticipant.Role.STAFF,
            organization=university,
        )
        stay = Stay(
            project=project,
            person=person,
            participant_type=kind,
            host=utbm,
            exchange=exchange,
            start=start,
            end=start + datetime.timedelta(days=days - 1),
            home_city="Wernigerode",
            green_travel=True,
            status=Stay.Status.CONFIRMED,
        )
        grants.compute(stay)
        stay.save()
    visit = Activity.objects.filter(network=network, kind=Activity.Kind.DELEGATION).first()
    if visit:
        delegation = Exchange.objects.create(
            network=network,
            kind=Exchange.Kind.DELEGATION,
            title=visit.title,
            host=ctx.org("departement-belfort"),
            start=visit.start,
            end=visit.last_day,
            place=visit.place,
            activity=visit,
        )
        delegation.sending.set([ctx.org("lk-harz"), university])
    ctx.log("staff exchange with 2 funded staff stays; delegation visits linked")
