"""Gap analysis (domain/needs.md): urgency-weighted demand against the seats on offer.

demand(district, topic, target group, horizon)
    = sum of employees concerned by needs with urgency <= horizon, times URGENCY_WEIGHT
supply(district, topic, target group, horizon)
    = seats (free seats, else the offer's maximum, else DEFAULT_SEATS) of runs starting
      within the horizon, in person within REACH_KM of the district's centre or online,
      of offers on the topic or a subtopic, open to the target group, in a format that
      fits what the companies asked for.

Supply is computed once per report: the database sums seats per (place, topic, format,
target-group list, horizon); numpy then finds which places each district reaches.
Demand cells below the privacy threshold are withheld (``suppression.is_sensitive``).
"""

from __future__ import annotations

import datetime
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from verbund.core.models import Region, Topic
from verbund.courses.models import Offer, Run
from verbund.needs.models import Need, Response, Wave
from verbund.needs.services import suppression
from verbund.needs.services.matching import (
    FORMAT_FITS,
    LOCATION_INDEPENDENT,
    TARGET_GROUPS,
    add_months,
)

HORIZONS = (6, 12, 24)  # months
URGENCY_WEIGHT = {6: 1.0, 12: 0.75, 24: 0.5}  # a need due within 6 months weighs most
REACH_KM = 50.0  # in-person runs further away than this do not serve a district
DEFAULT_SEATS = 12  # a run without free seats or maximum counts as this many seats
ALL_FORMATS = frozenset({"praesenz", "online", "hybrid", "fernlernen"})
ANYWHERE = "anywhere"


@dataclass
class GapRow:
    district_id: int
    topic_id: int
    target_group: str
    horizon: int
    demand: float
    supply: int
    companies: int
    employees: int
    hidden: bool = False
    wishes: dict = field(default_factory=dict)
    district: str = ""
    topic: str = ""

    @property
    def gap(self) -> float:
        return round(self.demand - self.supply, 1)

    @property
    def coverage(self) -> int | None:
        return round(100 * self.supply / self.demand) if self.demand else None


def fitting_formats(wanted: set[str]) -> frozenset:
    """Run formats that serve at least one of the wanted formats (none wanted: all)."""
    wanted = {fmt for fmt in wanted if fmt in FORMAT_FITS}
    if not wanted:
        return ALL_FORMATS
    found = set()
    for fmt in wanted:
        fitting, partly = FORMAT_FITS[fmt]
        found |= fitting | (partly if fmt == "blended" else {"hybrid"})
    return frozenset(found)


def _ancestors() -> dict[int, tuple[int, ...]]:
    parents = dict(Topic.objects.values_list("pk", "parent_id"))
    result = {}
    for pk in parents:
        chain, current = [pk], parents[pk]
        while current:
            chain.append(current)
            current = parents.get(current)
        result[pk] = tuple(chain)
    return result


# Demand ---------------------------------------------------------------------------------


def demand_rows(wave: Wave):
    """(company, district, topic, target group, urgency, format, time of day, employees, budget)."""
    needs = Need.objects.filter(response__wave=wave, response__status=Response.Status.SUBMITTED)
    rows = needs.values(
        "response__company_key",
        "response__district",
        "topic",
        "target_group",
        "urgency",
        "format",
        "time_of_day",
    ).annotate(
        employees=Sum("employees"),
        budget=Sum("budget_per_person"),
        budgets=Count("budget_per_person"),
    )
    for row in rows.order_by().iterator(chunk_size=5000):
        yield (
            row["response__company_key"],
            row["response__district"],
            row["topic"],
            row["target_group"],
            row["urgency"],
            row["format"],
            row["time_of_day"],
            row["employees"],
            float(row["budget"] or 0),
            row["budgets"],
        )
    if wave.include_cases:
        from verbund.needs.services.analysis import _SOURCES

        for source in _SOURCES:
            detail = getattr(source, "gap_rows", None)
            if detail is not None:
                yield from detail(wave)


