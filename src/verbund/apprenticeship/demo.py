"""Demo step: the Ausbildungsverbund of In|Die RegionRuhr around F. Hesterberg & Söhne.

About twenty production companies and training providers of Bochum, Castrop-Rauxel,
Dortmund, Hagen, Herne and the Ennepe-Ruhr-Kreis (invented names, real towns), their
Mechatroniker and Industriemechaniker apprentices of this year's cohort, AEVO trainers, stations, a solved
rotation plan and one open partner request.
"""

import datetime
import random

from verbund.apprenticeship.models import (
    Apprentice,
    FrameworkPlan,
    PartnerRequest,
    RotationRun,
    Station,
    Trainer,
    TrainingProfile,
    VerbundSetup,
)
from verbund.apprenticeship.models.contracts import ContractApproval
from verbund.apprenticeship.models.verbund import VerbundModel
from verbund.apprenticeship.services import contracts
from verbund.apprenticeship.services.plans import seed_plans
from verbund.apprenticeship.services.rotation import build_instance, execute_run
from verbund.apprenticeship.solver.generate import blocked_weeks as school_pattern
from verbund.apprenticeship.solver.generate import occupation_from_plan
from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Organization, Person
from verbund.core.services.geo import town_coordinates
from verbund.networks.models import Membership

