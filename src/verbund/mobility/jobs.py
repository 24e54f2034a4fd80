"""Background work of mobility: matching runs are core solver runs, registered by
importing the matching service (found at start-up like every app's jobs.py)."""

from verbund.mobility.services import matching  # noqa: F401