# Supply ---------------------------------------------------------------------------------


def supply_table(topic_ids: set[int], today: datetime.date, horizon_max: int = max(HORIZONS)):
    """Seats by (place, topic, run format, target-group list, horizon) in one DB pass."""
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
        Q(start_date__gte=today, start_date__lte=ends[horizon_max])
        | Q(flexible_start=True, start_date__isnull=True)
        | Q(flexible_start=True, start_date__lte=ends[horizon_max], end_date__gte=today)
    )
    rows = (
        runs.values(
            "lat", "lon", "offer__topics", "format", "offer__format", "offer__target_groups"
        )
        .annotate(
            horizon=bucket,
            seats=Sum(Coalesce("seats_left", "offer__max_participants", Value(DEFAULT_SEATS))),
        )
        .order_by()
    )
    return rows


def _district_reach(
    districts: dict[int, Region], points: list[tuple[float, float]]
) -> dict[int, list[int]]:
    """For each district, the indexes of the points within REACH_KM (numpy, all pairs)."""
    if not points or not districts:
        return {pk: [] for pk in districts}
    lat = np.radians(np.array([p[0] for p in points]))
    lon = np.radians(np.array([p[1] for p in points]))
    reach = {}
    for pk, region in districts.items():
        if region.lat is None or region.lon is None:
            reach[pk] = []
            continue
        d_lat, d_lon = np.radians(region.lat), np.radians(region.lon)
        a = (
            np.sin((lat - d_lat) / 2) ** 2
            + np.cos(d_lat) * np.cos(lat) * np.sin((lon - d_lon) / 2) ** 2
        )
        distance = 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(1.0, a)))
        reach[pk] = np.nonzero(distance <= REACH_KM)[0].tolist()
    return reach


# The report -----------------------------------------------------------------------------


