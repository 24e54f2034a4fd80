"""The organiser's pages: create/edit events, the registration list with check-in,
no-shows and waiting-list priorities, exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access, audit, editing
from verbund.core.views.generic import ObjectFormView, editable_object
from verbund.events.forms import EventForm, PriorityForm
from verbund.events.models import Event, Registration
from verbund.events.permissions import EVENTS_MANAGE
from verbund.events.services import calendar_changes, exports
from verbund.events.services import registration as registrations


class EventFormView(ObjectFormView):
    model = Event
    form_class = EventForm
    perm = EVENTS_MANAGE
    action_prefix = "events.event"

    def save(self, obj, data, form):
        data["questions"] = form.cleaned_data["questions"]
        if data.get("organization") is not None:
            access.require(
                self.request.user,
                EVENTS_MANAGE,
                Event(organization=data["organization"], network=data.get("network")),
            )
        before = calendar_changes.snapshot(obj)
        saved = editing.save_changes(obj, data, self.request.user, self.action_prefix)
        if calendar_changes.after_save(saved, before, self.request.user):
            messages.info(
                self.request,
                _("Zeit oder Ort geändert: die Angemeldeten erhalten den neuen Kalendereintrag."),
            )
        return saved


def _managed(request, pk) -> Event:
    return editable_object(request.user, Event, pk, EVENTS_MANAGE)


@login_required
def registration_list(request, pk):
    event = _managed(request, pk)
    status = request.GET.get("status", "")
    # Active registrations first (confirmed, offered, waiting), then the ended ones.
    rank = Case(
        When(status=Registration.Status.CONFIRMED, then=Value(0)),
        When(status=Registration.Status.OFFERED, then=Value(1)),
        When(status=Registration.Status.WAITLISTED, then=Value(2)),
        default=Value(3),
    )
    found = event.registrations.select_related("user").order_by(
        rank, "-priority", "created_at", "pk"
    )
    if status in Registration.Status.values:
        found = found.filter(status=status)
    rate = registrations.no_show_rate(event)
    return render(
        request,
        "events/registration_list.html",
        {
            "event": event,
            "object": event,
            "registrations": found,
            "queue": list(registrations.waiting_queue(event)),
            "free": registrations.availability(event),
            "no_show_rate": None if rate is None else round(rate * 100, 1),
            "status": status,
            "statuses": Registration.Status.choices,
            "history": audit.entries_for(event)[:30],
        },
    )


def _managed_registration(request, pk) -> Registration:
    registration = get_object_or_404(
        Registration.objects.visible_to(request.user).select_related("event"), pk=pk
    )
    access.require(request.user, EVENTS_MANAGE, registration.event)
    return registration


@login_required
@require_POST
def attendance(request, pk):
    registration = _managed_registration(request, pk)
    value = request.POST.get("present")
    present = {"1": True, "0": False}.get(value)
    try:
        registrations.set_attendance(registration, present=present, user=request.user)
    except registrations.RegistrationError as error:
        messages.error(request, str(error))
        target = reverse("events:registration_list", args=[registration.event_id])
        if request.htmx:  # the whole page, so that the message is read
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
    if request.htmx:
        return render(request, "events/_attendance.html", {"registration": registration})
    return redirect("events:registration_list", registration.event_id)


@login_required
@require_POST
def priority(request, pk):
    registration = _managed_registration(request, pk)
    form = PriorityForm(request.POST)
    if form.is_valid():
        registrations.set_priority(registration, form.cleaned_data["priority"], request.user)
        messages.success(request, _("Priorität gespeichert."))
    else:
        messages.error(request, _("Bitte eine Priorität zwischen -100 und 100 angeben."))
    return redirect("events:registration_list", registration.event_id)


@login_required
@require_POST
def organiser_cancel(request, pk):
    registration = _managed_registration(request, pk)
    registrations.cancel(registration, user=request.user)
    messages.success(request, _("Anmeldung storniert; die Warteliste rückt nach."))
    return redirect("events:registration_list", registration.event_id)


@login_required
def export(request, pk, fmt):
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404
    event = _managed(request, pk)
    if fmt == "csv":
        body, kind = exports.as_csv(event), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = exports.as_xlsx(event)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, kind = exports.as_pdf(event), "application/pdf"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="teilnehmende-{event.pk}.{fmt}"'
    return response


@login_required
@require_POST
def event_cancel(request, pk):
    """Cancel the event: STATUS:CANCELLED in every calendar, a mail to each participant."""
    event = _managed(request, pk)
    if calendar_changes.cancel(event, request.user):
        messages.success(
            request, _("Veranstaltung abgesagt. Die Angemeldeten werden benachrichtigt.")
        )
    else:
        messages.info(request, _("Die Veranstaltung war schon abgesagt."))
    return redirect("events:registration_list", pk=event.pk)
