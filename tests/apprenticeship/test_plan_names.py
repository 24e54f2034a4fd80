"""Issue 25: rotation plan names showed the time in UTC."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from verbund.apprenticeship.models import RotationRun


def test_plan_name_shows_berlin_time():
    run = SimpleNamespace(
        network="Verbund",
        occupation="Mechatroniker/in",
        cohort=2026,
        created_at=datetime.datetime(2026, 7, 1, 22, 30, tzinfo=ZoneInfo("UTC")),
    )
    assert RotationRun.__str__(run) == "Verbund – Mechatroniker/in 2026 (02.07.2026 00:30)"
