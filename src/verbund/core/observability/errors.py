"""Error reporting: Sentry when ``SENTRY_DSN`` is set and sentry-sdk is installed.

Without sentry-sdk the errors still reach the log (level ERROR, with the request id in
JSON logs); a log shipper can alert on them. ``pip install sentry-sdk`` enables the hook.
"""

import logging

logger = logging.getLogger(__name__)


def init_error_reporting(dsn: str, environment: str = "production") -> bool:
    """Start Sentry's Django integration; False (and a warning) without sentry-sdk."""
    try:
        import sentry_sdk
    except ImportError:
        logger.warning("SENTRY_DSN is set, but sentry-sdk is not installed; errors go to the log")
        return False
    # No personal data to a third party: no user details, no request bodies.
    sentry_sdk.init(dsn=dsn, environment=environment, send_default_pii=False)
    return True
