"""Test settings: the real settings, with a throwaway var/ and fast password hashing."""

import os
import tempfile

os.environ.setdefault("VERBUND_VAR_DIR", tempfile.mkdtemp(prefix="verbund-test-"))
os.environ.setdefault("VERBUND_PLAIN_STATIC", "1")
os.environ.setdefault("VERBUND_HTTPS", "0")
os.environ.setdefault("VERBUND_TEMPLATE_STRING_IF_INVALID", "INVALID_TEMPLATE_VARIABLE(%s)")

from verbund.settings import *  # noqa: E402,F403

# Tasks run at once in the test process (tests assert on their results).
TASKS = TASKS_IMMEDIATE  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = os.environ.get("VERBUND_TEST_AXES", "0") == "1"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns about a missing root

# SQLite tests use a database file, not the in-memory default: the concurrency tests run
# threads with their own connections, which an in-memory database cannot share safely
# (shared-cache tables fail with "table is locked" instead of waiting their turn).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
# Rate limits of anonymous views count in the process-wide cache across tests; the tests
# of the limits switch them on (tests/security/test_rate_limits.py).
RATE_LIMITS_ENABLED = os.environ.get("VERBUND_TEST_RATE_LIMITS", "0") == "1"
