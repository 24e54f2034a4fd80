"""The availability poll: one personal token link per examiner and period."""

import secrets

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.exams.models import Availability, Examiner

# Mail the links in batches of this many (one SMTP connection each, progress in between).
BATCH = 50


def _pool(period):
    return Examiner.objects.filter(network=period.network_id, active=True)


def recipients(period) -> int:
    """How many examiners opening the poll would mail (with an address, no link sent yet)."""
    sent = Availability.objects.filter(period=period, sent_at__isnull=False)
    return _pool(period).exclude(person__email="").exclude(pk__in=sent.values("examiner")).count()


def create_links(period, user) -> int:
    """Create a token for every active examiner of the pool; returns how many are new."""
    examiners = _pool(period)
    existing = set(Availability.objects.filter(period=period).values_list("examiner_id", flat=True))
    new = [
        Availability(period=period, examiner=examiner, token=secrets.token_urlsafe(24))
        for examiner in examiners
        if examiner.pk not in existing
    ]
    with transaction.atomic():
        Availability.objects.bulk_create(new)
        audit.record(period, "exams.poll.opened", user=user, data={"new": len(new)})
    return len(new)


def open_poll(period, user, progress=None) -> int:
    """Create the tokens and mail every link not sent yet; returns how many were mailed.

    Runs in the background job ``exams.send_poll_links`` (exams/jobs.py)."""
    create_links(period, user)
    return send_links(
        Availability.objects.filter(period=period, sent_at__isnull=True), progress=progress
    )


def send_links(availabilities, *, resend=False, progress=None) -> int:
    """Mail each examiner their personal link (those with an address); returns how many.

    A link is claimed (``sent_at`` set) before it is mailed, so two runs at once never mail
    the same examiner twice; ``resend`` mails links that were sent before as well. A batch
    that fails to go out is released again."""
    rows = [
        a
        for a in availabilities.select_related("period", "examiner__person")
        if a.examiner.person.email
    ]
    mailed = 0
    for start in range(0, len(rows), BATCH):
        batch = [a for a in rows[start : start + BATCH] if _claim(a, resend)]
        try:
            send_mass_mail([_link_message(a) for a in batch], fail_silently=False)
        except Exception:
            Availability.objects.filter(pk__in=[a.pk for a in batch]).update(sent_at=None)
            raise
        mailed += len(batch)
        if progress is not None:
            progress((start + len(batch)) / len(rows), "")
    return mailed


def _claim(availability, resend: bool) -> bool:
    rows = Availability.objects.filter(pk=availability.pk)
    if not resend:
        rows = rows.filter(sent_at__isnull=True)
    return bool(rows.update(sent_at=timezone.now()))


def _link_message(availability):
    period, person = availability.period, availability.examiner.person
    deadline = (
        formats.date_format(period.poll_deadline, "DATE_FORMAT") if period.poll_deadline else ""
    )
    subject = _("Ihre Verfügbarkeit für die Prüfungen: %(period)s") % {"period": period.name}
    body = _(
        "Guten Tag %(name)s,\n\nbitte geben Sie über Ihren persönlichen Link an, an welchen "
        "Tagen Sie im Zeitraum %(period)s prüfen können:\n\n%(url)s\n\n"
        "Der Link ist nur für Sie bestimmt; bitte leiten Sie ihn nicht weiter.%(deadline)s\n"
    ) % {
        "name": person.full_name,
        "period": period.name,
        "url": settings.SITE_URL.rstrip("/") + availability.get_absolute_url(),
        "deadline": (" " + _("Bitte antworten Sie bis zum %(date)s.") % {"date": deadline})
        if deadline
        else "",
    }
    return subject, body, settings.DEFAULT_FROM_EMAIL, [person.email]


def save_answer(availability, dates, user=None) -> None:
    """Store the examiner's available days (only days of the period count)."""
    allowed = {day.isoformat() for day in availability.period.dates()}
    chosen = sorted({day.isoformat() for day in dates} & allowed)
    old = availability.dates
    availability.dates = chosen
    availability.answered_at = timezone.now()
    availability.save(update_fields=["dates", "answered_at"])
    audit.record(
        availability,
        "exams.availability.answered",
        user=user,
        changes={"dates": (old, chosen)} if old != chosen else {},
    )


def answer_counts(period) -> tuple[int, int]:
    rows = Availability.objects.filter(period=period)
    return rows.filter(answered_at__isnull=False).count(), rows.count()
