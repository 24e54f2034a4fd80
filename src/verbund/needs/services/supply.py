"""Seats on offer per district, computed once for a gap report (numpy, one DB pass).

The database sums seats per (place, topic, run format, target-group list, horizon); every
combination is then encoded as one integer key. For each district a boolean mask marks
the places within ``REACH_KM`` (plus "anywhere" for online runs), and one ``bincount``
over the masked rows gives the district's seats for every key at once.
"""

from __future__ import annotations

import datetime
import json

import numpy as np
from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from verbund.courses.models import Offer, Run
from verbund.needs.services.matching import LOCATION_INDEPENDENT, add_months

HORIZONS = (6, 12, 24)  # months
REACH_KM = 50.0  # in-person runs further away than this do not serve a district
DEFAULT_SEATS = 12  # a run without free seats or maximum counts as this many seats
FORMATS = ("praesenz", "online", "hybrid", "fernlernen")
EARTH_RADIUS_KM = 6371.0


def supply_rows(topic_ids, today: datetime.date):
    """(lat, lon, topic, run format, offer format, target groups, horizon, seats), summed in the DB."""
    ends = {h: add_months(today, h) for h in HORIZONS}
    bucket = Case(
        When(start_date__isnull=True, then=Value(HORIZONS[0])),
        *[When(start_date__lte=ends[h], then=Value(h)) for h in HORIZONS],
        default=Value(0),
        output_field=IntegerField(),
    )
    runs = Run.objects.filter(
        offer__status=Offer.Status.ACTIVE, offer__topics__in=topic_ids
    ).filter(
        Q(start_date__gte=today, start_date__lte=ends[HORIZONS[-1]])
        | Q(flexible_start=True, start_date__isnull=True)
        | Q(flexible_start=True, start_date__lte=ends[HORIZONS[-1]], end_date__gte=today)
    )
    return (
        runs.values(
            "lat", "lon", "offer__topics", "format", "offer__format", "offer__target_groups"
        )
        .annotate(
            horizon=bucket,
            seats=Sum(Coalesce("seats_left", "offer__max_participants", Value(DEFAULT_SEATS))),
        )
        .order_by()
        .values_list(
            "lat",
            "lon",
            "offer__topics",
            "format",
            "offer__format",
            "offer__target_groups",
            "horizon",
            "seats",
        )
    )


class Supply:
    """Seats by district as an array [topic, format, target-group list, horizon]."""

    def __init__(self, topic_ids: set[int], today: datetime.date, districts: dict):
        self.topics = {pk: index for index, pk in enumerate(sorted(topic_ids))}
        self.group_index: dict[str, int] = {}
        self.group_sets: list[frozenset] = []
        points: dict[tuple, int] = {None: 0}  # 0: anywhere (online, distance learning)
        columns = ([], [], [], [], [], [])  # point, topic, format, groups, horizon, seats
        formats = {name: index for index, name in enumerate(FORMATS)}
        horizons = {h: index for index, h in enumerate(HORIZONS)}
        for lat, lon, topic, fmt, offer_fmt, groups, horizon, seats in supply_rows(
            topic_ids, today
        ).iterator(chunk_size=50_000):
            fmt = fmt or offer_fmt
            if not horizon or fmt not in formats:
                continue
            if fmt in LOCATION_INDEPENDENT:
                point = 0
            elif lat is None or lon is None:
                continue  # an in-person run without a place reaches nobody for sure
            else:
                point = points.setdefault((lat, lon), len(points))
            label = groups if isinstance(groups, str) else json.dumps(sorted(groups or []))
            if label not in self.group_index:
                self.group_index[label] = len(self.group_sets)
                self.group_sets.append(frozenset(json.loads(label)))
            for column, value in zip(
                columns,
                (
                    point,
                    self.topics[topic],
                    formats[fmt],
                    self.group_index[label],
                    horizons[horizon],
                    seats,
                ),
                strict=True,
            ):
                column.append(value)
        point, topic, fmt, group, horizon, seats = (
            np.array(column, dtype=np.int64) for column in columns
        )
        self.shape = (
            max(1, len(self.topics)),
            len(FORMATS),
            max(1, len(self.group_sets)),
            len(HORIZONS),
        )
        self.keys = (
            np.ravel_multi_index((topic, fmt, group, horizon), self.shape) if len(point) else point
        )
        self.points, self.seats = point, seats
        self.coordinates = np.radians(
            np.array([key for key in points if key is not None] or [(0.0, 0.0)], dtype=float)
        )
        self.by_district = {pk: self._for_district(region) for pk, region in districts.items()}

    def _for_district(self, region) -> np.ndarray:
        reach = np.zeros(len(self.coordinates) + 1, dtype=bool)
        reach[0] = True
        if region.lat is not None and region.lon is not None and len(self.coordinates):
            lat, lon = np.radians(region.lat), np.radians(region.lon)
            a = (
                np.sin((self.coordinates[:, 0] - lat) / 2) ** 2
                + np.cos(lat)
                * np.cos(self.coordinates[:, 0])
                * np.sin((self.coordinates[:, 1] - lon) / 2) ** 2
            )
            reach[1:] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a))) <= REACH_KM
        mask = reach[self.points] if len(self.points) else np.zeros(0, dtype=bool)
        counts = np.bincount(
            self.keys[mask], weights=self.seats[mask], minlength=int(np.prod(self.shape))
        )
        return counts.reshape(self.shape)

    def seats_by_horizon(
        self, district: int, family: list[int], formats, accepted: set[str] | None
    ) -> dict[int, int]:
        """Seats up to each horizon for topics ``family``, run ``formats``, a target group."""
        table = self.by_district.get(district)
        topics = [self.topics[t] for t in family if t in self.topics]
        if table is None or not topics:
            return dict.fromkeys(HORIZONS, 0)
        format_index = [FORMATS.index(f) for f in formats if f in FORMATS]
        groups = [
            index
            for index, group_set in enumerate(self.group_sets)
            if accepted is None or not group_set or accepted & group_set
        ]
        part = (
            table[np.ix_(topics, format_index, groups)].sum(axis=(0, 1, 2))
            if groups
            else np.zeros(len(HORIZONS))
        )
        return dict(zip(HORIZONS, np.cumsum(part).astype(int).tolist(), strict=True))
