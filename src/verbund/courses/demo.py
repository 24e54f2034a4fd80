"""Demo step: the course offers of the region's training providers, and the index.

Each provider runs the hand-written courses of ``demo_catalog`` that fit its kind (adult
education centre, Kreishandwerkerschaft, vocational school, education centre), with dates
relative to the day the demo is loaded. Most providers are in MehrWert's seven districts;
the rest in the other demo regions (Hannover, Braunschweig, Harz, Ruhr). Providers are
real institutions; their contact data are fictitious.
"""

import datetime
import math
import random
from decimal import Decimal

from django.db import transaction

from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Organization, Topic
from verbund.core.services.geo import town_coordinates
from verbund.courses.demo_catalog import COURSES, DemoCourse
from verbund.courses.models import KursnetSupplier, Offer, Run
from verbund.courses.services import indexing

# official region code -> (towns, demo providers: (key, name, short name, seat town))
PLACES = {
    "03255": (("Holzminden", "Stadtoldendorf", "Bodenwerder", "Eschershausen", "Bevern"),
              (("kvhs-holzminden", "Kreisvolkshochschule Holzminden", "KVHS Holzminden", "Holzminden"),
               ("bbs-holzminden", "Berufsbildende Schulen Holzminden", "BBS Holzminden", "Holzminden"))),
    "03252": (("Hameln", "Bad Pyrmont", "Aerzen", "Emmerthal", "Hessisch Oldendorf"),
              (("vhs-hameln-pyrmont", "", "", "Hameln"),
               ("khs-weserbergland", "Kreishandwerkerschaft Weserbergland", "KHS Weserbergland", "Hameln"))),
    "03257": (("Stadthagen", "Rinteln", "Bückeburg", "Obernkirchen", "Bad Nenndorf"),
              (("vhs-schaumburg", "Volkshochschule Schaumburg", "VHS Schaumburg", "Stadthagen"),
               ("khs-schaumburg", "Kreishandwerkerschaft Schaumburg", "KHS Schaumburg", "Stadthagen"))),
    "03256": (("Nienburg", "Hoya", "Rehburg-Loccum", "Uchte", "Steyerberg"),
              (("vhs-nienburg", "Volkshochschule Nienburg/Weser", "VHS Nienburg", "Nienburg"),
               ("bbs-nienburg", "BBS Nienburg – Berufsbildende Schulen", "BBS Nienburg", "Nienburg"))),
    "03251": (("Diepholz", "Syke", "Sulingen", "Weyhe", "Stuhr", "Bassum"),
              (("vhs-diepholz", "Kreisvolkshochschule Diepholz", "KVHS Diepholz", "Syke"),
               ("khs-diepholz", "Kreishandwerkerschaft Grafschaft Diepholz", "KHS Diepholz", "Diepholz"))),
    "03453": (("Cloppenburg", "Friesoythe", "Löningen", "Garrel", "Emstek"),
              (("vhs-cloppenburg", "Volkshochschule Cloppenburg", "VHS Cloppenburg", "Cloppenburg"),
               ("bildungswerk-cloppenburg", "Bildungswerk Oldenburger Münsterland", "BW Oldenburger Münsterland", "Cloppenburg"))),
    "03460": (("Vechta", "Lohne", "Damme", "Dinklage", "Visbek"),
              (("khs-vechta", "Kreishandwerkerschaft Vechta", "KHS Vechta", "Vechta"),
               ("bbs-vechta", "Berufsbildende Schulen Vechta", "BBS Vechta", "Vechta"))),
    "03241": (("Hannover", "Garbsen", "Laatzen", "Langenhagen"),
              (("psg", "", "", "Garbsen"),
               ("bildungszentrum-hannover", "Technologie- und Bildungszentrum Hannover", "TBZ Hannover", "Hannover"))),
    "03101": (("Braunschweig",),
              (("otto-bennemann-schule", "", "", "Braunschweig"),)),
    "15085": (("Halberstadt", "Wernigerode", "Quedlinburg"),
              (("vhs-bildungswerk", "", "", "Halberstadt"),)),
    "05913": (("Dortmund",),
              (("weiterbildung-ruhr", "Weiterbildungskolleg Ruhr", "WBK Ruhr", "Dortmund"),)),
}  # fmt: skip


def _providers(ctx: DemoContext) -> dict[str, list[Organization]]:
    by_region = {}
    for code, (_towns, providers) in PLACES.items():
        region = ctx.region(code)
        organizations = []
        for key, name, short_name, town in providers:
            if key not in ctx.organizations:
                lat_lon = town_coordinates(town) or (region.lat, region.lon)
                ctx.organizations[key] = Organization.objects.create(
                    name=name,
                    short_name=short_name,
                    kind=Organization.Kind.PROVIDER,
                    region=region,
                    city=town,
                    lat=lat_lon[0],
                    lon=lat_lon[1],
                    email=f"weiterbildung@{key}.example",
                    phone="+49 5531 0000-0",
                )
            organization = ctx.organizations[key]
            if not (organization.email or organization.phone or organization.website):
                # KURSNET needs a way to reach the provider (seeded ones come without).
                organization.email = f"weiterbildung@{key}.example"
                organization.save(update_fields=["email"])
            KursnetSupplier.objects.get_or_create(
                provider=organization,
                defaults={
                    "supplier_id": str(DEMO_SUPPLIER_IDS + organization.pk),
                    "institution_type": DEMO_INSTITUTION_TYPE,
                },
            )
            organizations.append(organization)
        by_region[code] = organizations
    return by_region


