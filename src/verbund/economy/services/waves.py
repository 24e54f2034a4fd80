"""Running a wave of the panel: the panel, invitations with personal links, mails, status.

One way to run a survey: the personal-link tokens come from the needs surveys
(``needs.services.waves.new_token``, 256 random bits) and so does the reminder interval;
the mails are the same shape, worded for the business-climate survey.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from verbund.core.services import audit
from verbund.economy.models import Answer, Invitation, PanelFirm, Wave
from verbund.needs.services.waves import REMINDER_INTERVAL_DAYS, new_token


def set_status(wave: Wave, status: str, user) -> Wave:
    old = wave.status
    wave.status = status
    today = timezone.localdate()
    if status == Wave.Status.OPEN and wave.opens_on is None:
        wave.opens_on = today
    if status == Wave.Status.CLOSED and (wave.closes_on is None or wave.closes_on > today):
        wave.closes_on = today
    wave.save(update_fields=["status", "opens_on", "closes_on", "updated_at"])
    audit.record(wave, f"economy.wave.{status}", user=user, changes={"status": (old, status)})
    return wave


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
        contact = organization.people.exclude(email="").first()
        created.append(
            PanelFirm.objects.create(
                network=network,
                organization=organization,
                name=organization.name,
                chamber=chamber,
                district=organization.region,
                wz=organization.wz_section or "",
                employees=_employees_of(organization.size_class),
                contact=contact,
                contact_name=contact.full_name if contact else "",
                email=(contact.email if contact else "") or organization.email,
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


def survey_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + invitation.survey_path()


def _message(invitation: Invitation, template: str):
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "firm": invitation.firm,
            "wave": invitation.wave,
            "url": survey_url(invitation),
        }
        subject = render_to_string(f"economy/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"economy/mail/{template}.txt", context)
    return subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.firm.email]


def send_invitations(wave: Wave, user) -> int:
    pending = [
        inv
        for inv in wave.invitations.select_related("firm", "wave__network")
        if inv.firm.email and inv.sent_at is None
    ]
    send_mass_mail([_message(inv, "invitation") for inv in pending], fail_silently=False)
    Invitation.objects.filter(pk__in=[inv.pk for inv in pending]).update(sent_at=timezone.now())
    if pending:
        audit.record(wave, "economy.wave.invitations_sent", user=user, data={"count": len(pending)})
    return len(pending)


def send_reminders(wave: Wave, user=None) -> int:
    """Remind firms that have not answered, at most once a week."""
    if not wave.accepts_answers:
        return 0
    now = timezone.now()
    cutoff = now - datetime.timedelta(days=REMINDER_INTERVAL_DAYS)
    answered = Answer.objects.filter(wave=wave, status=Answer.Status.SUBMITTED).values("firm")
    due = list(
        wave.invitations.select_related("firm", "wave__network")
        .exclude(firm__email="")
        .exclude(firm__in=answered)
        .filter(sent_at__isnull=False, sent_at__lte=cutoff)
        .exclude(reminded_at__gt=cutoff)
    )
    send_mass_mail([_message(inv, "reminder") for inv in due], fail_silently=False)
    for invitation in due:
        Invitation.objects.filter(pk=invitation.pk).update(
            reminded_at=now, reminders=invitation.reminders + 1
        )
    if due:
        audit.record(wave, "economy.wave.reminded", user=user, data={"count": len(due)})
    return len(due)


def response_rate(wave: Wave) -> dict:
    invited = wave.invitations.count()
    submitted = wave.answers.filter(status=Answer.Status.SUBMITTED).count()
    return {
        "invited": invited,
        "submitted": submitted,
        "rate": round(100 * submitted / invited) if invited else None,
    }
