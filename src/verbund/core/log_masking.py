"""Personal links never reach a log: every token-shaped path segment is masked.

A personal link (survey, event registration, examiner availability, calendar feed) is a
random URL-safe token in the path; whoever reads it can read and change what it guards.
Access logs (gunicorn, runserver) and Django's request log ("Not Found: /…/<token>/")
would otherwise keep thousands of them. ``mask_tokens`` replaces every path segment or
query value that looks like a token with ``TOKEN_MASK``; ``TokenMaskingFilter`` applies it
to log records (configured in settings.LOGGING for Django and runserver), and
``verbund.core.gunicorn_logging.GunicornLogger`` to gunicorn's access log
(``--logger-class``).

Token-shaped: at least ``MIN_TOKEN_LENGTH`` characters of the URL-safe alphabet after a
``/`` or ``=``, with an upper-case letter or an underscore, or a digit among letters
without hyphen (random tokens), or 32+ hexadecimal digits. Readable slugs
("kooperationsvertrag-2024") and numeric ids are kept, so logs stay useful.
"""

from __future__ import annotations

import logging
import re

MIN_TOKEN_LENGTH = 20
TOKEN_MASK = "[token]"

_CANDIDATE = re.compile(rf"(?<=[/=])[A-Za-z0-9_-]{{{MIN_TOKEN_LENGTH},}}(?![A-Za-z0-9_-])")
_HEX = re.compile(r"[0-9a-fA-F]{32,}")


def looks_like_token(text: str) -> bool:
    if any(c.isupper() for c in text) or "_" in text or _HEX.fullmatch(text):
        return True
    has_digit = any(c.isdigit() for c in text)
    has_letter = any(c.isalpha() for c in text)
    return has_digit and has_letter and "-" not in text


def mask_tokens(text: str) -> str:
    """``text`` with every token-shaped path segment or query value replaced."""
    if not text or len(text) < MIN_TOKEN_LENGTH:
        return text
    return _CANDIDATE.sub(
        lambda match: TOKEN_MASK if looks_like_token(match.group()) else match.group(), text
    )


class TokenMaskingFilter(logging.Filter):
    """Rewrites each record's message with its tokens masked (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is logged as it is
            return True
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
