"""Answering a wave through the personal link: the firm's answer, drafts and submitting."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from verbund.core.services import audit
from verbund.economy.models import Answer, Invitation, Wave
from verbund.economy.services.waves import SURVEY

ANSWER_FIELDS = ("lage", "erwartungen", "exporte", "investitionen", "beschaeftigung", "free_text")


class WaveClosed(PermissionDenied):
    """The wave no longer accepts answers or corrections."""


class AlreadyAnswered(Exception):
    """A first save lost the race with another save of the same link (another window)."""


def invitation_for_token(token: str) -> Invitation | None:
    return SURVEY.invitation_for_token(token)


def answer_for(invitation: Invitation) -> Answer:
    """The firm's answer to this wave; a new one with the firm's key data if none exists."""
    existing = Answer.objects.filter(wave=invitation.wave, firm=invitation.firm).first()
    if existing is not None:
        return existing
    firm = invitation.firm
    return Answer(
        wave=invitation.wave,
        firm=firm,
        chamber_id=firm.chamber_id,
        district_id=firm.district_id,
        wz=firm.wz,
        employees=firm.employees,
    )


def extra_questions(answer: Answer):
    return answer.wave.extra_questions.filter(chamber_id=answer.chamber_id)


@transaction.atomic
def save_answer(answer: Answer, data: dict, *, submit: bool, user=None) -> Answer:
    """Store the answers; ``submit`` marks them as sent. Editable until the wave closes.

    ``user`` is whoever is signed in while saving (staff helping a firm); the audit entry
    names them. A first save that finds the firm's answer already stored lost a race with
    another window or a double click: ``AlreadyAnswered``, nothing is written.
    """
    wave = Wave.objects.select_for_update().get(pk=answer.wave_id)
    if not wave.accepts_answers:
        raise WaveClosed
    creating = answer.pk is None
    if creating and Answer.objects.filter(wave_id=answer.wave_id, firm_id=answer.firm_id).exists():
        raise AlreadyAnswered
    for name in ANSWER_FIELDS:
        setattr(answer, name, data.get(name) or "")
    answer.risiken = list(data.get("risiken") or [])
    answer.extra_answers = dict(data.get("extra_answers") or {})
    if submit:
        answer.status = Answer.Status.SUBMITTED
        answer.submitted_at = timezone.now()
    try:
        with transaction.atomic():  # SQLite takes no row lock: the unique constraint decides
            answer.save()
    except IntegrityError as error:
        raise AlreadyAnswered from error
    if user is not None and not user.is_authenticated:
        user = None
    verb = "submitted" if submit else ("created" if creating else "saved")
    audit.record(answer, f"economy.answer.{verb}", user=user)
    return answer
