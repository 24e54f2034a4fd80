"""Background work of Verbundausbildung: rotation runs are core solver runs, registered
by importing the rotation service (found at start-up like every app's jobs.py)."""

from verbund.apprenticeship.services import rotation  # noqa: F401
