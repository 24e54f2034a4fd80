"""Settings of the course database, with defaults (``verbund.settings``, env ``VERBUND_*``).

- ``COURSES_GRACE_DAYS`` (env ``VERBUND_COURSES_GRACE_DAYS``, default 30): days an offer
  without a future run stays in the search after its last run started.
- ``COURSES_INDEX_ON_COMMIT`` (default True): apply index changes when a change commits.
- the index lives in ``settings.INDEX_DIR / "courses"``.
"""

from pathlib import Path

from django.conf import settings


def grace_days() -> int:
    return int(settings.COURSES_GRACE_DAYS)


def index_on_commit() -> bool:
    return bool(getattr(settings, "COURSES_INDEX_ON_COMMIT", True))


def index_path() -> Path:
    return Path(settings.INDEX_DIR) / "courses"
