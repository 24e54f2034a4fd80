"""Events with limited seats and a waiting list (events.py), B2B matchmaking (b2b.py)."""

from verbund.events.models.b2b import (
    MatchmakingSetup,
    MeetingRequest,
    Profile,
    Representative,
    ScheduleRun,
)
from verbund.events.models.events import Event, Registration

__all__ = [
    "Event",
    "MatchmakingSetup",
    "MeetingRequest",
    "Profile",
    "Registration",
    "Representative",
    "ScheduleRun",
]
