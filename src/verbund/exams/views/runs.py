"""Planning a period: goals, solver runs and their progress, the trade-off, publishing.

Every long computation runs as a django-tasks task (planning.start_run); these views
only start it, show its progress (htmx polls the partial) and act on the result.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import editing
from verbund.core.views.generic import editable_object
from verbund.exams import forms
from verbund.exams.models import ExamPeriod, PlanRun
from verbund.exams.permissions import EXAMS_PLAN
from verbund.exams.services import planning, publishing, tradeoffs, versions


@login_required
@require_POST
def run_start(request, pk):
    """Start a solve, a re-plan of some sittings or a comparison of every goal.

    Idempotent: while a run of the period is active, the planner is sent to that run.
    """
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    form = forms.SolveForm(request.POST)
    form.is_valid()  # bad values fall back to the defaults below
    data = form.cleaned_data
    sitting_codes = request.POST.getlist("sitting")
    if request.POST.get("kind") == PlanRun.Kind.COMPARE:
        kind = PlanRun.Kind.COMPARE
    else:
        kind = PlanRun.Kind.RESOLVE if sitting_codes else PlanRun.Kind.SOLVE
    run = planning.start_run(
        period,
        request.user,
        kind=kind,
        time_limit=data.get("time_limit") or planning.DEFAULT_TIME_LIMIT,
        sittings=sitting_codes,
        goal=data.get("goal") or period.goal,
        release_published=bool(data.get("release_published")),
    )
    if run.reused:
        messages.info(
            request,
            _("Für diesen Zeitraum läuft bereits eine Planung; hier sehen Sie ihren Stand."),
        )
    return redirect(run)


def _run(request, pk):
    run = get_object_or_404(
        PlanRun.objects.visible_to(request.user).select_related("period"), pk=pk
    )
    planning.active_run(run.period)  # a run whose worker died is retried or failed now
    run.refresh_from_db()
    return run


def _run_context(run):
    if run.kind != PlanRun.Kind.COMPARE:
        return {"run": run, "options": []}
    return {"run": run, "options": tradeoffs.rows(run), "note": tradeoffs.note(run)}


@login_required
def run_detail(request, pk):
    """The progress page: htmx polls the partial; without JS a meta refresh reloads."""
    return render(request, "exams/run_detail.html", _run_context(_run(request, pk)))


@login_required
def run_progress(request, pk):
    return render(request, "exams/_run_progress.html", _run_context(_run(request, pk)))


@login_required
@require_POST
def run_keep(request, pk):
    """The planner keeps one plan of a comparison."""
    run = _run(request, pk)
    editable_object(request.user, ExamPeriod, run.period_id, EXAMS_PLAN)
    try:
        tradeoffs.keep(run, request.POST.get("mode", ""), request.user)
    except tradeoffs.KeepError as error:
        for line in error.errors:
            messages.error(request, line)
        return redirect(run)
    messages.success(request, _("Plan übernommen. Er ist noch nicht veröffentlicht."))
    return redirect(run.period)


@login_required
def period_goals(request, pk):
    """Goal mode and euro weights of the period's balanced plan."""
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    form = forms.GoalsForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        try:
            editing.save_changes(
                ExamPeriod.objects.get(pk=period.pk),
                {name: form.cleaned_data[name] for name in form.Meta.fields},
                request.user,
                "exams.period",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Planungsziele gespeichert."))
            return redirect(period)
    return render(
        request,
        "exams/period_goals.html",
        {"object": period, "form": form, "euro_per_km": planning.euro_per_km(period)},
        status=400 if form.errors else 200,
    )


@login_required
def publish(request, pk):
    """GET: preview of what publishing changes and who is mailed; POST: publish it."""
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    if request.method == "POST":
        try:
            job = publishing.publish_in_background(
                period,
                request.user,
                expected_version=versions.parse(request.POST.get("version")),
                title=_("Plan veröffentlicht: %(period)s") % {"period": period.name},
                result_url=period.get_absolute_url(),
            )
        except versions.StaleVersion as error:
            messages.error(request, error.errors[0])
            return redirect("exams:publish", pk=period.pk)
        # the plan is published now; only the mails follow on the job page
        messages.success(
            request, _("Plan veröffentlicht. Die Prüfenden werden im Hintergrund benachrichtigt.")
        )
        return redirect(job.get_absolute_url())
    return render(
        request,
        "exams/publish_preview.html",
        {"object": period, "preview": publishing.preview(period)},
    )
