"""Creating an exam sitting with start and end time (was a 500: the audit log could not
store a time)."""

import datetime

from django.urls import reverse

from verbund.core.models import AuditEntry
from verbund.exams.models import Sitting


def test_a_sitting_with_start_and_end_is_created(client, pool_a, planner):
    client.force_login(planner)
    period = pool_a.period
    response = client.post(
        reverse("exams:sitting_create", args=[period.pk]),
        {
            "code": "NEU-1",
            "board": pool_a.board.pk,
            "occupation": pool_a.occupation.pk,
            "date": period.start.strftime("%d.%m.%Y"),
            "start_time": "08:30",
            "end_time": "15:45",
            "place": "Braunschweig",
            "lat": "52,2647",
            "lon": "10.5267",
            "seats_employer": "1",
            "seats_employee": "1",
            "seats_teacher": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    sitting = Sitting.objects.get(code="NEU-1")
    assert (sitting.start_time, sitting.end_time) == (datetime.time(8, 30), datetime.time(15, 45))
    assert AuditEntry.objects.filter(object_id=str(sitting.pk)).exists()
    # Coordinates typed the German way are read by the one parse_decimal (not 522647).
    assert (sitting.lat, sitting.lon) == (52.2647, 10.5267)
