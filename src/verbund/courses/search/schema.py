"""The tantivy schema: one document per offer carrying the facets of its upcoming runs.

Text is analysed in Python (see analyzer.py) and indexed as space-separated terms with the
whitespace tokenizer; only term frequencies are kept (no positions: we run no phrase
queries, and it keeps the index small). What a result page shows is read from one stored
``payload`` field (compact JSON).

Filters and facets use raw string fields with fast columns: filters are term-set queries,
facet counts are tantivy terms aggregations over the columns, so counting never iterates
documents in Python. Dates are day ordinals (``date.toordinal()``) in u64 fields.

Place: each run is indexed as its grid cell (``geo_cell``, about 11 x 10 km), the coarse
cell of 10 x 10 cells around it, and its exact point prefixed by the cell (``geo_point`` =
``cell|lat,lon``). A radius query takes the cells lying wholly inside the circle as cell
terms (coarse ones where they fit) and, for the cells crossing the circle's edge, lists
their points from the term dictionary and keeps those within the radius by haversine:
exact, without per-document work. Location-independent offers
(online, distance learning) carry the cell term ``anywhere`` and so match every place.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import tantivy

from .analyzer import analyze_text

TEXT_FIELDS = ("title", "keywords", "body", "title_sub", "body_sub")
# Filter/facet dimensions -> key in the offer dict (None: derived from the runs or price).
FACET_FIELDS = {
    "topic": "topic_ids",
    "region": None,
    "format": None,
    "instruction": None,
    "time_of_day": None,
    "funding": "funding",
    "target_group": "target_groups",
    "language": "language",
    "provider": "provider_id",
    "certificate": "certificate",
    "month": None,  # "YYYY-MM" of each upcoming run's start
    "price": None,  # band of the lowest price, see PRICE_BANDS
}
# (key, upper limit in EUR, inclusive), the price bands of WISY.
PRICE_BANDS = (
    ("free", 0),
    ("to_100", 100),
    ("to_500", 500),
    ("to_1000", 1000),
    ("to_2000", 2000),
    ("to_5000", 5000),
    ("over_5000", math.inf),
)
LOCATION_INDEPENDENT_FORMATS = frozenset({"online", "fernlernen"})
# Instruction codes 201-206 are digital, 401-403 distance learning (openQ-cat).
LOCATION_INDEPENDENT_CODES = frozenset(range(201, 207)) | frozenset(range(401, 404))
ANYWHERE = "anywhere"
NO_DATE = 9_999_999  # sorts after every real day ordinal

CELL_LAT_DEG = 0.1
CELL_LON_DEG = 0.15
EARTH_RADIUS_KM = 6371.0088
SAMPLE_BUCKETS = 64
COARSE_CELLS = 10  # a coarse cell is 10 x 10 fine cells (1 x 1.5 degrees)
# Slack on "crosses the edge" tests: a clamped nearest point is not the geodesic one.
FINE_SLACK_KM, COARSE_SLACK_KM = 1.0, 15.0


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("version", stored=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    # All filter/facet values in one field as "dimension=value" terms: one column to count
    # (one pass instead of one per dimension) and one term dictionary to walk.
    builder.add_text_field("facet", tokenizer_name="raw", fast=True, index_option="basic")
    # A fixed pseudo-random bucket per offer, to count facets of huge results on a sample.
    # A fast column, so that the sample is a lazy range check, not another posting walk.
    builder.add_unsigned_field("sample", fast=True)
    builder.add_float_field("price", indexed=True, fast=True)
    builder.add_unsigned_field("next_start", indexed=True, fast=True)
    builder.add_unsigned_field("run_start", indexed=True, fast=True)
    builder.add_text_field("geo_cell", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("geo_point", tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("payload", stored=True)
    return builder.build()


def sample_bucket(offer_id: int) -> int:
    # Fibonacci hashing spreads consecutive ids evenly over the buckets.
    return (offer_id * 11400714819323198485 >> 58) % SAMPLE_BUCKETS


def facet_term(dimension: str, value: object) -> str:
    return f"{dimension}={value}"


def price_band(price: float) -> str:
    return next(key for key, limit in PRICE_BANDS if price <= limit)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def cell_of(lat: float, lon: float) -> str:
    return f"{math.floor(lat / CELL_LAT_DEG)}:{math.floor(lon / CELL_LON_DEG)}"


def point_term(lat: float, lon: float) -> str:
    return f"{cell_of(lat, lon)}|{lat:.4f},{lon:.4f}"


def parse_point_term(term: str) -> tuple[float, float]:
    lat, lon = term.split("|", 1)[1].split(",")
    return float(lat), float(lon)


def coarse_cell_of(lat: float, lon: float) -> str:
    row, col = math.floor(lat / CELL_LAT_DEG), math.floor(lon / CELL_LON_DEG)
    return f"C{row // COARSE_CELLS}:{col // COARSE_CELLS}"


def fine_cells(cell: str) -> list[str]:
    """The fine cells of a cell id (itself, or the COARSE_CELLS**2 cells of a coarse one)."""
    if not cell.startswith("C"):
        return [cell]
    row, col = (int(n) * COARSE_CELLS for n in cell[1:].split(":"))
    span = range(COARSE_CELLS)
    return [f"{row + r}:{col + c}" for r in span for c in span]


def _distance_range(lat: float, lon: float, row: int, col: int, size: int = 1):
    """Smallest and largest distance from a point to a block of size x size fine cells.

    The farthest point of a block is a corner; the nearest is approximated by clamping the
    point into the block, which is close for fine cells (callers allow slack for coarse).
    """
    south, west = row * CELL_LAT_DEG, col * CELL_LON_DEG
    north, east = south + size * CELL_LAT_DEG, west + size * CELL_LON_DEG
    nearest = haversine_km(lat, lon, min(max(lat, south), north), min(max(lon, west), east))
    farthest = max(haversine_km(lat, lon, a, b) for a in (south, north) for b in (west, east))
    return nearest, farthest


def cell_nearest_km(lat: float, lon: float, cell: str) -> float:
    row, col = cell.split(":")
    return _distance_range(lat, lon, int(row), int(col))[0]


@lru_cache(maxsize=4096)
def cover_circle(lat: float, lon: float, radius_km: float) -> tuple[tuple[str, ...], ...]:
    """(cells wholly inside, fine cells crossing the edge) of a circle, as cell ids.

    Coarse cells cover the interior of big circles with few terms; only coarse cells near
    the edge are split into fine ones. Cached: the same towns and radii come back.
    """
    dlat = radius_km / 111.0 + COARSE_CELLS * CELL_LAT_DEG
    dlon = radius_km / (111.0 * max(0.1, math.cos(math.radians(lat))))
    dlon += COARSE_CELLS * CELL_LON_DEG
    coarse_lat, coarse_lon = COARSE_CELLS * CELL_LAT_DEG, COARSE_CELLS * CELL_LON_DEG
    inside, edge = [], []
    for crow in range(
        math.floor((lat - dlat) / coarse_lat), math.floor((lat + dlat) / coarse_lat) + 1
    ):
        for ccol in range(
            math.floor((lon - dlon) / coarse_lon), math.floor((lon + dlon) / coarse_lon) + 1
        ):
            row, col = crow * COARSE_CELLS, ccol * COARSE_CELLS
            nearest, farthest = _distance_range(lat, lon, row, col, COARSE_CELLS)
            if farthest <= radius_km:
                inside.append(f"C{crow}:{ccol}")
            elif nearest <= radius_km + COARSE_SLACK_KM:
                for fine in fine_cells(f"C{crow}:{ccol}"):
                    r, c = (int(n) for n in fine.split(":"))
                    nearest, farthest = _distance_range(lat, lon, r, c)
                    if farthest <= radius_km:
                        inside.append(fine)
                    elif nearest <= radius_km + FINE_SLACK_KM:
                        edge.append(fine)
    return tuple(inside), tuple(edge)


@dataclass(frozen=True, slots=True)
class Run:
    """The parts of a run the index needs."""

    start: date | None
    format: str | None
    instruction_code: int | None
    time_of_day: str | None
    region_id: str | None
    lat: float | None
    lon: float | None
    price: float | None

    @property
    def location_independent(self) -> bool:
        return (
            self.format in LOCATION_INDEPENDENT_FORMATS
            or self.instruction_code in LOCATION_INDEPENDENT_CODES
        )


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str | int):
        return [str(value)]
    return [str(v) for v in value]


def _runs(offer: Mapping[str, Any], today: date) -> list[Run]:
    """Runs starting today or later, and runs without a date (flexible start)."""
    runs = []
    for raw in offer.get("runs") or ():
        start = _as_date(raw.get("start_date"))
        if start is not None and start < today:
            continue
        code = raw.get("instruction_code")
        price = raw.get("price_eur", offer.get("price_eur"))
        runs.append(
            Run(
                start=start,
                format=raw.get("format") or offer.get("format"),
                instruction_code=int(code) if code not in (None, "") else None,
                time_of_day=raw.get("time_of_day"),
                region_id=None if raw.get("region_id") is None else str(raw["region_id"]),
                lat=raw.get("lat"),
                lon=raw.get("lon"),
                price=None if price is None else float(price),
            )
        )
    return runs


def offer_to_document(offer: Mapping[str, Any], today: date) -> tantivy.Document:
    """Build the index document of one offer (dict shape: see ``__init__`` docstring)."""
    doc = tantivy.Document()
    doc.add_unsigned("id", int(offer["id"]))
    doc.add_unsigned("version", int(offer.get("version") or 0))
    doc.add_unsigned("sample", sample_bucket(int(offer["id"])))

    title_full, title_sub = analyze_text(offer.get("title") or "")
    keyword_text = " ".join([*(offer.get("keywords") or ()), *(offer.get("topics") or ())])
    keyword_full, keyword_sub = analyze_text(keyword_text)
    body_full, body_sub = analyze_text(offer.get("description") or "")
    doc.add_text("title", " ".join(title_full))
    doc.add_text("keywords", " ".join(keyword_full))
    doc.add_text("body", " ".join(body_full))
    doc.add_text("title_sub", " ".join(title_sub))
    doc.add_text("body_sub", " ".join(keyword_sub + body_sub))

    runs = _runs(offer, today)
    prices = [run.price for run in runs if run.price is not None]
    if not prices and offer.get("price_eur") is not None:
        prices = [float(offer["price_eur"])]
    price = min(prices) if prices else None
    if price is not None:
        doc.add_float("price", price)

    values: dict[str, set[str]] = {name: set() for name in FACET_FIELDS}
    for name, key in FACET_FIELDS.items():
        if key is not None:
            values[name].update(_as_list(offer.get(key)))
    for run in runs:
        for name, value in (
            ("region", run.region_id),
            ("format", run.format),
            ("instruction", run.instruction_code),
            ("time_of_day", run.time_of_day),
            ("month", run.start and f"{run.start:%Y-%m}"),
        ):
            if value is not None:
                values[name].add(str(value))
    if price is not None:
        values["price"].add(price_band(price))
    for name, field_values in values.items():
        for value in sorted(field_values):
            doc.add_text("facet", facet_term(name, value))

    starts = sorted({run.start.toordinal() for run in runs if run.start is not None})
    for start in starts:
        doc.add_unsigned("run_start", start)
    next_start = next((s for s in starts if s >= today.toordinal()), NO_DATE)
    doc.add_unsigned("next_start", next_start)

    points = sorted({(r.lat, r.lon) for r in runs if r.lat is not None and r.lon is not None})
    for lat, lon in points:
        doc.add_text("geo_cell", cell_of(lat, lon))
        doc.add_text("geo_cell", coarse_cell_of(lat, lon))
        doc.add_text("geo_point", point_term(lat, lon))
    if any(run.location_independent for run in runs):
        doc.add_text("geo_cell", ANYWHERE)

    payload = {
        "t": offer.get("title") or "",
        "d": offer.get("description") or "",
        "g": [[round(lat, 4), round(lon, 4)] for lat, lon in points],
        "s": None if next_start == NO_DATE else next_start,
        "p": price,
    }
    doc.add_bytes("payload", json.dumps(payload, ensure_ascii=False).encode())
    return doc
