"""Running a survey: personal links, invitation and reminder mails, status, the link page.

One way to run a survey. The qualification-needs surveys and the business-climate survey
build on ``core.survey_models`` and run their waves through these functions; each app
describes itself once as a ``Survey`` (its invitation model, where its mails are, which
invitations count as answered). Audit events are ``<app>.wave.<what>`` and mail templates
``<app>/mail/<invitation|reminder>[_subject].txt``.
"""

import datetime
import functools
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mass_mail
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from verbund.core.services import audit, jobs, stored_text
from verbund.core.survey_models import LANGUAGES

REMINDER_INTERVAL_DAYS = 7  # reminders go out at most once a week


def new_token() -> str:
    """A personal link token: 32 random bytes, URL-safe (256 bits, not guessable)."""
    return secrets.token_urlsafe(32)


def language_of(code: str | None) -> str:
    """A questionnaire language: German, English or French (German for anything else)."""
    code = (code or "de")[:2]
    return code if code in LANGUAGES else "de"


@dataclass(frozen=True)
class Survey:
    """How one app's waves are run: its name, invitation model and what counts as answered."""

    name: str
    invitation_model: type
    # wave -> values("pk")-like queryset of the invitations whose answer has been sent
    answered: Callable
    related: tuple = ("wave__network",)
    extra_context: Callable = field(default=lambda invitation: {})

    def invitation_for_token(self, token: str):
        """The invitation behind a personal link, or None (never an error for a bad token)."""
        if not token or len(token) > 64:
            return None
        return (
            self.invitation_model.objects.select_related(*self.related).filter(token=token).first()
        )

    @property
    def email_lookup(self) -> str:
        return self.invitation_model.EMAIL_LOOKUP

    def with_address(self, invitations):
        return invitations.exclude(**{self.email_lookup: ""})

    def unanswered(self, wave):
        return self.with_address(wave.invitations.select_related(*self.related)).exclude(
            pk__in=self.answered(wave)
        )


def contact_of(organization) -> dict:
    """Whom the mails of a directory company go to: its first person with an address."""
    contact = organization.people.exclude(email="").first()
    return {
        "contact": contact,
        "contact_name": contact.full_name if contact else "",
        "email": (contact.email if contact else "") or organization.email,
    }


def survey_url(invitation) -> str:
    return settings.SITE_URL.rstrip("/") + invitation.survey_path()


def set_status(survey: Survey, wave, status: str, user):
    """Open or close a wave; opening sets the start, closing the end (never in the future)."""
    old = wave.status
    wave.status = status
    today = timezone.localdate()
    if status == wave.Status.OPEN and wave.opens_on is None:
        wave.opens_on = today
    if status == wave.Status.OPEN and wave.closes_on is not None and wave.closes_on < today:
        # Reopening means accepting answers again: an end date in the past would keep the
        # survey closed to invitees while the wave says "Läuft".
        wave.closes_on = None
    if status == wave.Status.CLOSED and (wave.closes_on is None or wave.closes_on > today):
        wave.closes_on = today
    wave.save(update_fields=["status", "opens_on", "closes_on", "updated_at"])
    audit.record(wave, f"{survey.name}.wave.{status}", user=user, changes={"status": (old, status)})
    return wave


def message(survey: Survey, invitation, template: str):
    """One mail (subject, body, from, to) in the invitee's language."""
    with translation.override(language_of(invitation.language)):
        context = {"invitation": invitation, "wave": invitation.wave, "url": survey_url(invitation)}
        context.update(survey.extra_context(invitation))
        prefix = f"{survey.name}/mail/{template}"
        subject = render_to_string(f"{prefix}_subject.txt", context).strip()
        body = render_to_string(f"{prefix}.txt", context)
    return subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email_address]


def pending_invitations(survey: Survey, wave):
    """Invitations with an address whose mail has not gone out yet."""
    return survey.with_address(wave.invitations.filter(sent_at__isnull=True))


