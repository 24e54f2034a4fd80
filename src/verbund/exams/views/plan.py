"""Assignment pages: run the solver, watch progress, lock, edit, publish, decline."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.views.generic import editable_object
from verbund.exams import forms
from verbund.exams.models import Assignment, Claim, ExamPeriod, Sitting, UnfilledSeat
from verbund.exams.permissions import EXAMS_PLAN
from verbund.exams.services import notify, plan_edits, versions


def _version(request):
    """The plan version the page was rendered with (two planners, one plan)."""
    return versions.parse(request.POST.get("version"))


@login_required
def plan_by_examiner(request, pk):
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    rows = (
        Assignment.objects.filter(sitting__period=period, declined_at__isnull=True)
        .select_related("examiner__person", "sitting__occupation")
        .order_by("examiner__person__last_name", "examiner__pk", "sitting__date")
    )
    by_examiner = defaultdict(list)
    for row in rows:
        by_examiner[row.examiner].append(row)
    return render(
        request,
        "exams/plan_by_examiner.html",
        {"object": period, "by_examiner": sorted(by_examiner.items(), key=lambda i: str(i[0]))},
    )


@login_required
def unfilled_list(request, pk):
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    rows = UnfilledSeat.objects.filter(sitting__period=period).select_related(
        "sitting__occupation", "sitting__board"
    )
    return render(request, "exams/unfilled_list.html", {"object": period, "rows": rows})


@login_required
@require_POST
def assignment_lock(request, pk):
    assignment = editable_object(request.user, Assignment, pk, EXAMS_PLAN)
    try:
        plan_edits.set_locked(
            assignment,
            request.POST.get("locked") == "1",
            request.user,
            expected_version=_version(request),
        )
    except plan_edits.PlanEditError as error:
        messages.error(request, " ".join(error.errors))
    return redirect(assignment.sitting.get_absolute_url())


@login_required
@require_POST
def assignment_remove(request, pk):
    assignment = editable_object(request.user, Assignment, pk, EXAMS_PLAN)
    sitting = assignment.sitting
    try:
        plan_edits.unassign(assignment, request.user, expected_version=_version(request))
    except plan_edits.PlanEditError as error:
        messages.error(request, " ".join(error.errors))
    else:
        messages.success(request, _("Einsatz entfernt; der Platz ist frei."))
    return redirect(sitting)


@login_required
@require_POST
def sitting_assign(request, pk):
    """Put an examiner on a seat by hand; the checker's broken rule blocks saving."""
    sitting = editable_object(request.user, Sitting, pk, EXAMS_PLAN)
    form = forms.ManualAssignForm(sitting, request.POST)
    errors = []
    if form.is_valid():
        replace = None
        if request.POST.get("replace"):
            replace = get_object_or_404(
                Assignment, pk=request.POST["replace"], sitting=sitting, declined_at__isnull=True
            )
        try:
            plan_edits.assign_by_hand(
                sitting,
                form.cleaned_data["group"],
                form.cleaned_data["examiner"],
                request.user,
                replace=replace,
                override_reason=form.cleaned_data["override_reason"],
                expected_version=_version(request),
            )
        except plan_edits.PlanEditError as error:
            errors = error.errors
        else:
            messages.success(request, _("Einsatz gespeichert und gesperrt."))
            return redirect(sitting)
    return render(
        request,
        "exams/assign_error.html",
        {"object": sitting, "form": form, "rule_errors": errors},
        status=400,
    )


def _my_assignments(user):
    return (
        Assignment.objects.filter(examiner__person__user=user, published=True)
        .select_related("sitting__occupation", "sitting__board", "sitting__period")
        .order_by("sitting__date")
    )


@login_required
def my_sittings(request):
    """Meine Prüfungstermine: the examiner's published sittings, polls and claims."""
    from verbund.exams.models import Availability

    return render(
        request,
        "exams/my_sittings.html",
        {
            # has_claim: a sitting without a claim has no ``a.claim`` (the template must
            # not look it up).
            "assignments": _my_assignments(request.user)
            .select_related("claim")
            .annotate(has_claim=Exists(Claim.objects.filter(assignment=OuterRef("pk")))),
            "polls": Availability.objects.filter(examiner__person__user=request.user)
            .select_related("period")
            .order_by("-period__start"),
            "decline_form": forms.DeclineForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
def my_sittings_ics(request):
    # Declined sittings stay in the file as cancelled, so calendars drop them.
    rows = _my_assignments(request.user)
    body = notify.assignments_ics(rows, _("Meine Prüfungstermine"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
def assignment_decline(request, pk):
    """The examiner declines a published sitting; only that seat is re-planned.

    GET asks for confirmation (a decline cannot be taken back: the seat goes to someone
    else at once); the POST of that page declines.
    """
    assignment = _my_assignments(request.user).filter(pk=pk, declined_at__isnull=True).first()
    if assignment is None:
        raise Http404
    if request.method != "POST":
        return render(
            request,
            "exams/decline_confirm.html",
            {"assignment": assignment, "form": forms.DeclineForm()},
        )
    form = forms.DeclineForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        plan_edits.decline(assignment, request.user, reason)
    except plan_edits.PlanEditError as error:
        messages.error(request, " ".join(error.errors))
    else:
        messages.success(request, _("Abgesagt. Die Prüfungsorganisation ist informiert."))
    return redirect("exams:my_sittings")
