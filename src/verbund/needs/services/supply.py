"""Seats on offer per district, computed once for a gap report (numpy, one DB pass).

One query streams the upcoming runs with everything the report needs already encoded as
numbers by the database (run format, horizon, seats; no dates, no per-row Python work
beyond the cursor), a second one the offers' topics; numpy joins them and encodes each
(topic, run format, target-group list, horizon) as one integer key. Location-independent
runs (online, distance learning) are summed once for all districts; for each district the
places within ``REACH_KM`` are found (latitude band, then haversine) and one ``bincount``
over their entries gives the district's seats for every key at once.

Reading the runs is most of the cost at national scale (docs/needs.md, "Benchmark"); a
summary kept from the course change log would have to keep each run's place and start day
to stay exact, so it would save the join with the offers but not the rows.
"""

from __future__ import annotations

import datetime
import json
import math

import numpy as np
from django.db import connection
from django.db.models import Case, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce, NullIf

from verbund.courses.models import Offer, Run
from verbund.needs.services.matching import LOCATION_INDEPENDENT, add_months

HORIZONS = (6, 12, 24)  # months
REACH_KM = 50.0  # in-person runs further away than this do not serve a district
DEFAULT_SEATS = 12  # a run without free seats or maximum counts as this many seats
FORMATS = ("praesenz", "online", "hybrid", "fernlernen")
EARTH_RADIUS_KM = 6371.0
LATITUDE_BAND = REACH_KM / 111.0 + 0.01  # degrees of latitude that REACH_KM can span
CHUNK = 100_000
SQLITE_MMAP_BYTES = 8 << 30  # upper bound of the map; SQLite maps at most the file size


