"""Background work of events: B2B scheduling runs are core solver runs, registered by
importing the agenda service (found at start-up like every app's jobs.py)."""

from verbund.events.services import agenda  # noqa: F401
