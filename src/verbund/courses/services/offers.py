"""Provider self-service: create, change, copy, archive and delete offers and runs.

Every write goes through ``editing.save_changes`` (validation + audit entry), bumps the
offer's ``version`` and logs an index change, all in one transaction: the index follows
only what committed.
"""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from verbund.core.models import Region
from verbund.core.services import audit, editing
from verbund.core.services.geo import haversine_km, place_coordinates
from verbund.courses.models import IndexChange, Offer, Run
from verbund.courses.services import indexing

# A run is filed under the nearest district seat within this distance (district centroids
# are their seat towns; see core/data/regions.py).
REGION_MAX_KM = 35.0
REGION_KINDS = (
    Region.Kind.LANDKREIS,
    Region.Kind.KREISFREIE_STADT,
    Region.Kind.DEPARTEMENT,
)


def _bump(offer: Offer) -> None:
    Offer.objects.filter(pk=offer.pk).update(version=F("version") + 1)
    offer.version = Offer.objects.values_list("version", flat=True).get(pk=offer.pk)
    indexing.log_change(offer)


def save_offer(offer: Offer, data: dict, user, via: str = "ui") -> Offer:
    """Create or change an offer (``data``: field name -> value, topics as objects/ids)."""
    creating = offer.pk is None
    with transaction.atomic():
        editing.save_changes(offer, data, user, "courses.offer", extra_audit={"via": via})
        if creating:
            indexing.log_change(offer)
        else:
            _bump(offer)
    return offer


def copy_offer(offer: Offer, user, with_runs: bool = True) -> Offer:
    """A new offer with the same content ("Kopie" title, new external id); runs optional."""
    fields = [
        f.name
        for f in Offer._meta.concrete_fields
        if f.name not in ("id", "external_id", "title", "version", "created_at", "updated_at")
    ]
    data = {name: getattr(offer, name) for name in fields}
    data["title"] = f"{offer.title} (Kopie)"[:255]
    data["external_id"] = _free_external_id(offer)
    data["topics"] = list(offer.topics.all())
    data["status"] = Offer.Status.ACTIVE
    with transaction.atomic():
        copy = save_offer(Offer(), data, user)
        if with_runs:
            for run in offer.runs.all():
                run.pk = None
                run.offer = copy
                run.save()
        audit.record(copy, "courses.offer.copied", user=user, data={"source": offer.pk})
        _bump(copy)
    return copy


def _free_external_id(offer: Offer) -> str:
    base = f"{offer.external_id}-kopie"[:90]
    candidate, number = base, 1
    taken = set(
        Offer.objects.filter(provider=offer.provider, external_id__startswith=base).values_list(
            "external_id", flat=True
        )
    )
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def generated_external_id(provider) -> str:
    """An offer number for hand entry left empty: "VB-<provider>-<n>", free at that provider.

    openQ-cat needs a PRODUCT_ID per provider; people typing one offer rarely have one.
    """
    prefix = f"VB-{provider.pk}-"
    taken = set(
        Offer.objects.filter(provider=provider, external_id__startswith=prefix).values_list(
            "external_id", flat=True
        )
    )
    number = len(taken) + 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def set_status(offer: Offer, status: str, user) -> Offer:
    """Archive (hide from search, keep for the provider) or reactivate an offer."""
    with transaction.atomic():
        editing.save_changes(offer, {"status": status}, user, "courses.offer")
        _bump(offer)
    return offer


def delete_offer(offer: Offer, user) -> None:
    with transaction.atomic():
        offer_id, version = offer.pk, offer.version
        editing.delete_object(offer, user, "courses.offer")
        IndexChange.objects.create(offer_id=offer_id, version=version, op=IndexChange.Op.DELETE)
        if indexing.conf.index_on_commit():
            transaction.on_commit(indexing._apply_quietly)


# -- runs -------------------------------------------------------------------------------


def locate(run: Run, regions: list[Region] | None = None) -> None:
    """Fill in coordinates (from the town) and the region (nearest district seat)."""
    if run.lat is None and run.city:
        coordinates = place_coordinates(f"{run.postcode} {run.city}")
        if coordinates:
            run.lat, run.lon = coordinates
    if run.region_id is None and run.lat is not None and run.lon is not None:
        run.region = nearest_region(run.lat, run.lon, regions)


def district_regions() -> list[Region]:
    return list(Region.objects.filter(kind__in=REGION_KINDS, lat__isnull=False))


def nearest_region(lat: float, lon: float, regions: list[Region] | None = None):
    regions = district_regions() if regions is None else regions
    best, best_km = None, REGION_MAX_KM
    for region in regions:
        distance = haversine_km(lat, lon, region.lat, region.lon)
        if distance <= best_km:
            best, best_km = region, distance
    return best


def save_run(run: Run, data: dict, user, via: str = "ui") -> Run:
    for name, value in data.items():
        setattr(run, name, value)
    if "city" in data and "lat" not in data and run.pk:
        stored = Run.objects.filter(pk=run.pk).values_list("city", flat=True).first()
        if stored != run.city:
            run.lat = run.lon = None
            run.region = None
    locate(run)
    fields = {**data, "lat": run.lat, "lon": run.lon, "region": run.region}
    with transaction.atomic():
        editing.save_changes(run, fields, user, "courses.run", extra_audit={"via": via})
        audit.record(
            run.offer,
            "courses.offer.run_saved",
            user=user,
            data={"run": run.pk, "start": str(run.start_date)},
        )
        _bump(run.offer)
    return run


def delete_run(run: Run, user) -> None:
    offer = run.offer
    with transaction.atomic():
        editing.delete_object(run, user, "courses.run")
        audit.record(offer, "courses.offer.run_deleted", user=user, data={"run": run.pk})
        _bump(offer)


# -- lifecycle --------------------------------------------------------------------------


def dormant_offers(queryset, today: datetime.date | None = None):
    """Active offers of ``queryset`` without any future run (flagged to the provider)."""
    today = today or timezone.localdate()
    return queryset.filter(status=Offer.Status.ACTIVE).exclude(
        Offer.objects.with_future_run_q(today)
    )


def hidden_ids(queryset, today: datetime.date | None = None) -> set[int]:
    """Active offers of ``queryset`` already hidden from search (grace period over)."""
    today = today or timezone.localdate()
    active = queryset.filter(status=Offer.Status.ACTIVE)
    return set(active.values_list("pk", flat=True)) - set(
        Offer.objects.searchable(today)
        .filter(pk__in=active.values("pk"))
        .values_list("pk", flat=True)
    )
