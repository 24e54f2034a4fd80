"""B2B matchmaking: profiles, representatives, meeting requests (with expiry and a cap on
pending requests) and the slot/table setup that the scheduler works on."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.events.models import MatchmakingSetup, MeetingRequest, Profile, Representative
from verbund.events.solver.generate import forum_slots

Status = MeetingRequest.Status


class MatchmakingError(Exception):
    """A request or answer is not possible; the message is for the user."""


def setup_for(event) -> MatchmakingSetup:
    setup, _created = MatchmakingSetup.objects.get_or_create(event=event)
    return setup


def slots(setup: MatchmakingSetup):
    return forum_slots(
        setup.morning_slots,
        setup.afternoon_slots,
        setup.slot_minutes,
        setup.morning_start,
        setup.afternoon_start,
    )


def representative_of(event, user) -> Representative | None:
    if not user.is_authenticated:
        return None
    return (
        Representative.objects.filter(profile__event=event, user=user)
        .select_related("profile")
        .first()
    )


def join(event, user, *, company: str, organization=None, **profile_fields) -> Representative:
    """The user takes part for their company: a profile (new or the company's) + themselves."""
    existing = representative_of(event, user)
    if existing:
        return existing
    with transaction.atomic():
        profile = (
            Profile.objects.filter(event=event, organization=organization).first()
            if organization
            else None
        )
        if profile is None:
            profile = Profile.objects.create(
                event=event, organization=organization, company=company, **profile_fields
            )
            audit.record(profile, "events.profile.created", user=user)
        representative = Representative.objects.create(
            profile=profile,
            user=user,
            name=user.get_full_name() or user.get_username(),
            email=user.email,
        )
        audit.record(profile, "events.profile.representative_added", user=user)
    return representative


def pending_count(representative: Representative) -> int:
    return representative.sent_requests.filter(status=Status.PENDING).count()


def send_request(
    requester: Representative, invitee: Profile, *, message: str = "", session: str = "any"
) -> MeetingRequest:
    event = requester.profile.event
    setup = setup_for(event)
    if invitee.event_id != event.pk:
        raise MatchmakingError(_("Das Profil gehört zu einer anderen Veranstaltung."))
    if invitee.pk == requester.profile_id:
        raise MatchmakingError(_("Mit dem eigenen Unternehmen ist kein Gespräch nötig."))
    if setup.agenda == MatchmakingSetup.Agenda.FINAL:
        raise MatchmakingError(_("Der Terminplan ist endgültig; neue Anfragen sind geschlossen."))
    expire_requests()
    if pending_count(requester) >= setup.max_pending:
        raise MatchmakingError(
            _("Sie haben bereits %(count)s offene Anfragen; warten Sie erst Antworten ab.")
            % {"count": setup.max_pending}
        )
    try:
        with transaction.atomic():
            created = MeetingRequest.objects.create(
                event=event,
                requester=requester,
                invitee=invitee,
                message=message.strip()[:1000],
                session=session,
                expires_at=timezone.now() + datetime.timedelta(hours=setup.request_hours),
            )
    except IntegrityError as error:
        raise MatchmakingError(_("An dieses Unternehmen läuft bereits eine Anfrage.")) from error
    audit.record(created, "events.meeting_request.sent", user=requester.user)
    return created


def answer(request: MeetingRequest, representative: Representative, *, accept: bool):
    if representative.profile_id != request.invitee_id:
        raise MatchmakingError(_("Nur das angefragte Unternehmen kann antworten."))
    expire_requests()
    request.refresh_from_db()
    if request.status != Status.PENDING:
        raise MatchmakingError(
            _("Die Anfrage ist nicht mehr offen (%(status)s).")
            % {"status": request.get_status_display()}
        )
    request.status = Status.ACCEPTED if accept else Status.DECLINED
    request.accepted_by = representative if accept else None
    request.answered_at = timezone.now()
    request.save(update_fields=["status", "accepted_by", "answered_at"])
    audit.record(request, f"events.meeting_request.{request.status}", user=representative.user)
    return request


def expire_requests(now=None) -> int:
    """Unanswered requests lapse after the organiser's period (they would block slots)."""
    now = now or timezone.now()
    return MeetingRequest.objects.filter(status=Status.PENDING, expires_at__lt=now).update(
        status=Status.EXPIRED
    )


def accepted(event):
    return (
        MeetingRequest.objects.filter(event=event, status=Status.ACCEPTED)
        .select_related("requester__profile", "accepted_by__profile", "invitee")
        .order_by("pk")
    )
