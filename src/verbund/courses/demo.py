"""Demo step: about 5,000 course offers from regional training providers, and the index.

Most runs take place in MehrWert's seven districts; the rest in the other demo regions
(Hannover, Braunschweig, Harz, Ruhr). Texts come from the engine's synthetic generator;
providers are real-sounding institutions, contact people are fictitious.
"""

import random

from django.db import transaction

from verbund.core.demo.registry import DemoContext, register_step
from verbund.core.models import Organization
from verbund.core.services.geo import town_coordinates
from verbund.courses.search.synthetic import generate_offers
from verbund.courses.services import generate, indexing

DEMO_OFFERS = 5000
DISTRICT_SHARE = 0.8
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
DISTRICTS = tuple(
    code for code in PLACES if code.startswith("03") and code != "03241" and code != "03101"
)


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
                    description="Demo-Bildungsanbieter (fiktive Kontaktdaten).",
                )
            organizations.append(ctx.organizations[key])
        by_region[code] = organizations
    return by_region


@register_step(110, "courses: offers, runs and the search index")
def load_courses(ctx: DemoContext) -> None:
    rng = random.Random(3)
    by_region = _providers(ctx)
    providers = [org for orgs in by_region.values() for org in orgs]
    provider_number = {org.pk: number for number, org in enumerate(providers, start=1)}
    coordinates = {town: town_coordinates(town) for towns, _p in PLACES.values() for town in towns}
    others = [code for code in PLACES if code not in DISTRICTS]
    items = []
    for item in generate_offers(DEMO_OFFERS, seed=7, start_day=ctx.today):
        code = rng.choice(DISTRICTS if rng.random() < DISTRICT_SHARE else others)
        towns, _providers_data = PLACES[code]
        item["provider_id"] = provider_number[rng.choice(by_region[code]).pk]
        for run in item["runs"]:
            if run["city"] is None:
                continue
            town = rng.choice(towns)
            lat_lon = coordinates[town] or (ctx.region(code).lat, ctx.region(code).lon)
            run.update(city=town, region_id=code, lat=lat_lon[0], lon=lat_lon[1])
        items.append(item)
    topics, regions = generate.lookups()
    for start in range(0, len(items), generate.BATCH):
        generate.write_items(
            items[start : start + generate.BATCH], providers, topics, regions, 1, "demo-"
        )
    # The demo loads in one transaction: build the index once it has committed.
    transaction.on_commit(indexing.rebuild)
    ctx.log(f"{len(items)} course offers from {len(providers)} providers")