def send_invitations(survey: Survey, wave, user, invitations=None) -> int:
    """Mail every invitation with an address that has not been sent yet.

    Each invitation is claimed (``sent_at`` set and committed) just before its mail goes
    out: a second run at the same time (a second click, a second worker) or the retry of
    a job whose worker died mails nobody twice; a mail that fails is released again.
    """
    if invitations is None:
        invitations = wave.invitations.select_related(*survey.related)
    pending = [inv for inv in invitations.filter(sent_at__isnull=True) if inv.email_address]
    rows = survey.invitation_model.objects

    def claim(invitation):
        return rows.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=timezone.now())

    def release(invitation):
        rows.filter(pk=invitation.pk).update(sent_at=None)

    sent = _send_each(pending, claim, release, lambda inv: message(survey, inv, "invitation"))
    if sent:
        audit.record(wave, f"{survey.name}.wave.invitations_sent", user=user, data={"count": sent})
    return sent


def _send_each(rows, claim, release, datatuple) -> int:
    """Mail each row over one connection, each claimed first; returns how many went out."""
    sent = 0
    if not rows:
        return sent  # no connection to the mail server for nothing
    with get_connection(fail_silently=False) as connection:
        for row in rows:
            if not claim(row):
                continue  # another run (or an earlier attempt of this job) had it
            subject, body, sender, recipients = datatuple(row)
            try:
                connection.send_messages(
                    [EmailMessage(subject, body, sender, recipients, connection=connection)]
                )
            except Exception:
                release(row)
                raise
            sent += 1
    return sent


def resend_invitation(survey: Survey, invitation, user) -> bool:
    """Mail the personal link again (staff never see it); False without an address."""
    if not invitation.email_address:
        return False
    send_mass_mail([message(survey, invitation, "invitation")], fail_silently=False)
    survey.invitation_model.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    audit.record(
        invitation.wave,
        f"{survey.name}.wave.invitation_resent",
        user=user,
        data={"invitation": invitation.pk},
    )
    return True


