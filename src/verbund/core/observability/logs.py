"""JSON log lines with the request, user and job they belong to.

``bind(request_id=..., user_id=..., job_id=...)`` sets context for the current thread or
task (``contextvars``: gunicorn's threads and the worker's tasks do not mix); every log
record emitted meanwhile carries it. Selected by ``VERBUND_LOG_FORMAT=json`` (settings).
"""

import contextvars
import datetime
import json
import logging
from contextlib import contextmanager

FIELDS = ("request_id", "user_id", "job_id")
_context: contextvars.ContextVar[dict | None] = contextvars.ContextVar("log_context", default=None)


@contextmanager
def bind(**values):
    """Add ``values`` (request_id, user_id, job_id) to every log record inside the block."""
    token = _context.set({**(_context.get() or {}), **values})
    try:
        yield
    finally:
        _context.reset(token)


def add(**values) -> None:
    """Add to the context of the innermost ``bind`` block (it resets it at its end)."""
    _context.set({**(_context.get() or {}), **values})


def current() -> dict:
    return dict(_context.get() or {})


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, context."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in current().items() if k in FIELDS and v is not None})
        request = getattr(record, "request", None)  # django.request logs after the middleware
        if request is not None and getattr(request, "request_id", None):
            entry.setdefault("request_id", request.request_id)
            user = getattr(request, "user", None)
            if getattr(user, "is_authenticated", False):
                entry.setdefault("user_id", user.pk)
        for name in FIELDS:  # explicit extra=... wins over the bound context
            if getattr(record, name, None) is not None:
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