def _fetch(queryset, chunk: int = CHUNK):
    """Chunks of rows of a values_list queryset straight from the cursor (no conversion).

    On SQLite the scan reads the database through a memory map for the duration of the
    query: with the default small page cache every page of the (wide) offers table is
    copied in by a system call, which tripled the CPU time of the join at 1M offers.
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        previous = None
        if connection.vendor == "sqlite":
            row = cursor.execute("PRAGMA mmap_size").fetchone()  # none for in-memory
            if row is not None:
                previous = row[0]
                cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(chunk):
                yield rows
        finally:
            if previous is not None:
                cursor.execute(f"PRAGMA mmap_size={int(previous)}")


def run_rows(today: datetime.date):
    """Chunks of (offer, code, lat, lon, target groups); code = seats*64 + horizon*8 + format+1.

    The database computes the codes: format index into ``FORMATS`` (the run's format, else
    the offer's; -1 if unknown), the first horizon the start falls into (a flexible run
    without a start date counts from now), and the seats (free seats, else the maximum,
    else ``DEFAULT_SEATS``; zero counts as missing, as before).
    """
    ends = [add_months(today, h) for h in HORIZONS]
    runs = Run.objects.filter(offer__status=Offer.Status.ACTIVE).filter(
        Q(start_date__gte=today, start_date__lte=ends[-1])
        | Q(flexible_start=True, start_date__isnull=True)
        | Q(flexible_start=True, start_date__lte=ends[-1], end_date__gte=today)
    )
    integer = IntegerField()
    fmt = Case(
        *(
            When(Q(format=name) | Q(format="", offer__format=name), then=Value(index))
            for index, name in enumerate(FORMATS)
        ),
        default=Value(-1),
        output_field=integer,
    )
    horizon = Case(
        When(start_date__isnull=True, then=Value(0)),
        *(When(start_date__lte=end, then=Value(index)) for index, end in enumerate(ends)),
        default=Value(len(ends) - 1),
        output_field=integer,
    )
    seats = Coalesce(
        NullIf("seats_left", Value(0)),
        NullIf("offer__max_participants", Value(0)),
        Value(DEFAULT_SEATS),
        output_field=integer,
    )
    # Format, horizon and seats packed into one number: fewer values to hand over.
    code = seats * Value(64) + horizon * Value(8) + fmt + Value(1)
    return _fetch(
        runs.order_by()
        .annotate(n_code=code, n_groups=Cast("offer__target_groups", TextField()))
        .values_list("offer_id", "n_code", "lat", "lon", "n_groups")
    )


def _columns(today: datetime.date, group_code) -> tuple[np.ndarray, ...]:
    """The runs as arrays: offer, horizon, lat, lon, format index, group code, seats."""
    parts = []
    for rows in run_rows(today):
        offer, code, lat, lon, groups = zip(*rows, strict=True)
        parts.append(
            (
                np.array(offer, dtype=np.int64),
                np.array(code, dtype=np.int64),
                np.array(lat, dtype=float),  # None -> nan
                np.array(lon, dtype=float),
                np.array([group_code(label) for label in groups], dtype=np.int64),
            )
        )
    if not parts:
        parts = [tuple(np.zeros(0, dtype=dtype) for dtype in (int, int, float, float, int))]
    offer, code, lat, lon, group = (np.concatenate(c) for c in zip(*parts, strict=True))
    return offer, code // 8 % 8, lat, lon, code % 8 - 1, group, code // 64


class Supply:
    """Seats by district as an array [topic, format, target-group list, horizon]."""

    def __init__(self, topic_ids: set[int], today: datetime.date, districts: dict):
        self.topics = {pk: index for index, pk in enumerate(sorted(topic_ids))}
        self.group_index: dict[str, int] = {}
        self.group_sets: list[frozenset] = []
        self._open_cache: dict[tuple, np.ndarray] = {}
        offer, horizon, lat, lon, fmt, group, seats = _columns(today, self._group_code)
        independent = np.isin(fmt, [FORMATS.index(name) for name in LOCATION_INDEPENDENT])
        # Known formats only; an in-person run without a place reaches nobody for sure.
        keep = (fmt >= 0) & (independent | (~np.isnan(lat) & ~np.isnan(lon)))
        offer, horizon, lat, lon, fmt, group, seats, independent = (
            column[keep] for column in (offer, horizon, lat, lon, fmt, group, seats, independent)
        )
        # Runs in the order of their place: anywhere (online, distance learning) first, then
        # the located ones by latitude, so that every place is one contiguous range.
        order = np.argsort(np.where(independent, -np.inf, lat), kind="stable")
        offer, horizon, lat, lon, fmt, group, seats = (
            column[order] for column in (offer, horizon, lat, lon, fmt, group, seats)
        )
        anywhere_runs = int(independent.sum())
        # Every run counts once for each topic of its offer (CSR join on the offer id).
        links = np.array(
            [
                pair
                for rows in _fetch(
                    Offer.topics.through.objects.filter(topic_id__in=topic_ids).values_list(
                        "offer_id", "topic_id"
                    )
                )
                for pair in rows
            ]
            or np.zeros((0, 2)),
            dtype=np.int64,
        ).reshape(-1, 2)
        links = links[np.argsort(links[:, 0], kind="stable")]
        per_offer = np.bincount(links[:, 0], minlength=int(offer.max(initial=0)) + 1)
        starts = np.concatenate(([0], np.cumsum(per_offer)))
        first, counts = starts[offer], per_offer[offer]
        run = np.repeat(np.arange(len(offer)), counts)
        position = np.repeat(first - np.cumsum(np.r_[0, counts[:-1]]), counts) + np.arange(
            counts.sum()
        )
        lookup = np.full(
            max(int(links[:, 1].max(initial=0)), *self.topics, 0) + 1, -1, dtype=np.int64
        )
        lookup[list(self.topics)] = list(self.topics.values())
        topic_index = lookup[links[position, 1]]
        self.shape = (
            max(1, len(self.topics)),
            len(FORMATS),
            max(1, len(self.group_sets)),
            len(HORIZONS),
        )
        size = int(np.prod(self.shape))
        keys = (
            np.ravel_multi_index((topic_index, fmt[run], group[run], horizon[run]), self.shape)
            if len(run)
            else run
        )
        entry_seats = seats[run]
        split = int(np.searchsorted(run, anywhere_runs))  # entries come in run order
        # Seats anywhere, once for all districts.
        self.anywhere = np.bincount(
            keys[:split], weights=entry_seats[:split], minlength=size
        ).reshape(self.shape)
        # Located entries by place (run), with each place's range (CSR), so that a district
        # gathers just the entries of the places it reaches.
        self.keys, self.seats = keys[split:], entry_seats[split:]
        self.latitudes, self.longitudes = lat[anywhere_runs:], lon[anywhere_runs:]
        self.offsets = np.searchsorted(
            run[split:] - anywhere_runs, np.arange(len(self.latitudes) + 1)
        )
        self.places = np.radians(np.column_stack((self.latitudes, self.longitudes)))
        self.by_district = {pk: self._for_district(region) for pk, region in districts.items()}

    def _group_code(self, label) -> int:
        """Index of a target-group list (its JSON text) in ``group_sets``."""
        code = self.group_index.get(label)
        if code is None:
            groups = json.loads(label) if isinstance(label, str) else label
            code = self.group_index[label] = len(self.group_sets)
            self.group_sets.append(frozenset(groups or ()))
        return code

    def reachable(self, region) -> np.ndarray:
        """Indexes of the places within REACH_KM of the region's centre."""
        if region.lat is None or region.lon is None:
            return np.zeros(0, dtype=np.int64)
        first = np.searchsorted(self.latitudes, region.lat - LATITUDE_BAND, "left")
        last = np.searchsorted(self.latitudes, region.lat + LATITUDE_BAND, "right")
        band = np.arange(first, last)
        # A generous longitude window first (haversine decides; skipped near poles/date line).
        widest = math.cos(math.radians(min(89.0, abs(region.lat) + LATITUDE_BAND)))
        window = 1.5 * LATITUDE_BAND / widest + 0.01
        if abs(region.lon) + window < 180:
            band = band[np.abs(self.longitudes[first:last] - region.lon) <= window]
        lat, lon = np.radians(region.lat), np.radians(region.lon)
        a = (
            np.sin((self.places[band, 0] - lat) / 2) ** 2
            + np.cos(lat)
            * np.cos(self.places[band, 0])
            * np.sin((self.places[band, 1] - lon) / 2) ** 2
        )
        return band[2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, a))) <= REACH_KM]

    def _for_district(self, region) -> np.ndarray:
        reach = self.reachable(region)
        first, last = self.offsets[reach], self.offsets[reach + 1]
        counts = last - first
        index = np.repeat(first - np.cumsum(np.r_[0, counts[:-1]]), counts) + np.arange(
            counts.sum()
        )
        totals = np.bincount(
            self.keys[index], weights=self.seats[index], minlength=self.anywhere.size
        )
        return totals.reshape(self.shape) + self.anywhere

    def seats_by_horizon(
        self, district: int, family: list[int], formats, accepted: set[str] | None
    ) -> dict[int, int]:
        """Seats up to each horizon for topics ``family``, run ``formats``, a target group."""
        table = self.by_district.get(district)
        topics = [self.topics[t] for t in family if t in self.topics]
        if table is None or not topics:
            return dict.fromkeys(HORIZONS, 0)
        format_index = [FORMATS.index(f) for f in formats if f in FORMATS]
        part = self._open_to(district, table, accepted)[topics][:, format_index].sum(axis=(0, 1))
        return dict(zip(HORIZONS, np.cumsum(part).astype(int).tolist(), strict=True))

    def _open_to(self, district: int, table: np.ndarray, accepted) -> np.ndarray:
        """The district's seats [topic, format, horizon] open to ``accepted`` (None: all)."""
        key = (district, None if accepted is None else frozenset(accepted))
        found = self._open_cache.get(key)
        if found is None:
            groups = [
                index
                for index, group_set in enumerate(self.group_sets)
                if accepted is None or not group_set or accepted & group_set
            ]
            found = self._open_cache[key] = table[:, :, groups, :].sum(axis=2)
        return found
