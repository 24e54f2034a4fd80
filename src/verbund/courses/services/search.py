"""The public course search: query parameters in, offers with facets out.

The UI and the API share this: ``parse_params`` turns request parameters into the
engine's ``SearchRequest`` (and readable errors), ``search`` runs it on this process's
index replica and loads the hit offers from the database (the source of truth).
"""

import dataclasses
import datetime
import re
import time
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from verbund.core.models import Organization, Region, Topic
from verbund.core.services.geo import (
    major_town,
    postcode_coordinates,
    postcode_label,
    town_coordinates,
)
from verbund.core.services.params import parse_int, parse_number
from verbund.courses.models import (
    Certificate,
    Format,
    Funding,
    Offer,
    Run,
    TargetGroup,
    TimeOfDay,
)
from verbund.courses.search import Place, SearchRequest
from verbund.courses.services import indexing, synonyms

# Multi-valued filters: parameter name -> engine facet dimension.
LIST_FILTERS = {
    "topic": "topic",
    "region": "region",
    "format": "format",
    "time_of_day": "time_of_day",
    "funding": "funding",
    "target_group": "target_group",
    "language": "language",
    "provider": "provider",
    "certificate": "certificate",
}
SORTS = ("relevance", "start", "price", "distance")
RADII = (5, 10, 25, 50, 100, 200)
DEFAULT_RADIUS = 25
PAGE_SIZE = 20
MAX_PAGE = 500
COORDINATES_RE = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
POSTCODE_RE = re.compile(r"^\s*(\d{5})\s*$")
# "30159 Hannover": a postcode with its town, as the place field shows it after a search.
POSTCODE_TOWN_RE = re.compile(r"^\s*(\d{5})\s+\D.*$")


@dataclass
class ParsedSearch:
    request: SearchRequest
    errors: dict[str, str] = field(default_factory=dict)
    place_label: str = ""
    # A town recognised in the free text ("Buchhaltung Hannover") and used as the place.
    place_from_text: str = ""
    # Query words that matched nothing and were left out (see ``search``).
    dropped_words: list[str] = field(default_factory=list)

    @property
    def place_display(self) -> str:
        """The place as the page shows it: "30159 Hannover" for the postcode 30159."""
        return display_place(self.place_label)

    @property
    def town_display(self) -> str:
        """The place taken from the free text, as its chip shows it."""
        return display_place(self.place_from_text)


def display_place(text: str) -> str:
    match = POSTCODE_RE.match(text or "")
    return postcode_label(match.group(1)) if match else (text or "")


def split_town(text: str) -> tuple[str, str]:
    """("Buchhaltung", "Hannover") for "Buchhaltung Hannover": a town of >= 15,000
    inhabitants or a postcode among several words, else ("text", "")."""
    words = text.split()
    if len(words) < 2:
        return text, ""
    # Two-word names first ("Bad Pyrmont"), then single words, from the end of the text.
    for size in (2, 1):
        for start in range(len(words) - size, -1, -1):
            candidate = " ".join(words[start : start + size]).strip(",;")
            rest = " ".join(words[:start] + words[start + size :])
            if not rest.strip():
                continue
            if POSTCODE_RE.match(candidate) and postcode_coordinates(candidate):
                return rest, candidate
            town = major_town(candidate)
            if town:
                return rest, town
    return text, ""


def resolve_place(text: str) -> tuple[float, float] | None:
    """Coordinates of ``lat,lon``, a German postcode (from known addresses) or a town."""
    match = COORDINATES_RE.match(text)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None
    match = POSTCODE_RE.match(text) or POSTCODE_TOWN_RE.match(text)
    if match:
        found = postcode_coordinates(match.group(1))
        if found:
            return found
        # A postcode newer than the table: use a run or organization with that postcode.
        for model in (Run, Organization):
            row = (
                model.objects.filter(postcode=match.group(1), lat__isnull=False)
                .values_list("lat", "lon")
                .first()
            )
            if row:
                return row
        return None
    return town_coordinates(text.strip()) if text.strip() else None


