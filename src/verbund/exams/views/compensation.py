"""Compensation: rate tables, the examiner's claim, approval and payment export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access
from verbund.core.views.generic import ObjectFormView, ObjectListView, editable_object
from verbund.exams import forms
from verbund.exams.models import Assignment, Claim, RateTable
from verbund.exams.permissions import EXAMS_COMPENSATION
from verbund.exams.services import compensation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RateListView(ObjectListView):
    model = RateTable
    template_name = "exams/rate_list.html"
    create_url_name = "exams:rate_create"
    create_perm = EXAMS_COMPENSATION

    def get_queryset(self):
        return super().get_queryset().select_related("chamber")


class RateFormView(ObjectFormView):
    model = RateTable
    form_class = forms.RateTableForm
    perm = EXAMS_COMPENSATION
    action_prefix = "exams.ratetable"


@login_required
def claim_create(request, assignment):
    """The examiner claims after a sitting: hours (with travel and waiting) and km."""
    found = (
        Assignment.objects.filter(
            pk=assignment, examiner__person__user=request.user, published=True
        )
        .select_related("sitting__board__chamber")
        .first()
    )
    if found is None:
        raise Http404
    form = forms.ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            compensation.submit(
                found, form.cleaned_data["hours"], form.cleaned_data["km"], request.user
            )
        except compensation.CompensationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Antrag eingereicht."))
            return redirect("exams:my_sittings")
    return render(
        request,
        "core/object_form.html",
        {
            "form": form,
            "creating": True,
            "model_meta": Claim._meta,
            "object": found,
            # The assignment's own page is the planner's; the examiner returns to theirs.
            "cancel_url": reverse("exams:my_sittings"),
        },
        status=400 if form.errors else 200,
    )


def _claims(request):
    if not access.has_perm(request.user, EXAMS_COMPENSATION):
        raise PermissionDenied(EXAMS_COMPENSATION)
    return Claim.objects.with_perm(request.user, EXAMS_COMPENSATION).select_related(
        "assignment__examiner__person", "assignment__sitting"
    )


@login_required
def claim_list(request):
    claims = _claims(request)
    status = request.GET.get("status", Claim.Status.SUBMITTED)
    if status:
        claims = claims.filter(status=status)
    return render(
        request,
        "exams/claim_list.html",
        {"claims": claims, "status": status, "statuses": Claim.Status.choices},
    )


@login_required
@require_POST
def claim_decide(request, pk):
    claim = editable_object(request.user, Claim, pk, EXAMS_COMPENSATION)
    try:
        compensation.decide(
            claim,
            request.POST.get("approve") == "1",
            request.user,
            reason=request.POST.get("reason", "")[:2000],
        )
    except compensation.CompensationError as error:
        messages.error(request, str(error))
    return redirect("exams:claim_list")


@login_required
def claim_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    claims = _claims(request).filter(status=Claim.Status.APPROVED)
    if fmt == "xlsx":
        response = HttpResponse(compensation.export_xlsx(claims), content_type=XLSX)
    else:
        response = HttpResponse(
            compensation.export_csv(claims), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="pruefer-entschaedigung.{fmt}"'
    return response
