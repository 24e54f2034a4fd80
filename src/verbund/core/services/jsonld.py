"""Helpers for schema.org JSON-LD: no empty values, absolute URLs on the configured site."""

from django.conf import settings

EMPTY = (None, "", [], {})


def absolute(path: str) -> str:
    """``path`` on the site's configured address (``VERBUND_SITE_URL``), also off-request."""
    return settings.SITE_URL.rstrip("/") + path


def prune(value):
    """``value`` without empty strings, ``None``, empty lists and objects, at every depth.

    An object left with nothing but its ``@type`` is dropped too (an address without a
    street, postcode or town says nothing).
    """
    if isinstance(value, dict):
        kept = {key: prune(item) for key, item in value.items()}
        kept = {key: item for key, item in kept.items() if item not in EMPTY}
        return {} if set(kept) <= {"@type"} else kept
    if isinstance(value, list):
        return [item for item in (prune(entry) for entry in value) if item not in EMPTY]
    return value


def is_local_site() -> bool:
    """True while ``VERBUND_SITE_URL`` is unset (links would point at a developer's machine)."""
    from urllib.parse import urlsplit

    return urlsplit(settings.SITE_URL).hostname in ("127.0.0.1", "localhost", None)
