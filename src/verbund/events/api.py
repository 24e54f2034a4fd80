"""The registration API of docs/events.md (public events need no account) and the
organiser's read access to registrations."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from verbund.api.auth import api_auth
from verbund.api.crud import user_of
from verbund.core.services import access, rate_limits
from verbund.events.models import Event, Registration
from verbund.events.permissions import EVENTS_MANAGE
from verbund.events.services import registration as registrations
from verbund.events.services.calendar import absolute

router = Router(tags=["events"])


def anonymous(request):
    """No credentials: a visitor (public events only). Returned object is truthy."""
    return AnonymousUser()


# Signed-in users and tokens as everywhere; without credentials, an anonymous visitor.
OPTIONAL_AUTH = [*api_auth(), anonymous]


class EventOut(Schema):
    id: int
    title: str
    kind: str
    visibility: str
    start: datetime.datetime
    end: datetime.datetime
    place: str
    city: str
    organization: str
    capacity: int
    overbooking_margin: int
    seats_left: int
    waiting_list: int
    registration_open: bool
    url: str

    @staticmethod
    def resolve_organization(obj):
        return str(obj.organization)

    @staticmethod
    def resolve_seats_left(obj):
        return registrations.availability(obj).seats_left

    @staticmethod
    def resolve_waiting_list(obj):
        return registrations.availability(obj).waiting_list

    @staticmethod
    def resolve_registration_open(obj):
        return not registrations.closed_reason(obj)

    @staticmethod
    def resolve_url(obj):
        return absolute(obj.get_absolute_url())


class RegistrationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    email: str = Field(..., min_length=3, max_length=254)
    organization: str | None = Field(None, max_length=255)
    seats: int = Field(1, ge=1, le=100)


class RegistrationOut(Schema):
    id: int
    status: str
    position: int | None
    # None for a registration without an account: its personal link goes only by mail.
    cancel_url: str | None


class RegistrationRow(Schema):
    id: int
    name: str
    email: str
    organization: str = Field(alias="organization_name")
    seats: int
    status: str
    priority: int
    created_at: datetime.datetime
    checked_in_at: datetime.datetime | None
    no_show: bool
    # The answers to the event's registration questions, keyed by the question.
    answers: dict[str, str]

    @staticmethod
    def resolve_answers(obj):
        return {str(question): str(answer) for question, answer in (obj.answers or {}).items()}


def _cancel_url(registration) -> str:
    return absolute(reverse("api:cancel_registration", args=[registration.token]))


def _position(registration) -> int | None:
    """Counted under the seat lock when the registration was just taken, else looked up."""
    if hasattr(registration, "waiting_position"):
        return registration.waiting_position
    return registrations.position(registration)


def _answer(registration) -> dict:
    return {
        "id": registration.pk,
        "status": registration.status,
        "position": _position(registration),
        "cancel_url": _cancel_url(registration),
    }


@router.get("/events", response=list[EventOut], auth=OPTIONAL_AUTH)
def list_events(request, upcoming: bool = False):
    found = Event.objects.visible_to(user_of(request)).select_related("organization")
    if upcoming:
        found = found.filter(end__gte=timezone.now())
    return found


@router.get("/events/{event_id}", response=EventOut, auth=OPTIONAL_AUTH)
def get_event(request, event_id: int):
    return get_object_or_404(Event.objects.visible_to(user_of(request)), pk=event_id)


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut},
    auth=OPTIONAL_AUTH,
)
def register(request, event_id: int, payload: RegistrationIn):
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    user = user_of(request)
    anonymous = not user.is_authenticated
    if anonymous:
        rate_limits.check_api(request, "events.register", count=5, per=600)
    event = get_object_or_404(Event.objects.visible_to(user), pk=event_id)
    try:
        validate_email(payload.email.strip())
    except ValidationError as error:
        raise ValidationError({"email": error.messages}) from error
    try:
        created = registrations.register(
            event,
            name=payload.name,
            email=payload.email,
            seats=payload.seats,
            organization_name=payload.organization or "",
            user=user,
            hold_minutes=registrations.anonymous_hold_minutes() if anonymous else None,
        )
    except registrations.AlreadyRegistered as error:
        raise HttpError(409, str(error)) from error
    except registrations.RegistrationError as error:
        raise HttpError(422, str(error)) from error
    except IntegrityError as error:
        raise HttpError(409, str(error)) from error
    answer = _answer(created)
    if anonymous:
        answer["cancel_url"] = None  # the personal link goes only to the mailbox
    return Status(201, answer)


@router.get(
    "/events/registrations/{token}",
    response=RegistrationOut,
    auth=OPTIONAL_AUTH,
    url_name="registration_status",
)
def registration_status(request, token: str):
    return _answer(get_object_or_404(Registration, token=token))


@router.delete(
    "/events/registrations/{token}",
    response={204: None},
    auth=OPTIONAL_AUTH,
    url_name="cancel_registration",
)
def cancel_registration(request, token: str):
    """The cancel link: whoever holds the token may cancel (that is what the link is)."""
    found = get_object_or_404(Registration, token=token)
    registrations.cancel(found, user=user_of(request))
    return Status(204, None)


@router.get("/events/{event_id}/registrations", response=list[RegistrationRow])
def list_registrations(request, event_id: int):
    user = user_of(request)
    event = get_object_or_404(Event.objects.visible_to(user), pk=event_id)
    access.require(user, EVENTS_MANAGE, event)
    return event.registrations.all()


# The organiser's B2B read endpoints (profiles, meetings, instance, schedule).
from verbund.events import api_b2b  # noqa: E402

router.add_router("/", api_b2b.router)
