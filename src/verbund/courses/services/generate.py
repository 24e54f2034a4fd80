"""Synthetic offers in the database (``verbund courses generate``), from the engine's generator.

Offers, runs and topic links are written with ``bulk_create`` in batches, each batch in
its own transaction; the index is rebuilt once at the end (much faster than logging a
change per offer). Providers are synthetic organizations, created once and reused.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from verbund.core.models import Organization, Region, Topic
from verbund.courses.models import Offer, Run
from verbund.courses.search.synthetic import generate_offers

BATCH = 5000
SYNTHETIC_PREFIX = "syn-"
# The generator's topics -> codes of the Themenkatalog (None: no matching topic).
TOPIC_CODES = {
    "schweissen": "schweissen",
    "elektro": "elektro",
    "sps": "automatisierung",
    "buchhaltung": "buchhaltung",
    "excel": "tabellenkalkulation",
    "it_sicherheit": "it-sicherheit",
    "daz": "deutsch-zweitsprache",
    "englisch": "englisch",
    "fuehrung": "fuehrung",
    "arbeitsschutz": "arbeitsschutz",
    "nachhaltigkeit": "nachhaltigkeit",
    "digitalisierung": "digitalisierung",
    "neue_arbeit": "neue-arbeitsformen",
    "generationen": "generationen",
    "pflege": "gesundheitsmanagement",
    "logistik": "flurfoerderzeuge",
    "cnc": "cnc",
    "kfz": "kfz",
    "marketing": "marketing-vertrieb",
    "projekt": "projektmanagement",
    "personal": "personalwesen",
    "ausbilder": "ausbilderqualifizierung",
    "meister": "meister",
    "kaufmann": "kaufmaennisch",
    "programmierung": "programmierung",
    "netzwerk": "it",
    "edv": "office",
    "kommunikation": "kommunikation",
    "qualitaet": "technik",
    "energie": "energieeffizienz",
    "bau": "bau",
    "holz": "technik",
    "erste_hilfe": "erste-hilfe",
    "verkauf": "marketing-vertrieb",
    "recht": "kaufmaennisch",
    "gesundheit": "gesundheitsmanagement",
    "franzoesisch": "franzoesisch",
    "mechatronik": "automatisierung",
}
# The generator's region ids -> official codes of our regions.
REGION_CODES = {
    "holzminden": "03255",
    "hameln-pyrmont": "03252",
    "schaumburg": "03257",
    "nienburg": "03256",
    "diepholz": "03251",
    "cloppenburg": "03453",
    "vechta": "03460",
    "land-06": "03",  # geonames admin1 06 = Niedersachsen
    "land-07": "05",  # Nordrhein-Westfalen
    "land-14": "15",  # Sachsen-Anhalt
}
PROVIDER_KINDS = ("Volkshochschule", "Bildungswerk", "Akademie", "Schulungszentrum", "Institut")


def synthetic_providers(count: int) -> list[Organization]:
    existing = list(
        Organization.objects.filter(
            kind=Organization.Kind.PROVIDER, short_name__startswith=SYNTHETIC_PREFIX
        ).order_by("pk")
    )
    missing = [
        Organization(
            name=f"{PROVIDER_KINDS[n % len(PROVIDER_KINDS)]} Nr. {n} (synthetisch)",
            short_name=f"{SYNTHETIC_PREFIX}{n}",
            kind=Organization.Kind.PROVIDER,
        )
        for n in range(len(existing) + 1, count + 1)
    ]
    Organization.objects.bulk_create(missing, batch_size=BATCH)
    return existing + missing if missing else existing[:count]


def generate(
    count: int,
    seed: int = 1,
    providers: list[Organization] | None = None,
    start_day: datetime.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``count`` synthetic offers with their runs; returns the number written."""
    providers = providers or synthetic_providers(min(2000, max(1, count // 50)))
    start_day = start_day or timezone.localdate()
    topics = {t.code: t.pk for t in Topic.objects.all()}
    regions = {r.code: r.pk for r in Region.objects.filter(country="DE").exclude(kind="gemeinde")}
    first_id = (Offer.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    batch: list[dict] = []
    written = 0
    for item in generate_offers(count, seed=seed, start_day=start_day, providers=len(providers)):
        batch.append(item)
        if len(batch) >= BATCH:
            written += write_items(batch, providers, topics, regions, first_id)
            batch = []
            if progress:
                progress(BATCH)
    if batch:
        written += write_items(batch, providers, topics, regions, first_id)
        if progress:
            progress(len(batch))
    return written


def lookups() -> tuple[dict, dict]:
    """(topic code -> pk, official region code -> pk) for ``write_items``."""
    topics = {t.code: t.pk for t in Topic.objects.all()}
    regions = {r.code: r.pk for r in Region.objects.filter(country="DE").exclude(kind="gemeinde")}
    return topics, regions


@transaction.atomic
def write_items(items, providers, topics, regions, first_id, prefix=SYNTHETIC_PREFIX) -> int:
    """Write generator dicts; ``provider_id`` n is ``providers[n - 1]``, region ids are
    the generator's (see REGION_CODES) or official codes."""
    offers = []
    for item in items:
        offers.append(
            Offer(
                provider=providers[(int(item["provider_id"]) - 1) % len(providers)],
                external_id=f"{prefix}{first_id + item['id'] - 1}",
                title=item["title"],
                description=item["description"],
                keywords=item["keywords"],
                target_groups=item["target_groups"],
                certificate=item["certificate"],
                language=item["language"],
                hours=item["hours"],
                price=Decimal(str(item["price_eur"])),
                funding=item["funding"],
                format=item["runs"][0]["format"],
                instruction_code=item["runs"][0]["instruction_code"],
                time_of_day=item["runs"][0]["time_of_day"],
            )
        )
    Offer.objects.bulk_create(offers)
    runs, links = [], []
    through = Offer.topics.through
    for offer, item in zip(offers, items, strict=True):
        for raw in item["runs"]:
            region = REGION_CODES.get(raw["region_id"] or "", raw["region_id"])
            runs.append(
                Run(
                    offer_id=offer.pk,
                    external_id=str(raw["run_id"]),
                    start_date=raw["start_date"],
                    end_date=raw["end_date"],
                    format=raw["format"] if raw["format"] != offer.format else "",
                    time_of_day=raw["time_of_day"]
                    if raw["time_of_day"] != offer.time_of_day
                    else "",
                    city=raw["city"] or "",
                    lat=raw["lat"],
                    lon=raw["lon"],
                    region_id=regions.get(region) if region else None,
                )
            )
        for code in dict.fromkeys(item["topic_ids"]):
            topic = topics.get(TOPIC_CODES.get(code, ""))
            if topic:
                links.append(through(offer_id=offer.pk, topic_id=topic))
    Run.objects.bulk_create(runs, batch_size=BATCH)
    through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
    return len(offers)
