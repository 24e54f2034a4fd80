"""What is shared and what is local, checked when a server starts (``verbund.wsgi``).

- Media (attachments, uploads) go through Django's storage API: ``VERBUND_MEDIA_STORAGE``
  is ``local`` (``MEDIA_ROOT``, a shared directory such as NFS with several servers) or
  ``s3://bucket`` (S3-compatible object storage via django-storages).
- Static files are collected into every server's release (``verbund collectstatic``);
  a server without them would answer every page with a 500, so it refuses to start.
- The search index is local (``INDEX_DIR``, one replica per server).

``verbund.wsgi`` runs ``check_storage`` when gunicorn loads the application and refuses
to serve on an error (not a registered system check: ``migrate`` and the demo run before
``collectstatic``).
"""

import contextlib
import os
from pathlib import Path

from django.conf import settings
from django.core.checks import Error


def check_storage() -> list[Error]:
    errors = []
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend.startswith("storages."):
        try:
            import storages  # noqa: F401
        except ImportError:
            errors.append(
                Error(
                    "VERBUND_MEDIA_STORAGE names S3, but django-storages is not installed.",
                    hint="pip install 'django-storages[s3]' or set VERBUND_MEDIA_STORAGE=local.",
                    id="verbund.E101",
                )
            )
    else:
        media = Path(settings.MEDIA_ROOT)
        with contextlib.suppress(OSError):
            media.mkdir(parents=True, exist_ok=True)  # a fresh single server
        if not media.is_dir() or not os.access(media, os.W_OK):
            errors.append(
                Error(
                    f"MEDIA_ROOT {media} cannot be created or written: uploads would fail.",
                    hint="Create it (with several servers: the same shared directory on each).",
                    id="verbund.E102",
                )
            )
    static = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in static and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        errors.append(
            Error(
                f"Static files are not collected on this server ({settings.STATIC_ROOT}).",
                hint="Run `verbund collectstatic --noinput` on every server (part of the release).",
                id="verbund.E103",
            )
        )
    return errors


def refuse_misconfiguration() -> None:
    """Raise ImproperlyConfigured with every storage error (gunicorn then does not boot)."""
    from django.core.exceptions import ImproperlyConfigured

    errors = check_storage()
    if errors:
        raise ImproperlyConfigured(
            "verbund cannot start:\n" + "\n".join(f"- {e.msg} {e.hint}" for e in errors)
        )
