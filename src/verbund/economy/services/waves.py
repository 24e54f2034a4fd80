"""Running a wave of the panel: the panel, invitations with personal links, mails, status.

One way to run a survey: tokens, invitation and reminder mails, the status and the link
page come from ``core.services.surveys``, the same code the needs surveys run on; the
mails are worded for the business-climate survey (``economy/mail/``).
"""

from django.db import transaction

from verbund.core.services import audit, surveys
from verbund.core.services.surveys import new_token, survey_url
from verbund.economy.models import Answer, Invitation, PanelFirm, Wave

__all__ = ["survey_url"]


def _answered(wave):
    """The invitations of firms whose answer to ``wave`` has been sent."""
    firms = Answer.objects.filter(wave=wave, status=Answer.Status.SUBMITTED).values("firm")
    return Invitation.objects.filter(wave=wave, firm__in=firms).values("pk")


SURVEY = surveys.Survey(
    name="economy",
    invitation_model=Invitation,
    answered=_answered,
    related=("wave__network", "firm__chamber"),
    extra_context=lambda invitation: {"firm": invitation.firm},
)


def set_status(wave: Wave, status: str, user) -> Wave:
    return surveys.set_status(SURVEY, wave, status, user)


@transaction.atomic
def add_to_panel(network, organizations, chamber, user) -> list[PanelFirm]:
    """Directory firms join the panel (once); chamber, district and WZ come from the directory."""
    already = set(
        PanelFirm.objects.filter(network=network, organization__isnull=False).values_list(
            "organization", flat=True
        )
    )
    created = []
    for organization in organizations:
        if organization.pk in already:
            continue
        created.append(
            PanelFirm.objects.create(
                network=network,
                organization=organization,
                name=organization.name,
                chamber=chamber,
                district=organization.region,
                wz=organization.wz_section or "",
                employees=_employees_of(organization.size_class),
                **surveys.contact_of(organization),
            )
        )
    if created:
        audit.record(network, "economy.panel.added", user=user, data={"count": len(created)})
    return created


# The directory holds size classes only; a firm joins with the class's lower bound and the
# department corrects it on the panel (weights depend on > 500 and > 1,000 employees).
_LOWER_BOUND = {"1-9": 1, "10-49": 10, "50-249": 50, "250+": 250}


def _employees_of(size_class: str) -> int:
    return _LOWER_BOUND.get(size_class, 1)


@transaction.atomic
def invite_panel(wave: Wave, user) -> list[Invitation]:
    """Every active panel firm not yet invited gets its personal link for this wave."""
    invited = set(wave.invitations.values_list("firm_id", flat=True))
    firms = PanelFirm.objects.filter(network_id=wave.network_id, active=True).exclude(
        pk__in=invited
    )
    created = Invitation.objects.bulk_create(
        Invitation(wave=wave, firm=firm, token=new_token()) for firm in firms
    )
    if created:
        audit.record(wave, "economy.wave.invited", user=user, data={"count": len(created)})
    return created


def send_invitations(wave: Wave, user) -> int:
    return surveys.send_invitations(SURVEY, wave, user)


def resend_invitation(invitation: Invitation, user) -> bool:
    return surveys.resend_invitation(SURVEY, invitation, user)


def pending_invitations(wave: Wave):
    """Invitations with an address not mailed yet (the confirmation page counts them)."""
    return surveys.pending_invitations(SURVEY, wave)


def reminders_due(wave: Wave, force: bool = False):
    """Whom a reminder run would mail now (the confirmation page counts them)."""
    return surveys.reminders_due(SURVEY, wave, force)


def send_reminders(wave: Wave, user=None, force: bool = False) -> int:
    """Remind firms that have not answered, at most once a week (``force``: now)."""
    return surveys.send_reminders(SURVEY, wave, user, force)


def why_no_reminders(wave: Wave) -> str:
    return surveys.why_no_reminders(SURVEY, wave)


def response_rate(wave: Wave) -> dict:
    invited = wave.invitations.count()
    submitted = wave.answers.filter(status=Answer.Status.SUBMITTED).count()
    return {
        "invited": invited,
        "submitted": submitted,
        "rate": round(100 * submitted / invited) if invited else None,
    }
