"""Public pages: event list and detail (schema.org JSON-LD), registration, the personal
registration link (cancel, confirm an offer, no longer interested) and the ICS files."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access
from verbund.events.forms import RegistrationForm
from verbund.events.models import Event, Registration
from verbund.events.permissions import EVENTS_MANAGE
from verbund.events.services import calendar
from verbund.events.services import registration as registrations
from verbund.events.services.jsonld import event_jsonld, jsonld_script


def _visible(request, pk) -> Event:
    return get_object_or_404(
        Event.objects.visible_to(request.user).select_related("organization", "host", "network"),
        pk=pk,
    )


def event_list(request):
    show_past = request.GET.get("vergangene") == "1"
    events = Event.objects.visible_to(request.user).select_related("organization", "host")
    events = (
        events.filter(end__lt=timezone.now())
        if show_past
        else events.filter(end__gte=timezone.now())
    )
    rows = [(event, registrations.availability(event)) for event in events[:200]]
    return render(
        request,
        "events/event_list.html",
        {
            "rows": rows,
            "show_past": show_past,
            "may_create": access.has_perm(request.user, EVENTS_MANAGE),
        },
    )


def event_detail(request, pk):
    event = _visible(request, pk)
    user = request.user
    own = (
        event.registrations.filter(user=user, status__in=("confirmed", "offered", "waitlisted"))
        .order_by("-pk")
        .first()
        if user.is_authenticated
        else None
    )
    initial = {}
    if user.is_authenticated:
        person = getattr(user, "person", None)
        initial = {
            "name": user.get_full_name() or user.get_username(),
            "email": user.email,
            "organization_name": str(person.organization) if person and person.organization else "",
        }
    form = RegistrationForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = getattr(user, "person", None) if user.is_authenticated else None
        try:
            created = registrations.register(
                event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                seats=form.cleaned_data["seats"],
                organization_name=form.cleaned_data["organization_name"],
                organization=person.organization if person else None,
                user=user,
                answers=form.answers(),
                consents=form.consents(),
            )
        except registrations.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            if created.status == Registration.Status.CONFIRMED:
                messages.success(
                    request, _("Sie sind angemeldet. Die Bestätigung kommt per E-Mail.")
                )
            else:
                messages.info(
                    request,
                    _(
                        "Die Veranstaltung ist ausgebucht: Sie stehen auf Platz %(position)s der Warteliste."
                    )
                    % {"position": registrations.position(created)},
                )
            return redirect("events:registration_manage", created.token)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "object": event,
            "free": registrations.availability(event),
            "closed_reason": registrations.closed_reason(event),
            "form": form,
            "own": own,
            "jsonld": jsonld_script(event_jsonld(event, request)),
            "may_manage": access.has_perm(user, EVENTS_MANAGE, event),
            "topics": event.topics.all(),
            "activity": _activity(event, user),
        },
        status=400 if request.method == "POST" else 200,
    )


def _activity(event, user):
    """The network activity, shown only to those who may open it (activities of a network
    are its members' business; a public event's visitors see the event alone)."""
    if not event.activity_id:
        return None
    from verbund.networks.models import Activity

    return Activity.objects.visible_to(user).filter(pk=event.activity_id).first()


def registration_manage(request, token):
    """The personal link from every mail: whoever holds it manages this registration."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    return render(
        request,
        "events/registration_manage.html",
        {
            "registration": registration,
            "event": registration.event,
            "position": registrations.position(registration),
        },
    )


@require_POST
def registration_action(request, token):
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    action = request.POST.get("action")
    try:
        if action == "accept":
            registrations.accept_offer(registration, user=request.user)
            messages.success(request, _("Ihr Platz ist bestätigt."))
        elif action == "cancel":
            registrations.cancel(registration, user=request.user)
            messages.success(request, _("Ihre Abmeldung ist gespeichert."))
        else:
            messages.error(request, _("Unbekannte Aktion."))
    except registrations.RegistrationError as error:
        messages.error(request, str(error))
    return redirect("events:registration_manage", token)


def event_ics(request, pk):
    event = _visible(request, pk)
    response = HttpResponse(calendar.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="veranstaltung-{event.pk}.ics"'
    return response


def feed_ics(request):
    """The public events as a subscribable calendar."""
    events = Event.objects.public().filter(end__gte=timezone.now())[:500]
    return HttpResponse(
        calendar.feed_ics(events, _("Veranstaltungen")), content_type="text/calendar; charset=utf-8"
    )
