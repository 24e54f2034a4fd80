"""The vectorised supply against a plain per-run reference, on runs of every awkward shape.

Flexible runs with and without a start date, runs that started already or start too late,
free seats of zero, run formats overriding the offer's, offers without or with unknown
target groups, archived offers, in-person runs without a place, several topics per offer.
"""

import datetime
import random

import pytest

from tests import factories
from verbund.core.models import Region, Topic
from verbund.core.services.geo import haversine_km
from verbund.courses.models import Offer, Run
from verbund.needs.services import gaps
from verbund.needs.services.matching import LOCATION_INDEPENDENT, TARGET_GROUPS, add_months
from verbund.needs.services.supply import DEFAULT_SEATS, FORMATS, HORIZONS, REACH_KM, Supply

TODAY = datetime.date(2026, 3, 15)


def reference(district, family, formats, accepted) -> dict[int, int]:
    """Seats up to each horizon, run by run, straight from the definition (docs/needs.md)."""
    result = dict.fromkeys(HORIZONS, 0)
    for run in Run.objects.select_related("offer").prefetch_related("offer__topics"):
        offer = run.offer
        if offer.status != Offer.Status.ACTIVE:
            continue
        # A run counts once per topic of its offer in the family (as the report always did;
        # an offer tagged with a topic and its subtopic counts twice for the topic).
        matches = len({topic.pk for topic in offer.topics.all()} & set(family))
        if not matches:
            continue
        groups = set(offer.target_groups or ())
        if accepted is not None and groups and not accepted & groups:
            continue
        fmt = run.format or offer.format
        if fmt not in FORMATS or fmt not in formats:
            continue
        if fmt not in LOCATION_INDEPENDENT:
            if run.lat is None or run.lon is None:
                continue
            if haversine_km(district.lat, district.lon, run.lat, run.lon) > REACH_KM:
                continue
        seats = run.seats_left or offer.max_participants or DEFAULT_SEATS
        for horizon in HORIZONS:
            end = add_months(TODAY, horizon)
            if run.start_date is None:
                counts = run.flexible_start
            elif run.start_date >= TODAY:
                counts = run.start_date <= end
            else:  # started already: only a flexible run still open counts
                counts = run.flexible_start and run.end_date is not None and run.end_date >= TODAY
            if counts:
                result[horizon] += seats * matches
    return result


@pytest.fixture
def offers(db):
    rng = random.Random(7)
    provider = factories.organization("Anbieter", kind="provider")
    topics = list(Topic.objects.order_by("pk")[:6])
    groups = [[], [], ["beschaeftigte"], ["auszubildende", "gefluechtete"], ["unbekannt"]]
    for n in range(60):
        offer = Offer.objects.create(
            provider=provider,
            external_id=f"o{n}",
            title="Kurs",
            description="x",
            format=rng.choice(FORMATS),
            max_participants=rng.choice((None, 0, 8, 15)),
            target_groups=rng.choice(groups),
            status=Offer.Status.ARCHIVED if n % 11 == 0 else Offer.Status.ACTIVE,
        )
        offer.topics.set(rng.sample(topics, rng.choice((1, 2))))
        for _ in range(rng.choice((1, 2, 3))):
            start = TODAY + datetime.timedelta(days=rng.randint(-60, 800))
            flexible = rng.random() < 0.2
            Run.objects.create(
                offer=offer,
                start_date=None if flexible and rng.random() < 0.5 else start,
                end_date=start + datetime.timedelta(days=rng.randint(0, 120)),
                flexible_start=flexible,
                format=rng.choice(("", "", "praesenz", "online", "hybrid")),
                lat=None if rng.random() < 0.1 else 51.83 + rng.uniform(-0.6, 0.6),
                lon=None if rng.random() < 0.1 else 9.45 + rng.uniform(-0.8, 0.8),
                seats_left=rng.choice((None, None, 0, 3)),
            )
    return topics


def test_supply_equals_the_definition(offers):
    districts = {
        region.pk: region
        for region in (
            factories.region("Holzminden", code="03255", lat=51.83, lon=9.45),
            factories.region("Nahe", code="03256", lat=51.9, lon=9.3),
            Region.objects.create(name="Ohne Ort", kind=Region.Kind.LANDKREIS, code="03999"),
        )
    }
    supply = Supply({topic.pk for topic in offers}, TODAY, districts)
    format_sets = {gaps.fitting_formats(set(w)) for w in (("in_person",), ("online",), ())}
    for district in districts.values():
        for size in (1, 2):
            family = [topic.pk for topic in offers[:size]]
            for formats in format_sets:
                for accepted in (None, *TARGET_GROUPS.values()):
                    # A district without a centre gets location-independent runs only.
                    reachable = formats & LOCATION_INDEPENDENT if district.lat is None else formats
                    expected = reference(district, family, reachable, accepted)
                    assert supply.seats_by_horizon(district.pk, family, formats, accepted) == (
                        expected
                    ), (district.name, family, sorted(formats), accepted)
