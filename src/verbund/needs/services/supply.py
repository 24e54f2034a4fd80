"""Seats on offer per district, computed once for a gap report (numpy, one DB pass).

One query streams the upcoming runs (raw cursor rows, no per-row ORM work), a second one
the offers' topics; numpy joins them and encodes each (topic, run format, target-group
list, horizon) as one integer key. For each district a boolean mask marks
the places within ``REACH_KM`` (plus "anywhere" for online runs), and one ``bincount``
over the masked rows gives the district's seats for every key at once.
"""

from __future__ import annotations

import datetime
import json

import numpy as np
from django.db import connection
from django.db.models import Q

from verbund.courses.models import Offer, Run
from verbund.needs.services.matching import LOCATION_INDEPENDENT, add_months

HORIZONS = (6, 12, 24)  # months
REACH_KM = 50.0  # in-person runs further away than this do not serve a district
DEFAULT_SEATS = 12  # a run without free seats or maximum counts as this many seats
FORMATS = ("praesenz", "online", "hybrid", "fernlernen")
EARTH_RADIUS_KM = 6371.0
LATITUDE_BAND = REACH_KM / 111.0 + 0.01  # degrees of latitude that REACH_KM can span


def _fetch(queryset, chunk: int = 50_000):
    """Rows of a values_list queryset straight from the cursor (no per-row conversion)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            yield from rows


def run_rows(today: datetime.date):
    """(offer, start, lat, lon, format, offer format, target groups, free seats, maximum)."""
    end = add_months(today, HORIZONS[-1])
    runs = Run.objects.filter(offer__status=Offer.Status.ACTIVE).filter(
        Q(start_date__gte=today, start_date__lte=end)
        | Q(flexible_start=True, start_date__isnull=True)
        | Q(flexible_start=True, start_date__lte=end, end_date__gte=today)
    )
    return _fetch(
        runs.order_by().values_list(
            "offer_id",
            "start_date",
            "lat",
            "lon",
            "format",
            "offer__format",
            "offer__target_groups",
            "seats_left",
            "offer__max_participants",
        )
    )


class Supply:
    """Seats by district as an array [topic, format, target-group list, horizon]."""

    def __init__(self, topic_ids: set[int], today: datetime.date, districts: dict):
        self.topics = {pk: index for index, pk in enumerate(sorted(topic_ids))}
        self.group_index: dict[str, int] = {}
        self.group_sets: list[frozenset] = []
        ends = [add_months(today, h).isoformat() for h in HORIZONS]
        formats = {name: index for index, name in enumerate(FORMATS)}
        points: dict[tuple, int] = {None: 0}  # 0: anywhere (online, distance learning)
        columns = ([], [], [], [], [], [])  # offer, point, format, groups, horizon, seats
        for offer, start, lat, lon, fmt, offer_fmt, groups, free, maximum in run_rows(today):
            fmt = fmt or offer_fmt
            if fmt not in formats:
                continue
            if fmt in LOCATION_INDEPENDENT:
                point = 0
            elif lat is None or lon is None:
                continue  # an in-person run without a place reaches nobody for sure
            else:
                point = points.setdefault((lat, lon), len(points))
            day = str(start) if start is not None else ""
            horizon = next((i for i, end in enumerate(ends) if day <= end), len(ends) - 1)
            label = groups if isinstance(groups, str) else json.dumps(groups or [])
            group = self.group_index.get(label)
            if group is None:
                group = self.group_index[label] = len(self.group_sets)
                self.group_sets.append(frozenset(json.loads(label) or ()))
            for column, value in zip(
                columns,
                (offer, point, formats[fmt], group, horizon, free or maximum or DEFAULT_SEATS),
                strict=True,
            ):
                column.append(value)
        offer, point, fmt, group, horizon, seats = (np.array(c, dtype=np.int64) for c in columns)
        # Every run counts once for each topic of its offer (CSR join on the offer id).
        links = np.array(
            list(
                _fetch(
                    Offer.topics.through.objects.filter(topic_id__in=topic_ids).values_list(
                        "offer_id", "topic_id"
                    )
                )
            )
            or np.zeros((0, 2)),
            dtype=np.int64,
        ).reshape(-1, 2)
        links = links[np.argsort(links[:, 0], kind="stable")]
        first = np.searchsorted(links[:, 0], offer, "left")
        counts = np.searchsorted(links[:, 0], offer, "right") - first
        run = np.repeat(np.arange(len(offer)), counts)
        position = np.repeat(first - np.cumsum(np.r_[0, counts[:-1]]), counts) + np.arange(
            counts.sum()
        )
        topic_index = (
            np.vectorize(self.topics.__getitem__, otypes=[np.int64])(links[position, 1])
            if len(run)
            else run
        )
        self.shape = (
            max(1, len(self.topics)),
            len(FORMATS),
            max(1, len(self.group_sets)),
            len(HORIZONS),
        )
        self.keys = (
            np.ravel_multi_index((topic_index, fmt[run], group[run], horizon[run]), self.shape)
            if len(run)
            else run
        )
        # Entries sorted by place, with each place's range (CSR), so that a district gathers
        # just the entries of the places it reaches.
        order = np.argsort(point[run], kind="stable")
        self.keys, self.seats = self.keys[order], seats[run][order]
        self.offsets = np.searchsorted(point[run][order], np.arange(len(points) + 1))
        places = np.array([key for key in points if key is not None], dtype=float).reshape(-1, 2)
        self.by_latitude = np.argsort(places[:, 0], kind="stable")
        self.latitudes = places[self.by_latitude, 0]
        self.places = np.radians(places)
        self.by_district = {pk: self._for_district(region) for pk, region in districts.items()}

    def reachable(self, region) -> np.ndarray:
        """Indexes of the places within REACH_KM of the region's centre, and 0 (anywhere)."""
        if region.lat is None or region.lon is None:
            return np.zeros(1, dtype=np.int64)
        band = self.by_latitude[
            np.searchsorted(self.latitudes, region.lat - LATITUDE_BAND, "left") : np.searchsorted(
                self.latitudes, region.lat + LATITUDE_BAND, "right"
            )
        ]
        lat, lon = np.radians(region.lat), np.radians(region.lon)
        a = (
            np.sin((self.places[band, 0] - lat) / 2) ** 2
            + np.cos(lat)
            * np.cos(self.places[band, 0])
            * np.sin((self.places[band, 1] - lon) / 2) ** 2
        )
        near = band[2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a))) <= REACH_KM]
        return np.concatenate(([0], near + 1))

    def _for_district(self, region) -> np.ndarray:
        reach = self.reachable(region)
        first, last = self.offsets[reach], self.offsets[reach + 1]
        counts = last - first
        index = np.repeat(first - np.cumsum(np.r_[0, counts[:-1]]), counts) + np.arange(
            counts.sum()
        )
        totals = np.bincount(
            self.keys[index], weights=self.seats[index], minlength=int(np.prod(self.shape))
        )
        return totals.reshape(self.shape)

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
