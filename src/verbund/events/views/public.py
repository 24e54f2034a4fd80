"""Public pages: event list and detail (schema.org JSON-LD), registration, the personal
registration link (cancel, confirm an offer, no longer interested) and the ICS files."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access, surveys
from verbund.core.services.rate_limits import rate_limited
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


# Registrations without an account: a few per address (issue 24), each only held until
# the mailed link confirms it (services.registration).
@rate_limited("events.register", count=5, per=600, methods=("POST",))
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
                hold_minutes=None
                if user.is_authenticated
                else registrations.anonymous_hold_minutes(),
                consents=form.consents(),
            )
        except registrations.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            if not user.is_authenticated:
                # The personal link goes only to the mailbox: whoever merely submitted the
                # form must not confirm a seat for an address that is not theirs.
                messages.info(request, _anonymous_message(created))
                return redirect(event)
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


def _anonymous_message(created: Registration) -> str:
    if created.status == Registration.Status.OFFERED:
        return _(
            "Wir halten Ihren Platz %(minutes)s Minuten lang frei. Bitte bestätigen Sie die "
            "Anmeldung über den Link in der E-Mail an %(email)s; ohne Bestätigung verfällt "
            "die Reservierung."
        ) % {"minutes": registrations.anonymous_hold_minutes(), "email": created.email}
    return _(
        "Die Veranstaltung ist ausgebucht: Sie stehen auf Platz %(position)s der Warteliste. "
        "Den Link zu Ihrer Anmeldung haben wir an %(email)s geschickt."
    ) % {"position": registrations.position(created), "email": created.email}


def _activity(event, user):
    """The network activity, shown only to those who may open it (activities of a network
    are its members' business; a public event's visitors see the event alone)."""
    if not event.activity_id:
        return None
    from verbund.networks.models import Activity

    return Activity.objects.visible_to(user).filter(pk=event.activity_id).first()


def link_expired(registration) -> bool:
    """A registration's personal link ends with its event: afterwards it shows nothing."""
    return registration.event.end < timezone.now()


def registration_manage(request, token):
    """The personal link from every mail: whoever holds it manages this registration."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if link_expired(registration):
        return surveys.expired_link_page(request, not_yet=False)
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
    if link_expired(registration):
        return surveys.expired_link_page(request, not_yet=False)
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
