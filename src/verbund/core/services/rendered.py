"""Documents rendered once per version of their data (public PDFs).

A public report PDF took ~2 s of WeasyPrint on every request, so 30 anonymous requests
slowed the whole site. ``once(kind, data, render)`` keys the bytes by a hash of the data
(the frozen snapshot of a report version), the language and the templates' source, keeps
them in the default storage (shared by all app servers, kept across restarts) and renders
only on the first request; a change of data or layout gives a new key by itself. While
one request renders, the others for the same key wait for its file instead of rendering
the same document again (a short lock in the cache).
"""

import functools
import hashlib
import json
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import get_template
from django.utils import translation

RENDER_LOCK_SECONDS = 120
WAIT_SECONDS = 15.0
POLL_SECONDS = 0.2


@functools.lru_cache(maxsize=64)
def _template_source(name: str) -> str:
    template = get_template(name)
    return getattr(getattr(template, "template", None), "source", "")


def key_for(kind: str, data, templates: Iterable[str] = ()) -> str:
    digest = hashlib.sha256()
    digest.update(kind.encode())
    digest.update((translation.get_language() or "").encode())
    digest.update(json.dumps(data, sort_keys=True, default=str).encode())
    for name in templates:
        digest.update(_template_source(name).encode())
    return digest.hexdigest()


def _path(kind: str, key: str) -> str:
    return f"rendered/{kind}/{key}.bin"


def _read(path: str) -> bytes | None:
    try:
        with default_storage.open(path, "rb") as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def once(kind: str, data, render: Callable[[], bytes], *, templates: Iterable[str] = ()) -> bytes:
    """The bytes ``render()`` gives for ``data``, rendered at most once per version."""
    path = _path(kind, key_for(kind, data, templates))
    stored = _read(path)
    if stored is not None:
        return stored
    lock = f"rendering:{path}"
    if not cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            stored = _read(path)
            if stored is not None:
                return stored
    try:
        content = render()
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(content))
        return content
    finally:
        cache.delete(lock)
