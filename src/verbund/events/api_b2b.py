"""The organiser's read access to a B2B forum under /api/v1 (``events.manage``).

The instance and the schedule are exactly the JSON of the batch interface (docs/events.md),
so another system can fetch the instance, schedule it with ``verbund events schedule`` or
its own solver and compare with the published agenda.
"""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from verbund.api.crud import user_of
from verbund.core.services import access
from verbund.events.api import OPTIONAL_AUTH
from verbund.events.models import Event, MatchmakingSetup, MeetingRequest, Profile
from verbund.events.permissions import EVENTS_MANAGE
from verbund.events.services.agenda import build_instance, rep_id
from verbund.events.solver.model import instance_to_dict

router = Router(tags=["events"])


def _forum(request, event_id: int) -> Event:
    """A B2B event the caller may see (else 404) and manage (else 403)."""
    user = user_of(request)
    event = get_object_or_404(Event.objects.visible_to(user), pk=event_id)
    if not event.is_b2b:
        raise HttpError(404, "Diese Veranstaltung ist keine B2B-Kooperationsbörse.")
    access.require(user, EVENTS_MANAGE, event)
    return event


class RepresentativeOut(Schema):
    id: str
    name: str
    unavailable: list[str]


class B2BProfileOut(Schema):
    id: int
    company: str
    country: str
    city: str
    offers: str
    wants: str
    languages: str
    topics: list[str]
    representatives: list[RepresentativeOut]


class MeetingOut(Schema):
    id: int
    meeting: str
    status: str
    session: str
    requester: str
    requester_company: str
    invitee_company: str
    accepted_by: str | None
    created_at: str
    expires_at: str


@router.get("/events/{event_id}/b2b/profiles", response=list[B2BProfileOut], auth=OPTIONAL_AUTH)
def list_profiles(request, event_id: int):
    event = _forum(request, event_id)
    profiles = (
        Profile.objects.filter(event=event)
        .prefetch_related("topics", "representatives")
        .order_by("company", "pk")
    )
    return [
        {
            "id": profile.pk,
            "company": profile.company,
            "country": profile.country,
            "city": profile.city,
            "offers": profile.offers,
            "wants": profile.wants,
            "languages": profile.languages,
            "topics": [str(topic) for topic in profile.topics.all()],
            "representatives": [
                {"id": rep_id(r.pk), "name": r.name, "unavailable": list(r.unavailable)}
                for r in sorted(profile.representatives.all(), key=lambda r: r.pk)
            ],
        }
        for profile in profiles
    ]


@router.get("/events/{event_id}/b2b/meetings", response=list[MeetingOut], auth=OPTIONAL_AUTH)
def list_meetings(request, event_id: int, status: str | None = None):
    """Meeting requests of the forum (all, or one status: pending, accepted, ...)."""
    event = _forum(request, event_id)
    found = MeetingRequest.objects.filter(event=event).select_related(
        "requester__profile", "invitee", "accepted_by"
    )
    if status:
        if status not in MeetingRequest.Status.values:
            raise HttpError(422, f"Unbekannter Status: {status}")
        found = found.filter(status=status)
    return [
        {
            "id": item.pk,
            "meeting": item.meeting_id,
            "status": item.status,
            "session": item.session,
            "requester": rep_id(item.requester_id),
            "requester_company": item.requester.profile.company,
            "invitee_company": item.invitee.company,
            "accepted_by": rep_id(item.accepted_by_id) if item.accepted_by_id else None,
            "created_at": item.created_at.isoformat(),
            "expires_at": item.expires_at.isoformat(),
        }
        for item in found.order_by("pk")
    ]


@router.get("/events/{event_id}/b2b/instance", response=dict, auth=OPTIONAL_AUTH)
def get_instance(request, event_id: int):
    """The accepted meetings as the batch interface's instance JSON."""
    event = _forum(request, event_id)
    if not MatchmakingSetup.objects.filter(event=event).exists():
        raise HttpError(404, "Für diese Börse sind noch keine Slots und Tische festgelegt.")
    return instance_to_dict(build_instance(event))


@router.get("/events/{event_id}/b2b/schedule", response=dict, auth=OPTIONAL_AUTH)
def get_schedule(request, event_id: int, published: bool = False):
    """The current schedule (batch interface JSON), or the published one with
    ``?published=1``; 404 while there is none."""
    event = _forum(request, event_id)
    setup = MatchmakingSetup.objects.filter(event=event).first()
    schedule = (setup.published if published else setup.schedule) if setup else None
    if not schedule:
        raise HttpError(404, "Es gibt noch keinen Terminplan.")
    return {**schedule, "agenda": setup.agenda}
