"""Statistical disclosure control for every published survey table (pure Python, no Django).

One place for the privacy rules of aggregated survey answers (needs analysis, business
climate survey, ...). A *unit* is what must stay anonymous (a responding company); a
*cell* is one published aggregate over some units.

1. **Threshold rule**: a cell of fewer than ``MIN_UNITS`` units is not published.
2. **Dominance rule**: nor is a cell where one unit holds more than ``DOMINANCE_SHARE``
   of the cell's value.
3. **Cell-key method** (as the Australian Bureau of Statistics' TableBuilder and Destatis
   for the 2022 census): every unit carries a fixed random *record key* in [0, 1), stored
   with its answer. A cell's key is the fractional part of the sum of its units' record
   keys, so the same set of units always gives the same cell key, whatever table, filter
   or order it is asked in. Every published number is the true value plus a small noise
   looked up from the cell key in ``PERTURBATION`` (zero mean, at most ``MAX_DEVIATION``,
   a true 0 stays 0, a positive value stays positive). The same cell therefore always
   shows the same value (asking again gives nothing new), while the difference of two
   overlapping tables carries the noise of both and no longer gives a small hidden cell
   back exactly.

Published sums of cells need not equal the published total; pages say so ("Werte sind
zum Schutz leicht verändert"). Parameters are documented for users in docs/needs.md.

Public functions: ``new_record_key``, ``derived_record_key``, ``cell_key``,
``perturb``, ``is_sensitive`` and ``protect_cells`` (the generic entry point for tables
that do not need the needs analysis' complementary suppression).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import zlib
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

MIN_UNITS = 5  # never publish a cell of fewer responding companies
DOMINANCE_SHARE = 0.85  # nor one where a single company holds more than 85 % of the value

# Noise and its probability (zero mean, variance 1.7). A noise of 0 is kept rare on
# purpose: most published values differ from the true ones, so a difference of tables
# that happens to come out right cannot be told from the many that do not.
PERTURBATION: tuple[tuple[int, float], ...] = (
    (-2, 0.15),
    (-1, 0.25),
    (0, 0.20),
    (1, 0.25),
    (2, 0.15),
)
MAX_DEVIATION = max(abs(noise) for noise, _p in PERTURBATION)
KEY_RESOLUTION = 2**32  # record keys are summed as integers of this resolution (exact)


def new_record_key() -> float:
    """A fresh record key: uniform in [0, 1), from the system's secure random source."""
    return secrets.randbelow(KEY_RESOLUTION) / KEY_RESOLUTION


def derived_record_key(identity: str, secret: str) -> float:
    """A fixed record key for a unit that has none stored (keyed hash, not guessable)."""
    digest = hmac.new(secret.encode(), identity.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big") / KEY_RESOLUTION


def key_units(record_key: float) -> int:
    """A record key as an integer, so that sums of keys are exact in any order."""
    return int(record_key * KEY_RESOLUTION) % KEY_RESOLUTION


def cell_key(record_keys: Iterable[float]) -> float:
    """Fractional part of the sum of the record keys of a cell's units."""
    return (sum(key_units(key) for key in record_keys) % KEY_RESOLUTION) / KEY_RESOLUTION


def cell_key_from_units(total_units: int) -> float:
    """``cell_key`` from an already summed ``key_units`` total (for vectorised roll-ups)."""
    return (int(total_units) % KEY_RESOLUTION) / KEY_RESOLUTION


def _row_of(quantity: str, value) -> float:
    """A fixed offset per quantity and true value, added to the cell key.

    Depending on the value, not only on the cell, matters: two different numbers of one
    cell (its demand within 6 and within 12 months) must not carry the same noise, or
    their difference would be exact. The same number always gets the same offset.
    """
    return zlib.crc32(f"{quantity}:{float(value):.1f}".encode()) / 2**32


def _noise(position: float, deviation: int) -> int:
    """Look ``position`` in [0, 1) up in the perturbation table cut to ``±deviation``."""
    if deviation <= 0:
        return 0
    allowed = [(noise, p) for noise, p in PERTURBATION if abs(noise) <= deviation]
    total = sum(p for _n, p in allowed)
    running = 0.0
    for noise, p in allowed:
        running += p / total
        if position < running:
            return noise
    return allowed[-1][0]


def perturb(value, key: float, quantity: str = "value"):
    """The published value of a true ``value`` in the cell with cell key ``key``.

    Deterministic: the same (value, cell key, quantity) always gives the same result.
    Quantities that can hold the same number (employees concerned and the demand
    weighted by urgency, which equal when every need is urgent) share one name, so that
    they show the same figure instead of two independent looks at it.
    Values up to ``MAX_DEVIATION`` get a narrower noise so that they stay positive and
    the noise stays zero-mean; 0 stays 0. Floats (weighted sums) keep one decimal.
    """
    if not value:
        return value
    deviation = min(MAX_DEVIATION, max(0, math.ceil(abs(value)) - 1))
    noise = _noise((key + _row_of(quantity, value)) % 1.0, deviation)
    if isinstance(value, int):
        return value + noise
    return round(value + noise, 1)


def is_sensitive(
    units: int,
    total: float,
    largest: float,
    min_units: int = MIN_UNITS,
    dominance: float = DOMINANCE_SHARE,
) -> bool:
    """Threshold or dominance rule: ``largest`` is the biggest single unit's part of ``total``."""
    if units < min_units:
        return True
    return total > 0 and largest > dominance * total


@dataclass(frozen=True)
class CellInput:
    """One cell to publish: its units' record keys and the true values per quantity.

    ``dominant`` names the quantity the dominance rule looks at and ``largest`` is the
    biggest single unit's contribution to it.
    """

    key: Hashable
    record_keys: tuple[float, ...]
    values: Mapping[str, int | float]
    dominant: str = ""
    largest: float = 0


@dataclass(frozen=True)
class Published:
    key: Hashable
    hidden: bool
    units: int | None
    values: dict = field(default_factory=dict)  # quantity -> published value (None if hidden)


def protect_cells(
    cells: Iterable[CellInput],
    min_units: int = MIN_UNITS,
    dominance: float = DOMINANCE_SHARE,
) -> dict[Hashable, Published]:
    """Apply threshold, dominance and cell-key perturbation to independent cells.

    Returns ``{key: Published}``; hidden cells carry no numbers. The unit count is
    perturbed like every other quantity (quantity name ``"units"``).
    """
    result = {}
    for cell in cells:
        units = len(cell.record_keys)
        total = cell.values.get(cell.dominant, 0) if cell.dominant else 0
        if is_sensitive(units, total, cell.largest, min_units, dominance):
            result[cell.key] = Published(cell.key, True, None, dict.fromkeys(cell.values))
            continue
        key = cell_key(cell.record_keys)
        result[cell.key] = Published(
            cell.key,
            False,
            perturb(units, key, "units"),
            {name: perturb(value, key, name) for name, value in cell.values.items()},
        )
    return result
