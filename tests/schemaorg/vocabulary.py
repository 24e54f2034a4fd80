"""Check JSON-LD against the shipped schema.org subset (types, properties, enumerations)."""

import json
from pathlib import Path

VOCABULARY = json.loads((Path(__file__).parent / "vocabulary_subset.json").read_text())
TYPES = VOCABULARY["types"]
PROPERTIES = VOCABULARY["properties"]
MEMBERS = {m for members in VOCABULARY["enumerations"].values() for m in members}
EMPTY = (None, "", [], {})


def lineage(type_name: str) -> set[str]:
    found, todo = set(), [type_name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo += TYPES.get(current, {}).get("subTypeOf", [])
    return found


def problems(value, where="$") -> list[str]:
    """Unknown types, properties outside their type's domain, empty values, bad enum URLs."""
    found = []
    if isinstance(value, list):
        for index, item in enumerate(value):
            found += problems(item, f"{where}[{index}]")
        return found
    if not isinstance(value, dict):
        if value in EMPTY:
            found.append(f"{where}: empty")
        member = isinstance(value, str) and value.startswith("https://schema.org/")
        if member and value.rsplit("/", 1)[-1] not in MEMBERS:
            found.append(f"{where}: unknown member {value}")
        return found
    kind = value.get("@type")
    if kind is not None and kind not in TYPES:
        found.append(f"{where}: unknown type {kind}")
    types = lineage(kind) if kind else set()
    for key, item in value.items():
        if key.startswith("@"):
            if key == "@graph":
                found += problems(item, f"{where}.@graph")
            continue
        if item in EMPTY:
            found.append(f"{where}.{key}: empty")
            continue
        domain = set(PROPERTIES.get(key, {}).get("domainIncludes", []))
        if key not in PROPERTIES:
            found.append(f"{where}.{key}: unknown property")
        elif types and not domain & types:
            found.append(f"{where}.{key}: not a property of {kind}")
        found += problems(item, f"{where}.{key}")
    return found