# Provider key -> kind of provider (see demo_catalog): which courses it runs.
KIND_OF = (
    ("khs-", "hw"),
    ("bbs-", "bbs"),
    ("otto-bennemann", "bbs"),
    ("vhs", "vhs"),
    ("kvhs", "vhs"),
)
INSTRUCTION_CODES = {"praesenz": "101", "online": "201", "hybrid": "301"}
# KURSNET codes of the demo (services/kursnet_values.py): the institution type and the
# education type attested in the BA's own export; a real provider takes its own from the
# KURSNET value lists. Demo supplier ids are made up above the BA's range of the example.
DEMO_INSTITUTION_TYPE = 102
DEMO_EDUCATION_TYPE = 109
DEMO_SUPPLIER_IDS = 990000
# Share of offers whose only date has passed ("derzeit keine Termine"), as in real catalogues.
DORMANT_SHARE = 0.1


# What a kind of provider charges compared with the catalogue price: adult education
# centres are subsidised, private education centres charge more. Each provider rounds its
# own price (see ``_price``), so one course does not cost the same everywhere.
PRICE_LEVEL = {
    "vhs": Decimal("0.85"),
    "bbs": Decimal("0.95"),
    "hw": Decimal("1.00"),
    "bw": Decimal("1.10"),
}


def _price(course: DemoCourse, kind: str, rng: random.Random) -> Decimal:
    """The provider's price: its kind's level, varied by up to 6 %, to the next 10 € less 1."""
    base = Decimal(course.price) * PRICE_LEVEL[kind] * Decimal(1 + rng.uniform(-0.06, 0.06))
    if base < 100:
        return base.quantize(Decimal("1"))
    return (base / 10).quantize(Decimal("1")) * 10 - (Decimal("1") if rng.random() < 0.3 else 0)


def _offer_number(key: str, number: int, year: int) -> str:
    """A catalogue number as providers print them: "KVHS-HOL-2026-014"."""
    parts = key.split("-")
    letters = "-".join([parts[0][:4], *(part[:3] for part in parts[1:2])]).upper()
    return f"{letters}-{year}-{number:03d}"


def _kind(key: str) -> str:
    return next((kind for prefix, kind in KIND_OF if key.startswith(prefix)), "bw")


def _span_days(course: DemoCourse) -> int:
    """Days from the first to the last course day."""
    if course.time_of_day == "ganztags":
        return max(0, math.ceil(course.hours / 8) - 1)
    # Part-time courses meet about four hours a week (weekends: eight).
    per_week = 8 if course.time_of_day == "wochenende" else 4
    return min(180, math.ceil(course.hours / per_week) * 7 - 6)


@register_step(110, "courses: offers, runs and the search index")
def load_courses(ctx: DemoContext) -> None:
    rng = random.Random(3)
    by_region = _providers(ctx)
    topics = {topic.code: topic for topic in Topic.objects.all()}
    keys = {org.pk: key for key, org in ctx.organizations.items()}
    coordinates = {town: town_coordinates(town) for towns, _p in PLACES.values() for town in towns}
    # Where each provider teaches first: its seat (organizations of the seeds have no town).
    seats = {key: town for _towns, providers in PLACES.values() for key, *_n, town in providers}
    for town in seats.values():
        coordinates.setdefault(town, town_coordinates(town))
    year = ctx.days(0).year
    count = 0
    for code, providers in by_region.items():
        towns = PLACES[code][0]
        region = ctx.region(code)
        for provider in providers:
            kind = _kind(keys[provider.pk])
            for number, course in enumerate(c for c in COURSES if kind in c.kinds.split()):
                offer = Offer.objects.create(
                    provider=provider,
                    external_id=_offer_number(keys[provider.pk], number + 1, year),
                    title=course.title,
                    description=course.description,
                    target_groups=list(course.target_groups),
                    certificate=course.certificate,
                    hours=course.hours,
                    price=_price(course, kind, rng),
                    funding=list(course.funding),
                    format=course.format,
                    instruction_code=INSTRUCTION_CODES[course.format],
                    education_type=DEMO_EDUCATION_TYPE,
                    time_of_day=course.time_of_day,
                )
                offer.topics.set([topics[topic] for topic in course.topics])
                dormant = rng.random() < DORMANT_SHARE
                starts = (
                    [ctx.days(-rng.randint(40, 120))]
                    if dormant
                    else sorted(ctx.days(rng.randint(5, 240)) for _ in range(rng.choice((1, 2, 3))))
                )
                runs = []
                for run_number, start in enumerate(starts, start=1):
                    seat = provider.city or seats[keys[provider.pk]]
                    town = seat if run_number == 1 else rng.choice(towns)
                    located = course.format != "online"
                    lat_lon = (
                        (coordinates.get(town) or (region.lat, region.lon))
                        if located
                        else (None, None)
                    )
                    runs.append(
                        Run(
                            offer=offer,
                            external_id=str(run_number),
                            start_date=start,
                            end_date=start + datetime.timedelta(days=_span_days(course)),
                            city=town if located else "",
                            lat=lat_lon[0],
                            lon=lat_lon[1],
                            region=region if located else None,
                        )
                    )
                Run.objects.bulk_create(runs)
                count += 1
    # The demo loads in one transaction: build the index once it has committed.
    transaction.on_commit(indexing.rebuild)
    ctx.log(f"{count} course offers from {sum(map(len, by_region.values()))} providers")
