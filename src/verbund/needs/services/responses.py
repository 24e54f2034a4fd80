"""Answering a wave: the token link's response, interviews, saving drafts and submitting."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from verbund.core.services import audit
from verbund.needs.models import Invitation, Need, Response, Wave
from verbund.needs.services.waves import SURVEY, company_key_for

NEED_FIELDS = (
    "topic_id",
    "target_group",
    "employees",
    "urgency",
    "format",
    "time_budget_days",
    "time_of_day",
    "budget_per_person",
    "details",
)
RESPONSE_FIELDS = (
    "person_group",
    "district",
    "sector",
    "size_class",
    "funding_awareness",
    "obstacles",
    "free_text",
)


class WaveClosed(PermissionDenied):
    """The wave no longer accepts answers or corrections."""


class AlreadyAnswered(Exception):
    """Another request stored this link's first answers a moment ago (a lost race)."""


def invitation_for_token(token: str) -> Invitation | None:
    return SURVEY.invitation_for_token(token)


def response_for(invitation: Invitation) -> Response:
    """The invitation's response; a new draft prefilled from the invitation if none exists."""
    existing = Response.objects.filter(invitation=invitation).first()
    if existing is not None:
        return existing
    return Response(
        wave=invitation.wave,
        invitation=invitation,
        organization=invitation.organization,
        district=invitation.district,
        sector=invitation.sector,
        size_class=invitation.size_class,
    )


def new_interview(wave: Wave, organization, person_group: str) -> Response:
    return Response(
        wave=wave,
        organization=organization,
        kind=Response.Kind.INTERVIEW,
        person_group=person_group,
        district=organization.region if organization else None,
        sector=organization.wz_section if organization else "",
        size_class=organization.size_class if organization else "",
    )


@transaction.atomic
def save_answers(
    response: Response,
    answers: dict,
    needs: list[dict],
    custom_answers: dict,
    *,
    submit: bool,
    user=None,
) -> Response:
    """Store the answers (replacing the needs); ``submit`` marks the response as sent.

    Raises ``WaveClosed`` once the wave has closed: answers stay editable until then.
    """
    wave = Wave.objects.select_for_update().get(pk=response.wave_id)
    if not wave.accepts_answers:
        raise WaveClosed
    creating = response.pk is None
    # Lock (the wave row, above), recount, write: a first save that finds the link's
    # response already stored lost a race with another window or a double click.
    if (
        creating
        and response.invitation_id
        and Response.objects.filter(invitation_id=response.invitation_id).exists()
    ):
        raise AlreadyAnswered
    for name in RESPONSE_FIELDS:
        if name in answers and answers[name] is not None:
            setattr(response, name, answers[name])
    response.custom_answers = custom_answers
    if not response.company_key:
        response.company_key = company_key_for(response.invitation, response.organization)
    if user is not None and user.is_authenticated and response.kind == Response.Kind.INTERVIEW:
        response.interviewer = response.interviewer or user
    if submit:
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
    try:
        with transaction.atomic():  # SQLite takes no row lock: the unique link decides
            response.save()
    except IntegrityError as error:
        raise AlreadyAnswered from error
    response.needs.all().delete()
    Need.objects.bulk_create(
        Need(
            response=response,
            **{name: need.get(name) for name in NEED_FIELDS if need.get(name) is not None},
        )
        for need in needs
        if need.get("topic_id") is not None
    )
    verb = "submitted" if submit else ("created" if creating else "saved")
    audit.record(response, f"needs.response.{verb}", user=user, data={"needs": len(needs)})
    return response


# The most employees a company of a size class has: no need can concern more of them.
EMPLOYEES_BY_SIZE_CLASS = {"1-9": 9, "10-49": 49, "50-249": 249}


def most_employees(size_class: str) -> int | None:
    """Upper bound of "employees concerned" for a company of ``size_class`` (None: open)."""
    return EMPLOYEES_BY_SIZE_CLASS.get(size_class or "")
