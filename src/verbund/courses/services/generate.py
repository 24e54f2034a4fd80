"""Synthetic offers in the database (``verbund courses generate``), from the engine's generator.

Offers, runs and topic links are written with ``bulk_create`` in batches, each batch in
its own transaction; the index is rebuilt once at the end (much faster than logging a
change per offer). Providers are synthetic organizations, created once and reused.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import connection, transaction
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
    the generator's (see REGION_CODES) or official codes.

    Plain multi-row inserts (``executemany``) with the offer ids reserved up front: no
    model instances and no per-row SQL compilation, which cost ~90% of the time with
    ``bulk_create`` (SQLite allows only 999 parameters per statement, so ~40 rows each).
    """
    now = timezone.now()
    offer_ids = reserve_ids(Offer, len(items))
    offers, runs, links = [], [], []
    for pk, item in zip(offer_ids, items, strict=True):
        first_run = item["runs"][0]
        offer_format, offer_time = first_run["format"], first_run["time_of_day"]
        offers.append(
            {
                "id": pk,
                "provider_id": providers[(int(item["provider_id"]) - 1) % len(providers)].pk,
                "external_id": f"{prefix}{first_id + item['id'] - 1}",
                "title": item["title"],
                "description": item["description"],
                "keywords": item["keywords"],
                "target_groups": item["target_groups"],
                "certificate": item["certificate"],
                "language": item["language"],
                "hours": item["hours"],
                "price": Decimal(str(item["price_eur"])),
                "funding": item["funding"],
                "format": offer_format,
                "instruction_code": first_run["instruction_code"],
                "time_of_day": offer_time,
                "created_at": now,
                "updated_at": now,
            }
        )
        for raw in item["runs"]:
            region = REGION_CODES.get(raw["region_id"] or "", raw["region_id"])
            runs.append(
                {
                    "offer_id": pk,
                    "external_id": str(raw["run_id"]),
                    "start_date": raw["start_date"],
                    "end_date": raw["end_date"],
                    "format": raw["format"] if raw["format"] != offer_format else "",
                    "time_of_day": raw["time_of_day"] if raw["time_of_day"] != offer_time else "",
                    "city": raw["city"] or "",
                    "lat": raw["lat"],
                    "lon": raw["lon"],
                    "region_id": regions.get(region) if region else None,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        topic_ids = (topics.get(TOPIC_CODES.get(code, "")) for code in item["topic_ids"])
        for topic in dict.fromkeys(t for t in topic_ids if t):
            links.append({"offer_id": pk, "topic_id": topic})
    bulk_insert(Offer, offers)
    bulk_insert(Run, runs)
    bulk_insert(Offer.topics.through, links)
    return len(offers)


# Field types whose Python values need the backend's conversion (JSON text, dates...).
CONVERTED_TYPES = frozenset({"JSONField", "DecimalField", "DateField", "DateTimeField"})


def reserve_ids(model, count: int) -> list[int]:
    """``count`` new primary keys for ``model`` (call inside the writing transaction)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [model._meta.db_table, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
        # SQLite: the write transaction (IMMEDIATE) holds the database lock.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def bulk_insert(model, rows: list[dict]) -> None:
    """INSERT ``rows`` (field attname -> value) with one ``executemany``; other concrete
    fields take their defaults. No signals, no validation: for trusted bulk data."""
    if not rows:
        return
    given = rows[0].keys()
    fields = [f for f in model._meta.concrete_fields if f.attname in given or not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in given}
    convert = [f for f in fields if f.get_internal_type() in CONVERTED_TYPES]
    # Dates, times and prices repeat a lot: convert each distinct value once.
    memo: dict[tuple[str, object], object] = {}
    columns = [f.attname for f in fields]
    values = []
    for row in rows:
        row = {**defaults, **row} if defaults else dict(row)
        for field in convert:
            value = row[field.attname]
            if value is None:
                continue
            if isinstance(value, list | dict):
                row[field.attname] = field.get_db_prep_save(value, connection)
                continue
            key = (field.attname, value)
            if key not in memo:
                memo[key] = field.get_db_prep_save(value, connection)
            row[field.attname] = memo[key]
        values.append([row[name] for name in columns])
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH):
            cursor.executemany(sql, values[start : start + BATCH])
