"""Running a survey wave: questionnaire, invitations with personal links, mails, closing."""

import datetime
import secrets

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from verbund.core.models import Organization
from verbund.core.services import audit
from verbund.needs import questionnaire
from verbund.needs.models import Invitation, Response, Wave

REMINDER_INTERVAL_DAYS = 7  # the command reminds at most once a week


def new_token() -> str:
    """A personal link token: 32 random bytes, URL-safe (256 bits, not guessable)."""
    return secrets.token_urlsafe(32)


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
    old = wave.status
    wave.status = status
    if status == Wave.Status.OPEN and wave.opens_on is None:
        wave.opens_on = timezone.localdate()
    if (
        status == Wave.Status.OPEN
        and wave.closes_on is not None
        and wave.closes_on < timezone.localdate()
    ):
        # Reopening means accepting answers again: an end date in the past would keep the
        # survey closed to invitees while the wave says "Läuft".
        wave.closes_on = None
    if status == Wave.Status.CLOSED and (
        wave.closes_on is None or wave.closes_on > timezone.localdate()
    ):
        wave.closes_on = timezone.localdate()
    wave.save(update_fields=["status", "opens_on", "closes_on", "updated_at"])
    audit.record(wave, f"needs.wave.{status}", user=user, changes={"status": (old, status)})
    return wave


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
        contact = organization.people.exclude(email="").first()
        created.append(
            Invitation.objects.create(
                wave=wave,
                organization=organization,
                company_name=organization.name,
                district=organization.region,
                sector=organization.wz_section,
                size_class=organization.size_class,
                contact=contact,
                contact_name=contact.full_name if contact else "",
                email=(contact.email if contact else "") or organization.email,
                token=new_token(),
            )
        )
    if created:
        audit.record(wave, "needs.wave.invited", user=user, data={"count": len(created)})
    return created


def survey_url(invitation: Invitation) -> str:
    return settings.SITE_URL.rstrip("/") + invitation.survey_path()


def _message(invitation: Invitation, template: str):
    with translation.override(invitation.language):
        context = {"invitation": invitation, "wave": invitation.wave, "url": survey_url(invitation)}
        subject = render_to_string(f"needs/mail/{template}_subject.txt", context).strip()
        body = render_to_string(f"needs/mail/{template}.txt", context)
    return subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email]


def send_invitations(wave: Wave, user, invitations=None) -> int:
    """Mail every invitation with an address that has not been sent yet."""
    pending = invitations if invitations is not None else wave.invitations.all()
    pending = [inv for inv in pending if inv.email and inv.sent_at is None]
    send_mass_mail([_message(inv, "invitation") for inv in pending], fail_silently=False)
    now = timezone.now()
    Invitation.objects.filter(pk__in=[inv.pk for inv in pending]).update(sent_at=now)
    if pending:
        audit.record(wave, "needs.wave.invitations_sent", user=user, data={"count": len(pending)})
    return len(pending)


def resend_invitation(invitation: Invitation, user) -> bool:
    """Mail the personal link again (staff never see it); False without an address."""
    if not invitation.email:
        return False
    send_mass_mail([_message(invitation, "invitation")], fail_silently=False)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    audit.record(
        invitation.wave,
        "needs.wave.invitation_resent",
        user=user,
        data={"invitation": invitation.pk},
    )
    return True


def due_for_reminder(wave: Wave, now=None):
    """Invitations mailed a week ago or earlier, still unanswered, not reminded lately."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=REMINDER_INTERVAL_DAYS)
    submitted = Response.objects.filter(
        wave=wave, status=Response.Status.SUBMITTED, invitation__isnull=False
    ).values("invitation")
    return (
        wave.invitations.exclude(email="")
        .exclude(pk__in=submitted)
        .filter(sent_at__isnull=False, sent_at__lte=cutoff)
        .exclude(reminded_at__gt=cutoff)
    )


def send_reminders(wave: Wave, user=None, force: bool = False) -> int:
    """Remind companies that have not answered (``force``: ignore the weekly interval)."""
    if not wave.accepts_answers:
        return 0
    if force:
        submitted = Response.objects.filter(
            wave=wave, status=Response.Status.SUBMITTED, invitation__isnull=False
        ).values("invitation")
        due = list(wave.invitations.exclude(email="").exclude(pk__in=submitted))
    else:
        due = list(due_for_reminder(wave))
    send_mass_mail([_message(inv, "reminder") for inv in due], fail_silently=False)
    now = timezone.now()
    for invitation in due:
        Invitation.objects.filter(pk=invitation.pk).update(
            reminded_at=now, reminders=invitation.reminders + 1, sent_at=invitation.sent_at or now
        )
    if due:
        audit.record(wave, "needs.wave.reminded", user=user, data={"count": len(due)})
    return len(due)


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
    if wave.status != Wave.Status.OPEN:
        return _("Die Befragung läuft nicht; Erinnerungen gehen nur während der Befragung hinaus.")
    if not wave.accepts_answers:
        return _(
            "Das Ende der Befragung (%(date)s) ist überschritten; verlängern Sie zuerst das Ende."
        ) % {"date": formats.date_format(wave.closes_on, "SHORT_DATE_FORMAT")}
    with_email = wave.invitations.exclude(email="")
    if not with_email.exists():
        return _("Keine Einladung hat eine E-Mail-Adresse.")
    submitted = Response.objects.filter(
        wave=wave, status=Response.Status.SUBMITTED, invitation__isnull=False
    ).values("invitation")
    if not with_email.exclude(pk__in=submitted).exists():
        return _("Alle eingeladenen Betriebe haben bereits geantwortet.")
    return ""
