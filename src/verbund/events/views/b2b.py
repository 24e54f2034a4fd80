"""B2B matchmaking pages: profiles and search, requests and answers, the organiser's
scheduling (background run with progress), publishing, agendas and the table plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.models import Topic
from verbund.core.services import access
from verbund.core.services import pdf as pdf_documents
from verbund.events.forms import MatchmakingSetupForm, MeetingRequestForm, ProfileForm
from verbund.events.models import Event, MeetingRequest, Profile, ScheduleRun
from verbund.events.permissions import EVENTS_MANAGE
from verbund.events.services import agenda, matchmaking
from verbund.events.services.calendar import agenda_ics


def _b2b_event(request, pk) -> Event:
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
    if not event.is_b2b:
        raise Http404
    return event


def _managed_b2b(request, pk) -> Event:
    """An organiser's B2B page: 404 if invisible or not a B2B forum, 403 without the right."""
    event = _b2b_event(request, pk)
    access.require(request.user, EVENTS_MANAGE, event)
    return event


@login_required
def b2b_home(request, pk):
    event = _b2b_event(request, pk)
    setup = matchmaking.setup_for(event)
    me = matchmaking.representative_of(event, request.user)
    search = matchmaking.ProfileSearch.from_params(request.GET)
    profiles = matchmaking.search_profiles(event, search)
    may_manage = access.has_perm(request.user, EVENTS_MANAGE, event)
    matchmaking.expire_requests()
    return render(
        request,
        "events/b2b_home.html",
        {
            "event": event,
            "setup": setup,
            "me": me,
            "profiles": profiles[:300],
            "search": search,
            "query": search.text,
            "countries": matchmaking.profile_countries(event),
            "topics": Topic.objects.filter(pk__in=event.profiles.values("topics")),
            "received": me.profile.received.select_related("requester__profile") if me else [],
            "sent": me.sent_requests.select_related("invitee") if me else [],
            "may_manage": may_manage,
            "runs": event.schedule_runs.all()[:5] if may_manage else [],
            "accepted_count": matchmaking.accepted(event).count(),
        },
    )