K = Organization.Kind
# key, name, kind, town, positions it cannot teach itself (Mechatroniker plan)
COMPANIES = (
    ("ruhrtal-antriebe", "Ruhrtal Antriebstechnik GmbH", K.COMPANY, "Witten", ("14", "16")),
    (
        "volmetal-stanz",
        "Volmetal Stanz- und Biegetechnik GmbH & Co. KG",
        K.COMPANY,
        "Hagen",
        ("12", "13", "16"),
    ),
    ("emscher-pumpen", "Emscher Pumpen- und Anlagenbau GmbH", K.COMPANY, "Herne", ("15", "16")),
    ("bochumer-federn", "Bochumer Federnwerk Kortmann KG", K.COMPANY, "Bochum", ("12", "14", "20")),
    (
        "castroper-foerdertechnik",
        "Castroper Fördertechnik GmbH",
        K.COMPANY,
        "Castrop-Rauxel",
        ("10", "11"),
    ),
    (
        "dortmunder-armaturen",
        "Dortmunder Armaturenbau Schulte GmbH",
        K.COMPANY,
        "Dortmund",
        ("14", "19"),
    ),
    (
        "schwelmer-schliesstechnik",
        "Schwelmer Schließtechnik GmbH",
        K.COMPANY,
        "Schwelm",
        ("15", "20"),
    ),
    (
        "gevelsberger-kettenwerk",
        "Gevelsberger Kettenwerk Rath GmbH",
        K.COMPANY,
        "Gevelsberg",
        ("13", "16", "19"),
    ),
    (
        "hattinger-hydraulik",
        "Hattinger Hydraulik Service GmbH",
        K.COMPANY,
        "Hattingen",
        ("10", "12"),
    ),
    (
        "wittener-walzen",
        "Wittener Walzen- und Maschinenbau GmbH",
        K.COMPANY,
        "Witten",
        ("14", "15"),
    ),
    (
        "sprockhoevel-steuerungen",
        "Sprockhöveler Steuerungsbau Becker GmbH",
        K.COMPANY,
        "Sprockhövel",
        ("10", "11", "17"),
    ),
    ("herner-kunststofftechnik", "Herner Kunststofftechnik GmbH", K.COMPANY, "Herne", ("11", "18")),
    ("hagener-drahtzug", "Hagener Drahtzug Wolff GmbH & Co. KG", K.COMPANY, "Hagen", ("16", "20")),
    (
        "dortmunder-automation",
        "Dortmunder Automationssysteme GmbH",
        K.COMPANY,
        "Dortmund",
        ("10", "11"),
    ),
    (
        "breckerfelder-giesserei",
        "Breckerfelder Gießerei Hoppe GmbH",
        K.COMPANY,
        "Breckerfeld",
        ("13", "14", "15"),
    ),
)
# own cost of one in-house training week of a missing position (equipment, trainer time),
# for the comparison "teaching alone"; companies left out have not given the figure
OWN_COST_PER_WEEK = {
    "hesterberg": 420,
    "ruhrtal-antriebe": 380,
    "volmetal-stanz": 450,
    "emscher-pumpen": 400,
    "bochumer-federn": 360,
    "castroper-foerdertechnik": 410,
    "dortmunder-armaturen": 390,
    "gevelsberger-kettenwerk": 440,
    "hattinger-hydraulik": 370,
    "wittener-walzen": 430,
    "sprockhoevel-steuerungen": 460,
    "dortmunder-automation": 350,
}
# Industriemechaniker (IndMetAusbV): companies of the list above that also train the
# metal occupation, and the positions of that plan they cannot teach themselves
METAL_COMPANIES = (
    ("castroper-foerdertechnik", ("15", "17")),
    ("wittener-walzen", ("17",)),
    ("hattinger-hydraulik", ("9", "15")),
    ("gevelsberger-kettenwerk", ("14", "17")),
)
# stations for the Industriemechaniker plan (same columns as STATIONS)
METAL_STATIONS = (
    ("hesterberg", "9", "Bauteilfertigung Metall", 2, 1, 8, 140),
    ("bz-metall-hagen", "9", "Grundlehrgang Bauteile und Baugruppen", 4, 1, 8, 250),
    ("bz-metall-hagen", "14", "Montage und Demontage von Baugruppen", 4, 1, 8, 250),
    ("lernfabrik-bochum", "15", "Betriebsfähigkeit technischer Systeme", 3, 1, 8, 290),
    ("lernfabrik-bochum", "17", "Elektrotechnik für Metallberufe", 3, 1, 8, 300),
    ("dortmunder-automation", "17", "Steuerungskomponenten prüfen", 2, 1, 6, 220),
)
# providers: key, name, town; they offer stations but train no apprentices of their own here
PROVIDERS = (
    ("bz-metall-hagen", "Überbetriebliches Bildungszentrum Metall und Elektro Hagen", "Hagen"),
    ("lernfabrik-bochum", "Lernfabrik Industrie 4.0 Bochum gGmbH", "Bochum"),
    ("ausbildungswerkstatt-dortmund", "Verbundausbildungswerkstatt Dortmund e. V.", "Dortmund"),
)
# stations: organization key, position, name, capacity, min, max, EUR per week
STATIONS = (
    ("hesterberg", "10", "Zerspanung und Umformung", 2, 2, 6, 140),
    ("hesterberg", "11", "Füge- und Schweißtechnik", 2, 2, 6, 130),
    ("ruhrtal-antriebe", "17", "Getriebemontage", 2, 2, 6, 160),
    ("ruhrtal-antriebe", "20", "Prüffeld Antriebe", 1, 2, 4, 190),
    ("emscher-pumpen", "12", "Schaltschrankbau", 2, 2, 6, 170),
    ("emscher-pumpen", "18", "Anlagenmontage", 2, 2, 8, 150),
    ("dortmunder-automation", "14", "IT- und Netzwerktechnik", 2, 2, 6, 210),
    ("dortmunder-automation", "15", "Steuerungstechnik", 2, 2, 6, 220),
    ("dortmunder-automation", "16", "SPS-Programmierung", 2, 2, 6, 230),
    ("wittener-walzen", "19", "Inbetriebnahme und Einstellung", 1, 2, 6, 180),
    ("wittener-walzen", "13", "Elektrische Messtechnik", 1, 2, 4, 150),
    ("castroper-foerdertechnik", "20", "Inbetriebnahme Fördertechnik", 2, 2, 6, 170),
    ("herner-kunststofftechnik", "16", "Roboterzelle", 1, 2, 4, 200),
    ("bz-metall-hagen", "10", "Grundlehrgang Metall", 4, 2, 8, 260),
    ("bz-metall-hagen", "11", "Schweißkurs", 4, 2, 6, 280),
    ("bz-metall-hagen", "12", "Elektropraktikum", 4, 2, 8, 270),
    ("bz-metall-hagen", "13", "Messen und Prüfen Elektro", 4, 2, 6, 250),
    ("lernfabrik-bochum", "14", "Vernetzte Produktion", 3, 2, 6, 310),
    ("lernfabrik-bochum", "15", "Pneumatik und Hydraulik", 3, 2, 6, 290),
    ("lernfabrik-bochum", "16", "Programmierung mechatronischer Systeme", 3, 2, 6, 320),
    ("lernfabrik-bochum", "19", "Funktionsprüfung", 3, 2, 6, 300),
    ("ausbildungswerkstatt-dortmund", "17", "Baugruppenmontage", 3, 2, 8, 240),
    ("ausbildungswerkstatt-dortmund", "18", "Montage und Demontage", 3, 2, 8, 240),
    ("ausbildungswerkstatt-dortmund", "20", "Inbetriebnahme", 3, 2, 6, 260),
)
FIRST_NAMES = (
    "Lena",
    "Jonas",
    "Aylin",
    "Finn",
    "Mia",
    "Luca",
    "Emre",
    "Sophie",
    "Noah",
    "Hannah",
    "Elias",
    "Zeynep",
    "Ben",
    "Lara",
    "Milan",
    "Ida",
)
LAST_NAMES = (
    "Kowalski",
    "Schulte",
    "Yilmaz",
    "Brinkmann",
    "Wiesner",
    "Hoffmann",
    "Kaya",
    "Lange",
    "Nowak",
    "Berger",
    "Krämer",
    "Özdemir",
    "Vogt",
    "Sander",
    "Dietrich",
    "Jansen",
)
SCHOOLS = (
    "Berufskolleg Ennepetal",
    "Cuno-Berufskolleg I Hagen",
    "Robert-Bosch-Berufskolleg Dortmund",
)
TRAINER_NAMES = (
    "Ulrich Tenbrink",
    "Sabine Hölscher",
    "Marco Stratmann",
    "Dilek Aksoy",
    "Thomas Weiland",
    "Katrin Pohl",
)


