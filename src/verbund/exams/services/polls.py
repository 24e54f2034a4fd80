"""The availability poll: one personal token link per examiner and period."""

import secrets

from django.db import transaction
from django.utils import timezone

from verbund.core.services import audit
from verbund.exams.models import Availability, Examiner


def open_poll(period, user) -> int:
    """Create a token for every active examiner of the pool; returns how many are new."""
    examiners = Examiner.objects.filter(network=period.network_id, active=True)
    existing = set(Availability.objects.filter(period=period).values_list("examiner_id", flat=True))
    new = [
        Availability(period=period, examiner=examiner, token=secrets.token_urlsafe(24))
        for examiner in examiners
        if examiner.pk not in existing
    ]
    with transaction.atomic():
        Availability.objects.bulk_create(new)
        audit.record(period, "exams.poll.opened", user=user, data={"new": len(new)})
    return len(new)


def save_answer(availability, dates, user=None) -> None:
    """Store the examiner's available days (only days of the period count)."""
    allowed = {day.isoformat() for day in availability.period.dates()}
    chosen = sorted({day.isoformat() for day in dates} & allowed)
    old = availability.dates
    availability.dates = chosen
    availability.answered_at = timezone.now()
    availability.save(update_fields=["dates", "answered_at"])
    audit.record(
        availability,
        "exams.availability.answered",
        user=user,
        changes={"dates": (old, chosen)} if old != chosen else {},
    )


def answer_counts(period) -> tuple[int, int]:
    rows = Availability.objects.filter(period=period)
    return rows.filter(answered_at__isnull=False).count(), rows.count()
