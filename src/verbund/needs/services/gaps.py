"""Gap analysis (domain/needs.md): urgency-weighted demand against the seats on offer.

demand(district, topic, target group, horizon)
    = sum of employees concerned by needs with urgency <= horizon, times URGENCY_WEIGHT
supply(district, topic, target group, horizon)
    = seats (free seats, else the offer's maximum, else DEFAULT_SEATS) of runs starting
      within the horizon, in person within REACH_KM of the district's centre or online,
      of offers on the topic or a subtopic, open to the target group, in a format that
      fits what the companies asked for.

Supply is computed once per report (``supply.Supply``): one pass streams the runs and
their offers' topics, numpy sums the seats each district reaches per topic, format,
target-group list and horizon.
Demand cells below the privacy threshold are withheld (``suppression.is_sensitive``); the
demand, employees and companies of every shown row are perturbed with the cell-key method
(``core.services.disclosure``), so that the report by target group and the one without
cannot be differenced back to a withheld cell.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone

from verbund.core.models import Region, Topic
from verbund.core.services import disclosure
from verbund.core.services import topics as taxonomy
from verbund.needs.models import Need, Response, Wave
from verbund.needs.services import analysis, suppression
from verbund.needs.services.matching import (
    FORMAT_FITS,
    TARGET_GROUPS,
)
from verbund.needs.services.supply import HORIZONS, REACH_KM, Supply

URGENCY_WEIGHT = {6: 1.0, 12: 0.75, 24: 0.5}  # a need due within 6 months weighs most
ALL_FORMATS = frozenset({"praesenz", "online", "hybrid", "fernlernen"})


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
    """topic -> its chain of broader topics: the taxonomy rule search and advice share."""
    return taxonomy.ancestor_chains()


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
        for source in analysis._SOURCES:
            detail = getattr(source, "gap_rows", None)
            if detail is not None:
                yield from detail(wave)


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
    family = {topic: [pk for pk in wanted_topics if topic in ancestors[pk]] for topic in demanded}
    region_map = Region.objects.in_bulk({district for district, _t, _g in cells})
    supply = Supply(wanted_topics, today, region_map)
    # 3. compare cell by cell
    labels_topic = Topic.objects.in_bulk(demanded)
    record_key = analysis.record_keys(wave)
    rows = []
    for (district, topic, group), cell in cells.items():
        key = disclosure.cell_key(record_key(company) for company in cell["companies"])
        sensitive = suppression.is_sensitive(
            suppression.Cell(
                key=(district, topic, group),
                companies=len(cell["companies"]),
                employees=sum(cell["companies"].values()),
                top_employees=max(cell["companies"].values()),
            )
        )
        formats = fitting_formats({fmt for fmt, n in cell["formats"].items() if n})
        accepted = TARGET_GROUPS.get(group, set()) if group else None
        seats_by_horizon = supply.seats_by_horizon(district, family[topic], formats, accepted)
        for horizon in horizons:
            demand = disclosure.perturb(
                round(
                    sum(
                        employees * URGENCY_WEIGHT[urgency]
                        for urgency, employees in cell["by_urgency"].items()
                        if urgency <= horizon
                    ),
                    1,
                ),
                key,
                "employees",  # equal numbers of one cell show equal: no second look
            )
            seats = seats_by_horizon[horizon]
            if demand <= seats:
                continue
            rows.append(
                GapRow(
                    district_id=district,
                    topic_id=topic,
                    target_group=group,
                    horizon=horizon,
                    demand=round(demand, 1),
                    supply=seats,
                    companies=published_companies(len(cell["companies"]), key, sensitive),
                    employees=disclosure.perturb(sum(cell["companies"].values()), key, "employees"),
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


def published_companies(count: int, key: float, hidden: bool) -> int:
    """The perturbed number of companies; a shown row never reads below the threshold the
    page names ("groups under 5 firms are hidden" above "Betriebe 3" contradicted itself)."""
    perturbed = disclosure.perturb(count, key, "units")
    return perturbed if hidden else max(perturbed, suppression.MIN_COMPANIES)


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
