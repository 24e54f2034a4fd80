"""B2B matchmaking: profiles, representatives, meeting requests (with expiry and a cap on
pending requests) and the slot/table setup that the scheduler works on."""

import dataclasses
import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import audit, editing
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


# What the schedule is built on: changing one of these after publication moves meetings.
SCHEDULE_FIELDS = (
    "morning_start",
    "morning_slots",
    "afternoon_start",
    "afternoon_slots",
    "slot_minutes",
    "tables",
)
# More tables than any forum uses (1,000 companies need about 300); the instance lists
# every table, so an absurd number would cost memory in every run.
MAX_TABLES = 1000
DAY_MINUTES = 24 * 60


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def setup_problems(values: dict) -> list[str]:
    """The rules across fields of a setup (the single fields are checked by the model).

    Pure arithmetic on minutes, so absurd numbers give a message, never an overflow."""
    needed = ("morning_start", "morning_slots", "afternoon_start", "afternoon_slots")
    minutes = values.get("slot_minutes")
    if minutes is None or any(values.get(name) is None for name in needed):
        return []
    problems = []
    morning, afternoon = values["morning_slots"], values["afternoon_slots"]
    if morning + afternoon < 1:
        problems.append(_("Es ist mindestens ein Gesprächsslot (Vormittag oder Nachmittag) nötig."))
    morning_end = _minutes(values["morning_start"]) + morning * minutes
    afternoon_start = _minutes(values["afternoon_start"])
    afternoon_end = afternoon_start + afternoon * minutes
    if morning_end > DAY_MINUTES or afternoon_end > DAY_MINUTES:
        problems.append(_("Die Gespräche müssen vor Mitternacht enden; bitte weniger Slots."))
    elif morning and afternoon and morning_end > afternoon_start:
        problems.append(
            _(
                "Der Vormittag endet um %(end)s und damit nach dem Beginn des Nachmittags "
                "(%(start)s); bitte weniger Slots am Vormittag oder einen späteren Beginn."
            )
            % {"end": _clock(morning_end), "start": _clock(afternoon_start)}
        )
    return problems


def schedule_published(setup: MatchmakingSetup) -> bool:
    return bool(setup.published.get("scheduled"))


def schedule_changes(setup: MatchmakingSetup, values: dict) -> list[str]:
    """The fields in ``values`` that would change the ground the schedule stands on."""
    return [
        name for name in SCHEDULE_FIELDS if name in values and values[name] != getattr(setup, name)
    ]


def update_setup(setup: MatchmakingSetup, values: dict, user, *, confirmed: bool = False) -> bool:
    """Change the setup (audited); True if the published schedule must be recomputed.

    Changing slots or tables after publication needs ``confirmed``: the published agenda
    no longer fits them (slot ids are numbered through the day, so even the afternoon moves
    when the morning gets a slot more)."""
    # Compared with the stored row: a ModelForm has already written its values to ``setup``.
    stored = MatchmakingSetup.objects.get(pk=setup.pk)
    problems = setup_problems(
        {**{name: getattr(stored, name) for name in SCHEDULE_FIELDS}, **values}
    )
    if problems:
        raise ValidationError(problems)
    recompute = schedule_published(stored) and bool(schedule_changes(stored, values))
    if recompute and not confirmed:
        raise ValidationError(
            {
                "confirm": _(
                    "Der Terminplan ist veröffentlicht. Wenn Slots oder Tische sich ändern, "
                    "muss er neu berechnet und wieder veröffentlicht werden; bitte bestätigen."
                )
            },
            code="confirm",
        )
    editing.save_changes(
        setup,
        values,
        user,
        "events.matchmaking_setup",
        extra_audit={"recompute_needed": True} if recompute else None,
    )
    return recompute


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
    try:
        with transaction.atomic():
            # Lock, recount, write: parallel requests of one representative queue on its
            # row (PostgreSQL; SQLite's BEGIN IMMEDIATE serialises the whole transaction),
            # so the cap holds; counted outside the lock it was exceeded in 2 of 4 rounds.
            Representative.objects.select_for_update().filter(pk=requester.pk).exists()
            if pending_count(requester) >= setup.max_pending:
                raise MatchmakingError(
                    _("Sie haben bereits %(count)s offene Anfragen; warten Sie erst Antworten ab.")
                    % {"count": setup.max_pending}
                )
            created = MeetingRequest.objects.create(
                event=event,
                requester=requester,
                invitee=invitee,
                message=message.strip()[:1000],
                session=session,
                expires_at=timezone.now() + datetime.timedelta(minutes=setup.request_minutes),
            )
    except IntegrityError as error:
        raise MatchmakingError(_("An dieses Unternehmen läuft bereits eine Anfrage.")) from error
    audit.record(created, "events.meeting_request.sent", user=requester.user)
    return created


