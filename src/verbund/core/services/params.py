"""Parsing numbers from query strings, form posts and import cells: one strict helper.

``str.isdigit`` is true for "²" and "٣" and ``int()`` accepts some of those (and "1_000"),
so ids are parsed here and nowhere else: ASCII digits only, within the range the
database can store (SQLite raises OverflowError past 2**63 - 1, PostgreSQL's integer
columns end at 2**31 - 1). A value that does not parse gives the caller's default,
so odd input leads to "not found" or "no filter", never to a 500.
"""

import math
import re

MAX_ID = 2**63 - 1  # BigAutoField
MAX_INT = 2**31 - 1  # IntegerField on PostgreSQL
_INTEGER = re.compile(r"[+-]?[0-9]{1,19}")
_NUMBER = re.compile(r"[+-]?[0-9]{1,15}([.,][0-9]{1,10})?")


def parse_int(value, default=None, *, minimum=None, maximum=MAX_ID):
    """``value`` as an int when it is ASCII digits within [minimum, maximum], else ``default``."""
    text = str(value).strip() if value is not None else ""
    if not _INTEGER.fullmatch(text):
        return default
    number = int(text)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return default
    return number


def parse_id(value, default=None):
    """A primary key from outside: 1 .. 2**63 - 1, else ``default``."""
    return parse_int(value, default, minimum=1, maximum=MAX_ID)


def parse_ids(values) -> list[int]:
    """The valid ids of ``values`` (invalid ones are dropped)."""
    return [number for number in (parse_id(value) for value in values) if number is not None]


def parse_number(value, default=None, *, minimum=None, maximum=None):
    """A finite decimal number ("12,5" or "12.5"), else ``default`` (no "nan", no "1e999")."""
    text = str(value).strip() if value is not None else ""
    if not _NUMBER.fullmatch(text):
        return default
    number = float(text.replace(",", "."))
    if not math.isfinite(number):
        return default
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return default
    return number
