"""Register, cancel, wait and move up: every seat change is lock -> recount -> write.

A registration is confirmed only when the seats still held (confirmed registrations and
open offers) plus its own fit into capacity + the organiser's declared margin, and no one
is waiting ahead of it; otherwise it joins the waiting list. When seats free up, the
waiting list moves up in order (priority, then time): each entry in turn gets an offer
valid for ``offer_hours`` or, if the event says so, is confirmed at once. An entry that
does not fit yet stops the queue, so nobody overtakes an earlier larger group.

Registrations without an account (issue 24: one anonymous client booked all 30 seats of
a public event in 0.8 s) are *held*, not confirmed: the seat is kept for
``ANONYMOUS_HOLD_MINUTES`` as an offer, and only the link in the mail to the given
address confirms it (``accept_offer``); an unconfirmed hold lapses like any offer and the
waiting list moves up. The views also limit registrations per address
(``core.services.rate_limits``) and never show an anonymous registrant the personal link.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.events.models import Event, Registration
from verbund.events.models.events import ACTIVE_STATUSES, HOLDING_STATUSES
from verbund.events.services.locking import locked

Status = Registration.Status


def anonymous_hold_minutes() -> int:
    """How long a registration without an account holds its seat unconfirmed."""
    return getattr(settings, "EVENTS_ANONYMOUS_HOLD_MINUTES", 15)


class RegistrationError(Exception):
    """The registration cannot be taken; the message is for the person registering."""


class RegistrationClosed(RegistrationError):
    pass


class AlreadyRegistered(RegistrationError):
    pass


@dataclass(frozen=True)
class Availability:
    seats_taken: int
    seats_left: int
    waiting_list: int
    waiting_seats: int


def availability(event: Event) -> Availability:
    """One aggregate query: seats held, seats left, waiting entries and their seats."""
    counts = event.registrations.aggregate(
        held=Sum("seats", filter=Q(status__in=HOLDING_STATUSES), default=0),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
        waiting_seats=Sum("seats", filter=Q(status=Status.WAITLISTED), default=0),
    )
    return Availability(
        seats_taken=counts["held"],
        seats_left=max(event.seat_limit - counts["held"], 0),
        waiting_list=counts["waiting"],
        waiting_seats=counts["waiting_seats"],
    )


def _seat_counts(event: Event, priority: int, now: datetime.datetime) -> dict:
    """One query under the lock: seats held, entries waiting, offers now due, and the
    waiting entries a new one of ``priority`` queues behind."""
    return event.registrations.aggregate(
        held=Sum("seats", filter=Q(status__in=HOLDING_STATUSES), default=0),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
        due=Count("pk", filter=Q(status=Status.OFFERED, offer_expires_at__lt=now)),
        ahead=Count("pk", filter=Q(status=Status.WAITLISTED, priority__gte=priority)),
    )


def waiting_queue(event: Event):
    return event.registrations.filter(status=Status.WAITLISTED).order_by(
        "-priority", "created_at", "pk"
    )


def position(registration: Registration) -> int | None:
    """1-based place on the waiting list, None when not waiting."""
    current = (
        Registration.objects.filter(pk=registration.pk)
        .values("status", "priority", "created_at")
        .first()
    )
    if current is None or current["status"] != Status.WAITLISTED:
        return None
    priority, created = current["priority"], current["created_at"]
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITLISTED
    ).filter(
        Q(priority__gt=priority)
        | Q(priority=priority, created_at__lt=created)
        | Q(priority=priority, created_at=created, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def closed_reason(event: Event, now: datetime.datetime | None = None) -> str:
    """Why registration is not possible right now ('' when it is open)."""
    now = now or timezone.now()
    if event.cancelled_at is not None:
        return _("Die Veranstaltung ist abgesagt.")
    if event.start <= now:
        return _("Die Veranstaltung hat bereits begonnen.")
    if event.registration_opens and now < event.registration_opens:
        return _("Die Anmeldung ist noch nicht geöffnet.")
    if event.registration_deadline and now > event.registration_deadline:
        return _("Der Anmeldeschluss ist vorbei.")
    return ""


# What a registrant may consent to (each stored as ``<name>_consent_at``).
CONSENTS = frozenset({"photo", "newsletter"})


def register(
    event: Event,
    *,
    name: str,
    email: str,
    seats: int = 1,
    organization_name: str = "",
    organization=None,
    user=None,
    answers: dict | None = None,
    hold_minutes: int | None = None,
    lock: bool = True,
    consents: frozenset[str] = frozenset(),
) -> Registration:
    """Confirm or wait-list one registration. Raises RegistrationError with a message.

    With ``hold_minutes`` a registration that fits is held (an offer valid that long,
    confirmed through the mailed link) instead of confirmed."""
    email = email.strip().lower()
    if seats < 1 or seats > event.max_seats_per_registration:
        raise RegistrationError(
            _("Bitte zwischen 1 und %(max)s Plätze anmelden.")
            % {"max": event.max_seats_per_registration}
        )

    already = _("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung.")
    # Outside the lock, so the locked part stays short; a race between two identical
    # e-mails is settled by the unique constraint below.
    if Registration.objects.filter(
        event_id=event.pk, email=email, status__in=ACTIVE_STATUSES
    ).exists():
        raise AlreadyRegistered(already)

    def write(current: Event) -> Registration:
        now = timezone.now()
        reason = closed_reason(current, now)
        if reason:
            raise RegistrationClosed(reason)
        registration = Registration(
            event=current,
            name=name.strip(),
            email=email,
            seats=seats,
            organization_name=organization_name.strip(),
            organization=organization,
            user=user if user is not None and user.is_authenticated else None,
            answers=answers or {},
        )
        unknown = set(consents) - CONSENTS
        if unknown:
            raise ValueError(f"unknown consents {sorted(unknown)}")
        for consent in consents:
            setattr(registration, f"{consent}_consent_at", now)
        counts = _seat_counts(current, registration.priority, now)
        if counts["due"]:
            _expire_due(current, now)
            counts = _seat_counts(current, registration.priority, now)
        fits = current.seat_limit - counts["held"] >= seats and counts["waiting"] == 0
        if not fits:
            registration.status = Status.WAITLISTED
        elif hold_minutes:
            registration.status = Status.OFFERED
            registration.offer_expires_at = now + datetime.timedelta(minutes=hold_minutes)
        else:
            registration.status = Status.CONFIRMED
        # Its place, counted under the lock: everyone waiting with the same or a higher
        # priority came earlier (saves the two queries of position() after the commit).
        registration.waiting_position = None if fits else counts["ahead"] + 1
        registration.save()
        verb = "held" if registration.status == Status.OFFERED else registration.status
        audit.record(
            registration,
            f"events.registration.{verb}",
            user=user,
            data={"seats": seats, "consents": sorted(consents)},
        )
        _notify_after_commit(registration, "registered")
        return registration

    try:
        return locked(event.pk, write, lock=lock)
    except IntegrityError as error:
        # The unique constraint has the last word on a race between two identical e-mails.
        raise AlreadyRegistered(already) from error


def cancel(registration: Registration, user=None) -> Registration:
    """Cancel (or leave the waiting list: 'no longer interested'); the queue moves up."""

    def write(current: Event) -> Registration:
        fresh = Registration.objects.get(pk=registration.pk)
        if not fresh.is_active:
            return fresh
        was = fresh.status
        fresh.status = Status.CANCELLED if was == Status.CONFIRMED else Status.DECLINED
        fresh.offer_expires_at = None
        fresh.save(update_fields=["status", "offer_expires_at", "updated_at"])
        audit.record(fresh, f"events.registration.{fresh.status}", user=user, data={"was": was})
        _notify_after_commit(fresh, "cancelled")
        promote(current)
        return fresh

    return locked(registration.event_id, write)


def accept_offer(registration: Registration, user=None) -> Registration:
    """The promoted person confirms the offered seat (before it expires)."""

    def write(current: Event) -> Registration:
        fresh = Registration.objects.get(pk=registration.pk)
        if fresh.status != Status.OFFERED:
            raise RegistrationError(_("Für diese Anmeldung liegt kein Platzangebot vor."))
        if fresh.offer_expires_at and fresh.offer_expires_at < timezone.now():
            _expire_due(current)
            raise RegistrationError(_("Das Platzangebot ist leider abgelaufen."))
        fresh.status = Status.CONFIRMED
        fresh.offer_expires_at = None
        fresh.save(update_fields=["status", "offer_expires_at", "updated_at"])
        audit.record(fresh, "events.registration.offer_accepted", user=user)
        _notify_after_commit(fresh, "confirmed")
        return fresh

    return locked(registration.event_id, write)


def promote(event: Event, now: datetime.datetime | None = None) -> list[Registration]:
    """Offer (or confirm) freed seats to the waiting list in order. Caller holds the lock."""
    now = now or timezone.now()
    moved = []
    free = availability(event).seats_left
    for entry in waiting_queue(event):
        if entry.seats > free:
            break
        free -= entry.seats
        if event.waitlist_mode == Event.WaitlistMode.AUTO:
            entry.status = Status.CONFIRMED
            entry.offer_expires_at = None
        else:
            entry.status = Status.OFFERED
            entry.offer_expires_at = now + datetime.timedelta(hours=event.offer_hours)
        entry.save(update_fields=["status", "offer_expires_at", "updated_at"])
        audit.record(entry, f"events.registration.promoted_{entry.status}")
        _notify_after_commit(entry, "promoted")
        moved.append(entry)
    return moved


def _expire_due(event: Event, now: datetime.datetime | None = None) -> int:
    """Let unanswered offers lapse and pass their seats on. Caller holds the lock."""
    now = now or timezone.now()
    due = list(
        event.registrations.filter(status=Status.OFFERED, offer_expires_at__lt=now).order_by("pk")
    )
    for entry in due:
        entry.status = Status.EXPIRED
        entry.save(update_fields=["status", "updated_at"])
        audit.record(entry, "events.registration.offer_expired")
        _notify_after_commit(entry, "expired")
    if due:
        promote(event, now)
    return len(due)


def expire_offers(now: datetime.datetime | None = None) -> int:
    """The periodic job: expire every due offer of every event and move the lists up."""
    now = now or timezone.now()
    event_ids = (
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lt=now)
        .values_list("event_id", flat=True)
        .distinct()
    )
    return sum(locked(event_id, lambda event: _expire_due(event, now)) for event_id in event_ids)


def set_priority(registration: Registration, priority: int, user) -> Registration:
    """Organisers move a waiting entry up or down; the change is audited and the queue
    moves up at once (still under the lock): a small entry moved ahead of a larger group
    that was blocking it gets the free seats offered."""

    def write(current: Event) -> Registration:
        fresh = Registration.objects.get(pk=registration.pk)
        old = fresh.priority
        if old != priority:
            fresh.priority = priority
            fresh.save(update_fields=["priority", "updated_at"])
            audit.record(
                fresh,
                "events.registration.priority_changed",
                user=user,
                changes={"priority": (old, priority)},
            )
            promote(current)
            fresh.refresh_from_db()
        return fresh

    return locked(registration.event_id, write)


def set_attendance(registration: Registration, *, present: bool | None, user) -> Registration:
    """Check in (present=True), mark as no-show (False) or reset (None).

    Attendance is recorded from the event's first day on: a check-in weeks before would
    count as attended (and, for an examiner training, as a qualification)."""
    start = Event.objects.filter(pk=registration.event_id).values_list("start", flat=True).get()
    if present is not None and timezone.localdate() < timezone.localdate(start):
        raise RegistrationError(
            _("Anwesenheit lässt sich erst ab dem Tag der Veranstaltung (%(date)s) erfassen.")
            % {"date": formats.date_format(timezone.localtime(start), "d.m.Y")}
        )
    registration.checked_in_at = timezone.now() if present else None
    registration.no_show = present is False
    registration.save(update_fields=["checked_in_at", "no_show", "updated_at"])
    verb = {True: "checked_in", False: "no_show", None: "attendance_reset"}[present]
    audit.record(registration, f"events.registration.{verb}", user=user)
    if registration.event.exam_training_id:
        from verbund.events.services import trainings

        if present:
            trainings.record_attendance(registration, user=user)
        else:
            trainings.remove_attendance(registration, user=user)
    return registration


def no_show_rate(event: Event) -> float | None:
    """No-shows among the confirmed registrations whose attendance has been recorded."""
    confirmed = event.registrations.filter(status=Status.CONFIRMED)
    recorded = (
        confirmed.filter(checked_in_at__isnull=False).count()
        + confirmed.filter(no_show=True).count()
    )
    if not recorded:
        return None
    return confirmed.filter(no_show=True).count() / recorded


def _notify_after_commit(registration: Registration, reason: str) -> None:
    """Mail only once the change is committed, through the task backend (a worker in
    production, at once in the demo and tests) so a slow mail server never holds a request."""
    from verbund.events.tasks import send_registration_mail

    transaction.on_commit(lambda: send_registration_mail.enqueue(registration.pk, reason))