def _organization(ctx, key, name, kind, town):
    lat, lon = town_coordinates(town) or (51.36, 7.47)
    org = Organization.objects.create(
        name=name,
        kind=kind,
        city=town,
        lat=lat,
        lon=lon,
        region=ctx.org("ennepe-ruhr-kreis").region,
        description="Ausbildungsbetrieb im Verbund In|Die RegionRuhr.",
    )
    ctx.organizations[key] = org
    return org


def _cohort(today: datetime.date) -> int:
    return today.year if today.month >= 8 else today.year - 1


def _occupation(plan):
    return occupation_from_plan(
        {
            "code": plan.occupation.code,
            "weeks": plan.weeks,
            "years": plan.years,
            "positions": [
                {"id": p.code, "title": p.title, "weeks": p.weeks} for p in plan.positions.all()
            ],
        }
    )


def _profiles(ctx, plan, companies, start, rng, number, apprentices=None) -> int:
    """A training profile per company (its missing positions taught up to a third) and its
    apprentices; returns the running apprentice number."""
    occupation = _occupation(plan)
    for key, missing in companies:
        covers = {}
        for position in plan.positions.all():
            if not position.weeks:
                continue
            teaches = {y: int(w) for y, w in position.weeks.items()}
            if position.code in missing:
                teaches = {y: rng.randint(0, int(w) // 3) for y, w in position.weeks.items()}
            covers[position.code] = teaches
        profile = TrainingProfile.objects.create(
            organization=ctx.org(key),
            occupation=plan.occupation,
            land="NW",
            capacity=2,
            covers=covers,
            own_cost_per_week=OWN_COST_PER_WEEK.get(key),
        )
        count = apprentices or (2 if key == "hesterberg" else rng.choice((1, 1, 2)))
        for _ in range(count):
            school = number % len(SCHOOLS)
            Apprentice.objects.create(
                profile=profile,
                first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
                # the shift by number // 16 keeps the first 256 names distinct
                last_name=LAST_NAMES[(number * 7 + number // len(FIRST_NAMES)) % len(LAST_NAMES)],
                start_date=start,
                school=SCHOOLS[school],
                school_weeks=sorted(school_pattern(occupation, school)),
            )
            number += 1
    return number


def _stations(ctx, plan, stations, trainers) -> None:
    positions = {p.code: p for p in plan.positions.all()}
    for key, code, name, capacity, low, high, price in stations:
        org = ctx.org(key)
        if key not in trainers:
            index = len(trainers)
            first, last = TRAINER_NAMES[index % len(TRAINER_NAMES)].split(" ")
            person = Person.objects.create(
                first_name=first, last_name=f"{last}", organization=org, function="Ausbilder/in"
            )
            trainers[key] = Trainer.objects.create(
                organization=org,
                person=person,
                aevo_certificate=f"AEVO-{2010 + index % 12}-{4711 + index}",
                aevo_date=datetime.date(2010 + index % 12, 3, 15),
                aevo_chamber=ctx.org("sihk-hagen"),
            )
        trainers[key].positions.add(positions[code])
        Station.objects.create(
            organization=org,
            position=positions[code],
            name=name,
            capacity=capacity,
            min_weeks=low,
            max_weeks=high,
            cost_per_week=price,
        )


def _run(network, plan, cohort, planner, time_limit):
    instance, labels = build_instance(network, plan.occupation, cohort)
    run = RotationRun.objects.create(
        network=network,
        occupation=plan.occupation,
        cohort=cohort,
        time_limit=time_limit,
        instance=instance,
        labels=labels,
        created_by=planner,
    )
    execute_run(run)
    run.refresh_from_db()
    return run


@register_step(500, "apprenticeship: Ausbildungsverbund Ruhr")
def load_apprenticeship(ctx: DemoContext) -> None:
    rng = random.Random(500)
    seed_plans()
    plan = FrameworkPlan.objects.get(occupation__code="2710")
    # The Verbund is In|Die RegionRuhr itself (core demo: Hesterberg and SIHK Hagen are members).
    network = ctx.network("ruhr")
    VerbundSetup.objects.create(
        network=network, model=VerbundModel.CONTRACTED, lead=ctx.org("hesterberg")
    )
    companies = [("hesterberg", ("14", "15", "16", "19"))]
    for key, name, kind, town, missing in COMPANIES:
        _organization(ctx, key, name, kind, town)
        companies.append((key, missing))
    for key, name, town in PROVIDERS:
        _organization(ctx, key, name, K.PROVIDER, town)
    for org in [ctx.org(k) for k, *_ in COMPANIES] + [ctx.org(k) for k, *_ in PROVIDERS]:
        Membership.objects.create(network=network, organization=org, role=Membership.Role.MEMBER)

    cohort = _cohort(ctx.today)
    start = datetime.date(cohort, 8, 1)
    number = _profiles(ctx, plan, companies, start, rng, 0)
    metal = FrameworkPlan.objects.get(occupation__code="2611")
    metal_number = _profiles(ctx, metal, METAL_COMPANIES, start, rng, number, apprentices=1)
    trainers: dict = {}
    _stations(ctx, plan, STATIONS, trainers)
    _stations(ctx, metal, METAL_STATIONS, trainers)

    planner = ctx.user("betrieb")
    run = _run(network, plan, cohort, planner, 15)
    metal_run = _run(network, metal, cohort, planner, 5)

    made = contracts.create_from_run(run, planner)
    cooperation = made[0]
    for party in cooperation.parties.all():
        ContractApproval.objects.create(
            version=cooperation.current, organization=party, approved_by=planner
        )
    amended = contracts.content_of(run)
    amended["parties"] = sorted(set(amended["parties"]) | {ctx.org("herner-kunststofftechnik").pk})
    version = contracts.new_version(
        cooperation,
        amended,
        "Neuer Partner: Roboterzelle der Herner Kunststofftechnik GmbH",
        planner,
    )
    ContractApproval.objects.create(
        version=version, organization=ctx.org("hesterberg"), approved_by=planner
    )

    request = PartnerRequest.objects.create(
        requester=ctx.org("volmetal-stanz"),
        partner=ctx.org("hesterberg"),
        occupation=plan.occupation,
        weeks=6,
        message="Wir suchen für unsere Mechatronik-Auszubildenden Plätze in der Zerspanung.",
    )
    request.stations.set(
        Station.objects.filter(organization=ctx.org("hesterberg"), position__code="10")
    )
    ctx.log(
        f"apprenticeship: {len(companies)} companies, {number} apprentices, {len(STATIONS)} stations, "
        f"rotation {run.status} with {len(run.plan.get('stays', []))} stays, "
        f"{run.uncovered_weeks} uncovered weeks; Industriemechaniker: {metal_number - number} "
        f"apprentices, rotation {metal_run.status} with {metal_run.uncovered_weeks} uncovered weeks"
    )