@login_required
def join(request, pk):
    event = _b2b_event(request, pk)
    if matchmaking.representative_of(event, request.user):
        return redirect("events:b2b_home", event.pk)
    person = getattr(request.user, "person", None)
    organization = person.organization if person else None
    initial = {
        "company": str(organization) if organization else "",
        "city": getattr(organization, "city", ""),
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields if name != "topics"}
        representative = matchmaking.join(event, request.user, organization=organization, **data)
        representative.profile.topics.set(form.cleaned_data["topics"])
        messages.success(request, _("Ihr Profil ist veröffentlicht."))
        return redirect("events:b2b_home", event.pk)
    return render(
        request,
        "core/object_form.html",
        {
            "form": form,
            "creating": True,
            "model_meta": Profile._meta,
            "cancel_url": event.get_absolute_url(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def profile_detail(request, pk):
    profile = get_object_or_404(
        Profile.objects.visible_to(request.user).select_related("event"), pk=pk
    )
    event = profile.event
    me = matchmaking.representative_of(event, request.user)
    form = MeetingRequestForm(request.POST or None) if me and me.profile_id != profile.pk else None
    if request.method == "POST":
        if form is None and me is not None:
            messages.error(request, _("Mit dem eigenen Unternehmen ist kein Gespräch nötig."))
            return redirect(profile)
        if form is None:
            messages.error(request, _("Bitte zuerst ein eigenes Profil anlegen."))
            return redirect("events:b2b_join", event.pk)
        if form.is_valid():
            try:
                matchmaking.send_request(
                    me,
                    profile,
                    message=form.cleaned_data["message"],
                    session=form.cleaned_data["session"],
                )
            except matchmaking.MatchmakingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Gesprächsanfrage gesendet."))
                return redirect("events:b2b_home", event.pk)
    return render(
        request,
        "events/profile_detail.html",
        {
            "profile": profile,
            "event": event,
            "form": form,
            "representatives": profile.representatives.all(),
            "topics": profile.topics.all(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def answer(request, pk):
    meeting_request = get_object_or_404(
        MeetingRequest.objects.visible_to(request.user).select_related("event"), pk=pk
    )
    me = matchmaking.representative_of(meeting_request.event, request.user)
    if me is None or me.profile_id != meeting_request.invitee_id:
        raise Http404
    try:
        matchmaking.answer(meeting_request, me, accept=request.POST.get("accept") == "1")
        messages.success(request, _("Antwort gespeichert."))
    except matchmaking.MatchmakingError as error:
        messages.error(request, str(error))
    return redirect("events:b2b_home", meeting_request.event_id)


@login_required
def setup_edit(request, pk):
    event = _managed_b2b(request, pk)
    setup = matchmaking.setup_for(event)
    form = MatchmakingSetupForm(request.POST or None, instance=setup)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            recompute = matchmaking.update_setup(
                setup, values, request.user, confirmed=bool(form.cleaned_data.get("confirm"))
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("B2B-Einstellungen gespeichert."))
            if recompute:
                messages.warning(
                    request, _("Bitte den Terminplan neu berechnen und wieder veröffentlichen.")
                )
            return redirect("events:b2b_home", event.pk)
    return render(
        request,
        "events/b2b_setup.html",
        {"event": event, "setup": setup, "form": form, "published": "confirm" in form.fields},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def schedule_start(request, pk):
    event = _managed_b2b(request, pk)
    run = agenda.start_run(event, request.user)
    return redirect(run)


def _run(request, pk) -> ScheduleRun:
    run = get_object_or_404(
        ScheduleRun.objects.visible_to(request.user).select_related("event"), pk=pk
    )
    return run


@login_required
def run_detail(request, pk):
    return render(request, "events/run_detail.html", {"run": _run(request, pk)})


@login_required
def run_progress(request, pk):
    return render(request, "events/_run_progress.html", {"run": _run(request, pk)})


@login_required
@require_POST
def publish(request, pk):
    event = _managed_b2b(request, pk)
    setup = matchmaking.setup_for(event)
    if not setup.schedule.get("scheduled"):
        messages.error(request, _("Es gibt noch keinen berechneten Terminplan."))
    else:
        agenda.publish(setup, final=request.POST.get("final") == "1", user=request.user)
        messages.success(
            request,
            _("Terminplan veröffentlicht: %(state)s") % {"state": setup.get_agenda_display()},
        )
    return redirect("events:b2b_home", event.pk)


@login_required
def table_plan(request, pk):
    event = _managed_b2b(request, pk)
    setup = matchmaking.setup_for(event)
    return render(
        request,
        "events/table_plan.html",
        {
            "event": event,
            "setup": setup,
            "rows": agenda.table_plan(event, setup.schedule),
            "unscheduled": setup.schedule.get("unscheduled", []),
            "objective": setup.schedule.get("objective", {}),
        },
    )


@login_required
def my_agenda(request, pk, fmt="html"):
    event = _b2b_event(request, pk)
    me = matchmaking.representative_of(event, request.user)
    if me is None:
        raise Http404
    setup = matchmaking.setup_for(event)
    rows = agenda.agenda_for(me) if setup.agenda != setup.Agenda.NONE else []
    context = {"event": event, "setup": setup, "me": me, "rows": rows}
    if fmt == "ics":
        body = agenda_ics(event, rows, _("B2B-Termine: %(event)s") % {"event": event})
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="b2b-termine-{event.pk}.ics"'
        return response
    if fmt == "pdf":
        html = render_to_string("events/pdf/agenda.html", context)
        response = HttpResponse(pdf_documents.render(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="b2b-termine-{event.pk}.pdf"'
        return response
    if fmt != "html":
        raise Http404
    blocked = set(me.unavailable)
    context["slots"] = [
        {"slot": slot, "blocked": slot.id in blocked} for slot in matchmaking.slots(setup)
    ]
    return render(request, "events/my_agenda.html", context)


@login_required
@require_POST
def availability(request, pk):
    """A representative marks the slots in which they cannot hold meetings."""
    event = _b2b_event(request, pk)
    me = matchmaking.representative_of(event, request.user)
    if me is None:
        raise Http404
    try:
        matchmaking.set_unavailable(me, request.POST.getlist("unavailable"), user=request.user)
        messages.success(
            request,
            _(
                "Ihre Zeiten sind gespeichert. Sie gelten ab der nächsten Berechnung des Terminplans."
            ),
        )
    except matchmaking.MatchmakingError as error:
        messages.error(request, str(error))
    return redirect("events:b2b_agenda", event.pk)
