"""What every calendar file of verbund shares (RFC 5545, icalendar): UIDs on the site's host,
one-line texts, STATUS, SEQUENCE, GEO and ORGANIZER.

A UID must be globally unique and stable, so it names the site's host
(``VERBUND_SITE_URL``). A title with a line break is folded into one line: a SUMMARY is a
single line in every calendar app, and a stray carriage return must never reach the file.
"""

import re
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, vCalAddress, vText

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def uid(kind: str, *parts) -> str:
    return f"{kind}-{'-'.join(str(part) for part in parts)}@{site_host()}"


def one_line(text) -> str:
    """A title as one clean line: line breaks, tabs and control characters become spaces."""
    return " ".join(_CONTROL_RE.sub(" ", str(text or "")).split())


def text(value) -> str:
    """A longer text (description): line breaks kept, other control characters removed."""
    return _CONTROL_RE.sub("", str(value or "").replace("\r\n", "\n").replace("\r", "\n"))


def calendar(product: str, name: str, method: str | None = None) -> Calendar:
    result = Calendar()
    result.add("prodid", f"-//verbund//{product}//DE")
    result.add("version", "2.0")
    if method:
        result.add("method", method)
    result.add("x-wr-calname", one_line(name))
    return result


def organizer(name: str, email: str = "") -> vCalAddress:
    address = email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or f"noreply@{site_host()}"
    result = vCalAddress(f"mailto:{address}")
    result.params["cn"] = vText(one_line(name))
    return result


def add_state(entry, *, cancelled: bool = False, sequence: int = 0, lat=None, lon=None) -> None:
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry.add("sequence", sequence)
    if lat is not None and lon is not None:
        entry.add("geo", (lat, lon))