def answer(request: MeetingRequest, representative: Representative, *, accept: bool):
    if representative.profile_id != request.invitee_id:
        raise MatchmakingError(_("Nur das angefragte Unternehmen kann antworten."))
    expire_requests()
    with transaction.atomic():
        # The row lock makes a double click (or two colleagues) answer once.
        current = MeetingRequest.objects.select_for_update().get(pk=request.pk)
        if current.status != Status.PENDING:
            request.refresh_from_db()
            raise MatchmakingError(
                _("Die Anfrage ist nicht mehr offen (%(status)s).")
                % {"status": current.get_status_display()}
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


@dataclasses.dataclass(frozen=True)
class ProfileSearch:
    """The filters of the profile list; whatever is not a sensible value is no filter."""

    text: str = ""
    country: str = ""
    language: str = ""
    topic: int | None = None

    @classmethod
    def from_params(cls, params) -> "ProfileSearch":
        # From a URL anyone can type: NUL bytes (PostgreSQL refuses them in a string),
        # non-ASCII digits ("²".isdigit() is true, int() fails) and ids beyond the column.
        text = params.get("q", "").replace("\x00", "").strip()[:200]
        country = params.get("land", "").strip().upper()
        language = params.get("sprache", "").strip().lower()
        topic = params.get("thema", "").strip()
        return cls(
            text=text,
            country=country if re.fullmatch(r"[A-Z]{2}", country) else "",
            language=language if re.fullmatch(r"[a-z]{2,3}", language) else "",
            topic=int(topic) if re.fullmatch(r"[0-9]{1,9}", topic) else None,
        )


def search_profiles(event, search: ProfileSearch):
    profiles = event.profiles.prefetch_related("topics")
    if search.text:
        profiles = profiles.filter(
            Q(company__icontains=search.text)
            | Q(offers__icontains=search.text)
            | Q(wants__icontains=search.text)
        )
    if search.country:
        profiles = profiles.filter(country__iexact=search.country)
    if search.language:
        # Whole codes of the list ("de, fr"): "e" must not find every "de" and "en".
        profiles = profiles.filter(languages__iregex=rf"(^|[^a-z]){search.language}([^a-z]|$)")
    if search.topic is not None:
        profiles = profiles.filter(topics=search.topic)
    return profiles.distinct()


def profile_countries(event) -> list[str]:
    return sorted(set(event.profiles.values_list("country", flat=True)))


def set_unavailable(representative: Representative, slot_ids: list[str], *, user) -> list[str]:
    """The slots in which the representative cannot hold meetings (audited). The next
    scheduling run keeps them free; a published schedule stays until then."""
    setup = setup_for(representative.profile.event)
    if setup.agenda == MatchmakingSetup.Agenda.FINAL:
        raise MatchmakingError(
            _("Der Terminplan ist endgültig; bitte wenden Sie sich an die Organisation.")
        )
    known = [slot.id for slot in slots(setup)]
    unknown = sorted(set(slot_ids) - set(known))
    if unknown:
        raise MatchmakingError(
            _("Unbekannter Slot: %(slots)s. Bitte laden Sie die Seite neu.")
            % {"slots": ", ".join(unknown)[:100]}
        )
    chosen = [slot for slot in known if slot in set(slot_ids)]
    old = list(representative.unavailable)
    if chosen != old:
        representative.unavailable = chosen
        representative.save(update_fields=["unavailable"])
        audit.record(
            representative,
            "events.representative.unavailable_changed",
            user=user,
            changes={"unavailable": (old, chosen)},
        )
    return chosen