def gap_report(
    wave: Wave,
    *,
    today: datetime.date | None = None,
    by_target_group: bool = True,
    districts: set[int] | None = None,
    horizons: tuple[int, ...] = HORIZONS,
) -> list[GapRow]:
    """Every (district, topic, target group, horizon) where demand exceeds supply, largest first."""
    today = today or timezone.localdate()
    # 1. demand, per cell and per company (for the privacy rules)
    cells: dict[tuple, dict] = {}
    for (
        company,
        district,
        topic,
        group,
        urgency,
        fmt,
        time_of_day,
        employees,
        budget,
        budgets,
    ) in demand_rows(wave):
        if district is None or (districts is not None and district not in districts):
            continue
        group = group if by_target_group else ""
        cell = cells.setdefault(
            (district, topic, group),
            {
                "by_urgency": Counter(),
                "companies": Counter(),
                "formats": Counter(),
                "times": Counter(),
                "budget": [0.0, 0],
            },
        )
        cell["by_urgency"][urgency] += employees
        cell["companies"][company] += employees
        cell["formats"][fmt or ""] += employees
        cell["times"][time_of_day or ""] += employees
        cell["budget"][0] += budget
        cell["budget"][1] += budgets
    if not cells:
        return []
    # 2. supply, one pass over the runs of the demanded topics (and their subtopics)
    ancestors = _ancestors()
    demanded = {topic for _d, topic, _g in cells}
    wanted_topics = {pk for pk, chain in ancestors.items() if demanded & set(chain)}
    point_index: dict[tuple, int] = {}
    local: dict[tuple, int] = defaultdict(int)  # (point, topic, format, groups, horizon) -> seats
    for row in supply_table(wanted_topics, today).iterator(chunk_size=20000):
        if not row["horizon"]:
            continue
        fmt = row["format"] or row["offer__format"]
        groups = json.dumps(sorted(row["offer__target_groups"] or []))
        if fmt in LOCATION_INDEPENDENT or row["lat"] is None:
            if fmt not in LOCATION_INDEPENDENT:
                continue  # an in-person run without a place reaches nobody for sure
            point = ANYWHERE
        else:
            point = point_index.setdefault((row["lat"], row["lon"]), len(point_index))
        for topic in ancestors.get(row["offer__topics"], (row["offer__topics"],)):
            if topic in demanded:
                local[(point, topic, fmt, groups, row["horizon"])] += row["seats"]
    region_map = Region.objects.in_bulk({district for district, _t, _g in cells})
    reach = _district_reach(region_map, list(point_index))
    by_point: dict[tuple, list] = defaultdict(
        list
    )  # (topic, point) -> [(fmt, groups, horizon, seats)]
    for (point, topic, fmt, groups, horizon), seats in local.items():
        by_point[(topic, point)].append((fmt, json.loads(groups), horizon, seats))
    # 3. compare cell by cell
    labels_topic = Topic.objects.in_bulk(demanded)
    rows = []
    for (district, topic, group), cell in cells.items():
        sensitive = suppression.is_sensitive(
            suppression.Cell(
                key=(district, topic, group),
                companies=len(cell["companies"]),
                employees=sum(cell["companies"].values()),
                top_employees=max(cell["companies"].values()),
            )
        )
        formats = fitting_formats({fmt for fmt, n in cell["formats"].items() if n})
        accepted = TARGET_GROUPS.get(group, set())
        seats_by_horizon = Counter()
        for point in [ANYWHERE, *reach.get(district, [])]:
            for fmt, groups, horizon, seats in by_point.get((topic, point), ()):
                if fmt in formats and (not groups or not group or accepted & set(groups)):
                    seats_by_horizon[horizon] += seats
        for horizon in horizons:
            demand = sum(
                employees * URGENCY_WEIGHT[urgency]
                for urgency, employees in cell["by_urgency"].items()
                if urgency <= horizon
            )
            supply = sum(seats for h, seats in seats_by_horizon.items() if h <= horizon)
            if demand <= supply:
                continue
            rows.append(
                GapRow(
                    district_id=district,
                    topic_id=topic,
                    target_group=group,
                    horizon=horizon,
                    demand=round(demand, 1),
                    supply=supply,
                    companies=len(cell["companies"]),
                    employees=sum(cell["companies"].values()),
                    hidden=sensitive,
                    wishes=_wishes(cell),
                    district=region_map[district].name if district in region_map else "",
                    topic=labels_topic[topic].label if topic in labels_topic else "",
                )
            )
    rows.sort(key=lambda row: (row.hidden, -row.gap, row.horizon, row.district, row.topic))
    return rows


def _wishes(cell: dict) -> dict:
    """What the companies asked for, as shares of the employees concerned."""
    total = sum(cell["companies"].values()) or 1

    def shares(counter):
        return {key: round(100 * value / total) for key, value in counter.most_common() if key}

    amount, count = cell["budget"]
    return {
        "formats": shares(cell["formats"]),
        "times": shares(cell["times"]),
        "budget": round(amount / count) if count else None,
    }


def published(rows: list[GapRow]) -> tuple[list[GapRow], int]:
    """The rows a report may show, and how many were withheld for privacy."""
    shown = [row for row in rows if not row.hidden]
    return shown, len(rows) - len(shown)


def provider_districts(organization, wave: Wave) -> set[int]:
    """Districts of the wave's network within REACH_KM of a provider (its region if no place)."""
    from verbund.core.services.geo import haversine_km

    regions = list(wave.network.regions.exclude(lat=None))
    lat, lon = organization.lat, organization.lon
    if (lat is None or lon is None) and organization.region_id:
        lat, lon = organization.region.lat, organization.region.lon
    if lat is None or lon is None:
        return {organization.region_id} if organization.region_id else set()
    return {r.pk for r in regions if haversine_km(lat, lon, r.lat, r.lon) <= REACH_KM}
