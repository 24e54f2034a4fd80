"""Joint examiner trainings: a checked-in examiner's attendance goes onto their record.

The exams pool already lists the trainings an examiner attended (``Training.attendees``);
the event only adds the examiner there, matched by the registrant's account or e-mail.
Resetting the check-in or marking a no-show takes back what the check-in added, and only
that: an attendance entered on the examiner's page stays.
"""

from django.db.models import Q

from verbund.core.services import audit


def examiner_for(registration):
    from verbund.exams.models import Examiner

    condition = Q(person__email__iexact=registration.email)
    if registration.user_id:
        condition |= Q(person__user_id=registration.user_id)
    return Examiner.objects.filter(condition).order_by("pk").first()


def _record(training, action: str, examiner, registration, user) -> None:
    audit.record(
        training, action, user=user, data={"examiner": examiner.pk, "event": registration.event_id}
    )


def record_attendance(registration, user=None) -> bool:
    """Add the examiner to the training's attendees; False when no examiner matches."""
    training = registration.event.exam_training
    examiner = examiner_for(registration)
    if training is None or examiner is None:
        return False
    if not training.attendees.filter(pk=examiner.pk).exists():
        training.attendees.add(examiner)
        _record(training, "exams.training.attended", examiner, registration, user)
    return True


def remove_attendance(registration, user=None) -> bool:
    """Take the examiner off the training's attendees if this event's check-in put them
    there; True when removed."""
    training = registration.event.exam_training
    examiner = examiner_for(registration)
    if training is None or examiner is None:
        return False
    if not training.attendees.filter(pk=examiner.pk).exists():
        return False
    # The training's own audit trail says whether the event added them (the examiner's
    # page audits on the examiner, so a hand-entered attendance has no entry here).
    last = (
        audit.entries_for(training)
        .filter(
            action__in=("exams.training.attended", "exams.training.attendance_removed"),
            data__examiner=examiner.pk,
            data__event=registration.event_id,
        )
        .order_by("-pk")
        .first()
    )
    if last is None or last.action != "exams.training.attended":
        return False
    training.attendees.remove(examiner)
    _record(training, "exams.training.attendance_removed", examiner, registration, user)
    return True
