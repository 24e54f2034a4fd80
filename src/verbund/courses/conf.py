"""Settings of the course database, with defaults (override in settings or the environment).

- ``COURSES_GRACE_DAYS`` (env ``VERBUND_COURSES_GRACE_DAYS``, default 30): days an offer
  without a future run stays in the search after its last run started.
- ``COURSES_INDEX_ON_COMMIT`` (default True): apply index changes when a change commits.
- the index lives in ``settings.INDEX_DIR / "courses"``.
"""

import os
from pathlib import Path

from django.conf import settings


def grace_days() -> int:
    default = int(os.environ.get("VERBUND_COURSES_GRACE_DAYS", "30"))
    return int(getattr(settings, "COURSES_GRACE_DAYS", default))


def index_on_commit() -> bool:
    return bool(getattr(settings, "COURSES_INDEX_ON_COMMIT", True))


def index_path() -> Path:
    return Path(settings.INDEX_DIR) / "courses"
