"""Dashboard tasks: a seat offered to the user, meeting requests waiting for their answer."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services.dashboard import Task, task_provider


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
