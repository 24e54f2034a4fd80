"""Running a survey wave: questionnaire, invitations with personal links, mails, closing.

Tokens, mails, reminders and the status come from ``core.services.surveys`` (one way to
run a survey, shared with the business-climate survey); what is particular to the needs
surveys (the questionnaire, company keys, the response rate with interviews) stays here.
"""

from django.db import transaction

from verbund.core.models import Organization
from verbund.core.services import audit, surveys
from verbund.core.services.surveys import REMINDER_INTERVAL_DAYS, new_token, survey_url
from verbund.needs import questionnaire
from verbund.needs.models import Invitation, Response, Wave

__all__ = ["REMINDER_INTERVAL_DAYS", "new_token", "survey_url"]


def _answered(wave):
    return Response.objects.filter(
        wave=wave, status=Response.Status.SUBMITTED, invitation__isnull=False
    ).values("invitation")


SURVEY = surveys.Survey(name="needs", invitation_model=Invitation, answered=_answered)


def company_key_for(invitation: Invitation | None, organization: Organization | None) -> str:
    if organization is not None:
        return f"o{organization.pk}"
    if invitation is not None:
        return f"i{invitation.pk}"
    return f"x{new_token()[:12]}"


def set_questions(wave: Wave, codes, user) -> Wave:
    chosen = [code for code in questionnaire.OPTIONAL if code in set(codes)]
    old = list(wave.questions)
    wave.questions = chosen
    wave.save(update_fields=["questions", "updated_at"])
    audit.record(wave, "needs.wave.questions", user=user, changes={"questions": (old, chosen)})
    return wave


def set_status(wave: Wave, status: str, user) -> Wave:
    return surveys.set_status(SURVEY, wave, status, user)


@transaction.atomic
def invite_organizations(wave: Wave, organizations, user) -> list[Invitation]:
    """One invitation per company not yet invited; address and key data from the directory."""
    already = set(
        wave.invitations.exclude(organization=None).values_list("organization", flat=True)
    )
    created = []
    for organization in organizations:
        if organization.pk in already:
            continue
        created.append(
            Invitation.objects.create(
                wave=wave,
                organization=organization,
                company_name=organization.name,
                district=organization.region,
                sector=organization.wz_section,
                size_class=organization.size_class,
                **surveys.contact_of(organization),
                token=new_token(),
            )
        )
    if created:
        audit.record(wave, "needs.wave.invited", user=user, data={"count": len(created)})
    return created


def send_invitations(wave: Wave, user, invitations=None) -> int:
    """Mail every invitation with an address that has not been sent yet."""
    return surveys.send_invitations(SURVEY, wave, user, invitations)


def resend_invitation(invitation: Invitation, user) -> bool:
    """Mail the personal link again (staff never see it); False without an address."""
    return surveys.resend_invitation(SURVEY, invitation, user)


def due_for_reminder(wave: Wave, now=None):
    """Invitations mailed a week ago or earlier, still unanswered, not reminded lately."""
    return surveys.due_for_reminder(SURVEY, wave, now)


def send_reminders(wave: Wave, user=None, force: bool = False) -> int:
    """Remind companies that have not answered (``force``: ignore the weekly interval)."""
    return surveys.send_reminders(SURVEY, wave, user, force)


def response_rate(wave: Wave) -> dict:
    """Answers to invitations over invitations; interviews and other answers beside it.

    Interviews are responses of their own (several per company) and have no invitation:
    counting them as answers gave rates above 100 %.
    """
    invited = wave.invitations.count()
    submitted = wave.responses.filter(status=Response.Status.SUBMITTED)
    answered = submitted.filter(invitation__isnull=False).count()
    interviews = submitted.filter(kind=Response.Kind.INTERVIEW).count()
    return {
        "invited": invited,
        "answered": answered,
        "interviews": interviews,
        "other": submitted.count() - answered - interviews,
        "drafts": wave.responses.filter(status=Response.Status.DRAFT).count(),
        "rate": round(100 * answered / invited) if invited else None,
    }


def why_no_reminders(wave: Wave) -> str:
    """Why a reminder run would mail nobody (German, for the coordinator), or ""."""
    return surveys.why_no_reminders(SURVEY, wave)
