"""What events contributes to core's pages: tasks (a seat offered to the user, meeting
requests waiting for their answer), a company's event figures, the network's events.

Imported from ``EventsConfig.ready`` (core imports no feature app).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services.capabilities import Capability, capability_provider, links_to
from verbund.core.services.dashboard import (
    Figure,
    Task,
    companies_of,
    figure_provider,
    task_provider,
)


@task_provider
def offered_seats(user):
    if not user.is_authenticated:
        return []
    from verbund.events.models import Registration

    offered = Registration.objects.filter(user=user, status=Registration.Status.OFFERED)
    return [
        Task(
            title=_("Platz bestätigen: %(event)s") % {"event": registration.event},
            url=registration.get_absolute_url(),
            due=timezone.localtime(registration.offer_expires_at).date()
            if registration.offer_expires_at
            else None,
            context=_("Warteliste"),
        )
        for registration in offered.select_related("event")[:20]
    ]


@task_provider
def meeting_requests(user):
    if not user.is_authenticated:
        return []
    from verbund.events.models import MeetingRequest

    pending = MeetingRequest.objects.filter(
        invitee__representatives__user=user,
        status=MeetingRequest.Status.PENDING,
        expires_at__gt=timezone.now(),
    ).select_related("requester__profile", "event")
    return [
        Task(
            title=_("Gesprächsanfrage von %(company)s beantworten")
            % {"company": request.requester.profile},
            url=reverse("events:b2b_home", args=[request.event_id]),
            due=timezone.localtime(request.expires_at).date(),
            context=str(request.event),
        )
        for request in pending.distinct()[:20]
    ]


@figure_provider(order=105)
def company_event_figures(user):
    """A company: its registrations to coming events, events open for registration."""
    from verbund.events.models import Event, Registration
    from verbund.events.models.events import ACTIVE_STATUSES

    companies = companies_of(user)
    if not companies.exists():
        return []
    now = timezone.now()
    registered = (
        Registration.objects.filter(
            Q(user=user) | Q(organization__in=companies),
            status__in=ACTIVE_STATUSES,
            event__start__gte=now,
        )
        .values("event")
        .distinct()
        .count()
    )
    open_events = (
        Event.objects.visible_to(user)
        .filter(start__gte=now)
        .filter(Q(registration_opens__isnull=True) | Q(registration_opens__lte=now))
        .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gte=now))
        .count()
    )
    url = reverse("events:event_list")
    return [
        Figure(_("Ihre Anmeldungen zu kommenden Veranstaltungen"), registered, url),
        Figure(_("Veranstaltungen mit offener Anmeldung"), open_events, url),
    ]


@capability_provider(order=50)
def network_events(network, user):
    from verbund.events.models import Event

    events = (
        Event.objects.visible_to(user)
        .filter(network=network, end__gte=timezone.now())
        .order_by("start")
    )
    if not events.exists():
        return None
    return Capability(_("Veranstaltungen"), links_to(events))
