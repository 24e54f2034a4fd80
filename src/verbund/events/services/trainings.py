"""Joint examiner trainings: a checked-in examiner's attendance goes onto their record.

The exams pool already lists the trainings an examiner attended (``Training.attendees``);
the event only adds the examiner there, matched by the registrant's account or e-mail.
"""

from django.db.models import Q

from verbund.core.services import audit


def examiner_for(registration):
    from verbund.exams.models import Examiner

    condition = Q(person__email__iexact=registration.email)
    if registration.user_id:
        condition |= Q(person__user_id=registration.user_id)
    return Examiner.objects.filter(condition).order_by("pk").first()


def record_attendance(registration) -> bool:
    """Add the examiner to the training's attendees; False when no examiner matches."""
    training = registration.event.exam_training
    examiner = examiner_for(registration)
    if training is None or examiner is None:
        return False
    if not training.attendees.filter(pk=examiner.pk).exists():
        training.attendees.add(examiner)
        audit.record(
            training,
            "exams.training.attended",
            data={"examiner": examiner.pk, "event": registration.event_id},
        )
    return True
