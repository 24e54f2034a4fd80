"""An event's personal registration link ends with the event (issue 24, part 5)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from verbund.events.models import Registration


def test_link_of_an_ended_event_says_so_and_shows_nothing(client, event):
    client.post(
        event.get_absolute_url(),
        {"name": "Anna Beispiel", "email": "anna@example.org", "organization_name": "", "seats": 1},
    )
    registration = Registration.objects.get()
    manage = reverse("events:registration_manage", args=[registration.token])
    assert "Anna Beispiel" in client.get(manage).content.decode()
    event.start = timezone.now() - datetime.timedelta(days=2)
    event.end = event.start + datetime.timedelta(hours=3)
    event.save()
    page = client.get(manage)
    assert page.status_code == 410 and "abgelaufen" in page.content.decode()
    assert "Anna Beispiel" not in page.content.decode()
    action = reverse("events:registration_action", args=[registration.token])
    assert client.post(action, {"action": "cancel"}).status_code == 410
    registration.refresh_from_db()
    assert registration.status != "cancelled"