def due_for_reminder(survey: Survey, wave, now=None):
    """Invitations mailed a week ago or earlier, still unanswered, not reminded lately."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=REMINDER_INTERVAL_DAYS)
    return (
        survey.unanswered(wave)
        .filter(sent_at__isnull=False, sent_at__lte=cutoff)
        .exclude(reminded_at__gt=cutoff)
    )


def reminders_due(survey: Survey, wave, force: bool = False):
    """Whom a reminder run would mail now (``force``: everyone without an answer)."""
    if not wave.accepts_answers:
        return survey.invitation_model.objects.none()
    return survey.unanswered(wave) if force else due_for_reminder(survey, wave)


def send_reminders(survey: Survey, wave, user=None, force: bool = False) -> int:
    """Remind invitees who have not answered (``force``: ignore the weekly interval).

    Each reminder is claimed (``reminded_at`` moved on, committed) just before it goes
    out, so a second run at the same time or the retry of an interrupted job mails nobody
    again: the claim only succeeds on the row as it was read.
    """
    if not wave.accepts_answers:
        return 0
    due = list(reminders_due(survey, wave, force))
    rows = survey.invitation_model.objects

    def claim(invitation):
        now = timezone.now()
        as_read = rows.filter(pk=invitation.pk)
        if invitation.reminded_at is None:
            as_read = as_read.filter(reminded_at__isnull=True)
        else:
            as_read = as_read.filter(reminded_at=invitation.reminded_at)
        return as_read.update(
            reminded_at=now, reminders=invitation.reminders + 1, sent_at=invitation.sent_at or now
        )

    def release(invitation):
        rows.filter(pk=invitation.pk).update(
            reminded_at=invitation.reminded_at,
            reminders=invitation.reminders,
            sent_at=invitation.sent_at,
        )

    sent = _send_each(due, claim, release, lambda inv: message(survey, inv, "reminder"))
    if sent:
        audit.record(wave, f"{survey.name}.wave.reminded", user=user, data={"count": sent})
    return sent


def why_no_reminders(survey: Survey, wave) -> str:
    """Why a reminder run would mail nobody (German, for the coordinator), or ""."""
    if wave.status != wave.Status.OPEN:
        return _("Die Befragung läuft nicht; Erinnerungen gehen nur während der Befragung hinaus.")
    if not wave.accepts_answers:
        return _(
            "Das Ende der Befragung (%(date)s) ist überschritten; verlängern Sie zuerst das Ende."
        ) % {"date": formats.date_format(wave.closes_on, "SHORT_DATE_FORMAT")}
    if not survey.with_address(wave.invitations.all()).exists():
        return _("Keine Einladung hat eine E-Mail-Adresse.")
    if not survey.unanswered(wave).exists():
        return _("Alle eingeladenen Betriebe haben bereits geantwortet.")
    return ""


def register_mail_jobs(app: str, wave_model, send_invitations, send_reminders) -> None:
    """The background jobs ``<app>.send_invitations`` and ``<app>.send_reminders``.

    Mass mail never runs in a web request (an SMTP server may take minutes for a wave).
    ``send_invitations``/``send_reminders`` are the app's ``(wave, user) -> count``.
    """

    def mail_job(send, running: str, singular: str, plural: str):
        def run(job, progress):
            wave = wave_model.objects.get(pk=job.params["wave"])
            progress(0.1, running)
            count = send(wave, job.created_by)
            progress(1.0, stored_text.plural(singular, plural, count))
            return {"sent": count}

        return run

    jobs.register(f"{app}.send_invitations")(
        mail_job(
            send_invitations,
            noop("Die Einladungen werden versandt …"),
            noop("%(count)s Einladung versandt."),
            noop("%(count)s Einladungen versandt."),
        )
    )
    jobs.register(f"{app}.send_reminders")(
        mail_job(
            send_reminders,
            noop("Die Erinnerungen werden versandt …"),
            noop("%(count)s Erinnerung versandt."),
            noop("%(count)s Erinnerungen versandt."),
        )
    )


def start_mail_job(app: str, what: str, wave, user, title: str, result_url: str):
    """Start (or follow the one under way) ``<app>.send_<what>`` for ``wave``."""
    return jobs.start(
        f"{app}.send_{what}",
        user=user,
        title=title,
        params={"wave": wave.pk},
        result_url=result_url,
    )


def latest_mail_job(app: str, wave, user):
    """The user's latest invitation or reminder job of ``wave`` (for a link), or None."""
    return (
        jobs.visible_jobs(user)
        .filter(kind__in=(f"{app}.send_invitations", f"{app}.send_reminders"), params__wave=wave.pk)
        .order_by("-pk")
        .first()
    )


def expired_link_page(request, wave=None, *, not_yet: bool | None = None):
    """What a personal link shows once it no longer works: a German notice, nothing else.

    Status 410 (Gone): the link expired with its wave or event; neither answers nor free
    texts nor names are shown. ``not_yet`` (default: the wave is still in preparation)
    says the survey has not started instead.
    """
    from django.shortcuts import render

    if not_yet is None:
        not_yet = wave is not None and getattr(wave, "status", "") == "draft"
    return render(request, "core/link_expired.html", {"wave": wave, "not_yet": not_yet}, status=410)


def link_page(view):
    """A page behind a personal link: never cached, CSRF-checked, not indexed.

    The token must not leak to other sites: the site-wide Referrer-Policy is same-origin
    (stricter "no-referrer" would make browsers send "Origin: null" and fail CSRF).
    """

    @never_cache
    @csrf_protect
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        result = view(request, *args, **kwargs)
        result.headers["X-Robots-Tag"] = "noindex"
        return result

    return wrapped