def _date(value: str, name: str, errors: dict) -> datetime.date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    errors[name] = _("Bitte ein Datum wie 2026-03-01 oder 01.03.2026 angeben.")
    return None


def parse_params(params: dict[str, list[str]]) -> ParsedSearch:
    """``params``: parameter name -> list of values (a QueryDict's ``lists()``)."""

    def one(name: str) -> str:
        values = [v for v in params.get(name, []) if v not in (None, "")]
        return str(values[0]).strip() if values else ""

    errors: dict[str, str] = {}
    filters = {
        dimension: [str(v) for v in params.get(name, []) if v not in (None, "")]
        for name, dimension in LIST_FILTERS.items()
    }
    filters = {k: v for k, v in filters.items() if v}
    place, place_label = None, one("place")
    text, place_from_text = one("q")[:200], ""
    if not place_label and not one("no_town"):
        text, place_from_text = split_town(text)
        place_label = place_from_text
    if place_label:
        radius = parse_number(one("radius") or DEFAULT_RADIUS)
        if radius is None:
            radius = DEFAULT_RADIUS
            errors["radius"] = _("Bitte einen Umkreis in km angeben.")
        radius = min(max(radius, 1.0), 1000.0)
        coordinates = resolve_place(place_label)
        if coordinates is None:
            errors["place"] = _(
                "Ort „%(place)s“ nicht gefunden. Bitte Ortsname, PLZ oder Koordinaten angeben."
            ) % {"place": place_label}
        else:
            place = Place(coordinates[0], coordinates[1], radius)
    max_price = None
    if one("max_price"):
        max_price = parse_number(one("max_price"), minimum=0)
        if max_price is None:
            errors["max_price"] = _("Bitte einen Höchstpreis in Euro angeben.")
    sort = one("sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = _("Unbekannte Sortierung.")
        sort = "relevance"
    if sort == "distance" and place is None:
        sort = "relevance"
    page = min(parse_int(one("page"), 1, minimum=1), MAX_PAGE)
    request = SearchRequest(
        text=text,
        filters=filters,
        place=place,
        start_from=_date(one("start_from"), "start_from", errors),
        start_to=_date(one("start_to"), "start_to", errors),
        max_price=max_price,
        sort=sort,
        page=page,
        page_size=PAGE_SIZE,
    )
    return ParsedSearch(request, errors, place_label, place_from_text)


@dataclass
class ResultItem:
    offer: Offer
    title_html: str
    description_html: str
    next_start: datetime.date | None
    price: float | None
    distance_km: float | None
    dormant: bool


def search(request: SearchRequest, today: datetime.date | None = None, dropped=None):
    """(engine result, [ResultItem]) for one page; offers come from the database.

    When several words find nothing together, the words that find nothing on their own
    are left out and the rest is searched; ``dropped`` (a list) receives them.
    """
    today = today or timezone.localdate()
    request = dataclasses.replace(request, today=today)
    index = indexing.get_index()
    table = synonyms.current_table()
    result = index.search(request, table)
    if not result.total and dropped is not None:
        kept, left_out = _words_that_find(index, table, request)
        if left_out and kept:
            request = dataclasses.replace(request, text=" ".join(kept))
            result = index.search(request, table)
            dropped.extend(left_out)
    ids = [hit.id for hit in result.hits]
    # The index holds searchable offers only; the status check catches a change that
    # committed a moment ago and is not applied yet.
    # By primary key only, status checked here: with ``status`` in the WHERE clause SQLite
    # chose the (status, provider) index and scanned every active offer (25 ms at 120k).
    offers = Offer.objects.filter(pk__in=ids).select_related("provider").order_by() if ids else []
    offers = {offer.pk: offer for offer in offers if offer.status == Offer.Status.ACTIVE}
    with_runs = set(
        Run.objects.filter(offer_id__in=ids).upcoming(today).values_list("offer_id", flat=True)
    )
    items = [
        ResultItem(
            offer=offers[hit.id],
            title_html=hit.title_html,
            description_html=hit.description_html,
            next_start=hit.next_start,
            price=hit.price,
            distance_km=hit.distance_km,
            dormant=hit.id not in with_runs,
        )
        for hit in result.hits
        if hit.id in offers
    ]
    # A hit whose offer was deleted or archived a moment ago (this replica has not applied
    # it yet) is left out; the count says so too, so the page never shows "1 Angebot
    # gefunden" above "Keine Angebote gefunden".
    gone = len(result.hits) - len(items)
    if gone:
        result = dataclasses.replace(result, total=max(len(items), result.total - gone))
    return result, items


def _words_that_find(index, table, request: SearchRequest) -> tuple[list[str], list[str]]:
    """The query's words split into those that find offers alone (with the filters) and
    those that find none."""
    words = request.text.split()
    if len(words) < 2:
        return words, []
    kept, left_out = [], []
    for word in words:
        probe = dataclasses.replace(request, text=word, page=1, page_size=1, facets=False)
        (kept if index.search(probe, table).total else left_out).append(word)
    return kept, left_out


# Names of topics, regions and providers for facet labels, kept per process: a broad
# result has ~2,000 provider values, and the IN query for them cost ~8 ms per request.
# Saving or deleting one of these models clears the cache (apps.py); other processes
# see a rename after at most LABEL_TTL seconds.
LABEL_TTL = 60.0
LABEL_SOURCES = {
    "topic": (Topic, "code", "label_de"),
    # Topic names in the reader's language (the catalogue has en and fr labels).
    "topic_en": (Topic, "code", "label_en"),
    "topic_fr": (Topic, "code", "label_fr"),
    "region": (Region, "pk", "name"),
    "provider": (Organization, "pk", "name"),
}
_label_cache: dict[str, tuple[float, dict[str, str]]] = {}


def cached_names(dimension: str, keys) -> dict[str, str]:
    """key -> name for the known ones of ``keys`` (str), from the per-process cache."""
    now = time.monotonic()
    stamp, names = _label_cache.get(dimension, (now, {}))
    if now - stamp > LABEL_TTL:
        stamp, names = now, {}
    _label_cache[dimension] = (stamp, names)
    missing = [key for key in keys if key not in names]
    if missing:
        model, key_field, name_field = LABEL_SOURCES[dimension]
        rows = model.objects.filter(**{f"{key_field}__in": missing}).order_by()
        names.update((str(k), name) for k, name in rows.values_list(key_field, name_field))
    return names


def topic_label_source() -> str:
    """The ``LABEL_SOURCES`` entry of topic names in the active language."""
    source = f"topic_{(get_language() or 'de')[:2]}"
    return source if source in LABEL_SOURCES else "topic"


def clear_label_cache(**kwargs) -> None:
    _label_cache.clear()


def facet_labels(facets: dict[str, dict[str, int]]) -> dict[str, list[tuple[str, str, int]]]:
    """dimension -> [(value, label, count)] sorted by count, with readable labels."""
    lookups = {
        "format": dict(Format.choices),
        "time_of_day": dict(TimeOfDay.choices),
        "funding": dict(Funding.choices),
        "target_group": dict(TargetGroup.choices),
        "certificate": dict(Certificate.choices),
        "language": LANGUAGE_NAMES,
    }
    if facets.get("topic"):
        lookups["topic"] = cached_names(topic_label_source(), facets["topic"])
    for dimension in ("region", "provider"):
        keys = [k for k in facets.get(dimension, {}) if k.isdigit()]
        if keys:
            lookups[dimension] = cached_names(dimension, keys)
    labelled = {}
    for dimension, counts in facets.items():
        names = lookups.get(dimension, {})
        labelled[dimension] = sorted(
            ((value, str(names.get(value, value)), count) for value, count in counts.items()),
            key=lambda item: (-item[2], item[1]),
        )
    return labelled


LANGUAGE_NAMES = {
    "de": gettext_lazy("Deutsch"),
    "en": gettext_lazy("Englisch"),
    "fr": gettext_lazy("Französisch"),
    "tr": gettext_lazy("Türkisch"),
    "ar": gettext_lazy("Arabisch"),
    "pl": gettext_lazy("Polnisch"),
    "ru": gettext_lazy("Russisch"),
    "uk": gettext_lazy("Ukrainisch"),
}
