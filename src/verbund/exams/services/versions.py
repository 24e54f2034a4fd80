"""Two planners, one plan: the second conflicting edit is refused (optimistic locking).

Every page that edits the plan sends the period's ``version`` it was rendered with. An
edit locks the period row, compares, and counts the version up; an edit sent with an
older version was made on a plan that has changed since and is refused with a message
that says so, instead of silently overwriting the other planner's work. Solver runs and
declines count the version up too (``planning.mark_changed``).
"""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.exams.models import ExamPeriod


class StaleVersion(Exception):
    """The plan changed after the page was loaded; ``errors`` holds the German message."""

    def __init__(self):
        self.errors = [
            _(
                "Der Plan wurde inzwischen geändert (von einer anderen Person oder einem "
                "Planungslauf). Ihre Änderung wurde nicht gespeichert. Bitte laden Sie die "
                "Seite neu und prüfen Sie den aktuellen Stand."
            )
        ]
        super().__init__(self.errors[0])


def parse(value) -> int | None:
    """The version a form sent; None when the form had none (API, scripts)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def claim(period, expected: int | None) -> None:
    """Inside a transaction: lock the period, refuse a stale edit, count the version up."""
    current = (
        ExamPeriod.objects.select_for_update()
        .filter(pk=period.pk)
        .values_list("version", flat=True)
    ).first()
    if expected is not None and current != expected:
        raise StaleVersion()
    ExamPeriod.objects.filter(pk=period.pk).update(
        version=F("version") + 1, plan_changed_at=timezone.now()
    )
    period.version = (current or 0) + 1
