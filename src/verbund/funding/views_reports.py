"""Sachbericht pages: draft from the records, edit, release, supersede, PDF and XLSX."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access, audit
from verbund.core.views.generic import editable_object
from verbund.funding import forms
from verbund.funding.models import FinancingPlan, ProgressReport
from verbund.funding.permissions import FUNDING_MANAGE
from verbund.funding.services import documents, reports


@login_required
def report_create(request, pk):
    plan = editable_object(request.user, FinancingPlan, pk, FUNDING_MANAGE)
    form = forms.ReportDraftForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        report = reports.draft(
            plan,
            form.cleaned_data["kind"],
            form.cleaned_data["period_start"],
            form.cleaned_data["period_end"],
            request.user,
        )
        messages.success(request, _("Der Sachbericht ist aus den Daten des Netzwerks entworfen."))
        return redirect(report.get_absolute_url())
    return render(
        request,
        "funding/report_create.html",
        {"object": plan, "form": form},
        status=400 if form.is_bound else 200,
    )


def _report(request, pk) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.visible_to(request.user).select_related("plan__network"), pk=pk
    )


@login_required
def report_detail(request, pk):
    report = _report(request, pk)
    may_edit = report.editable and access.has_perm(request.user, FUNDING_MANAGE, report)
    form = forms.ReportTextForm(request.POST or None, report=report)
    if request.method == "POST":
        if not may_edit:
            raise access.Refused(_("Dieser Bericht kann nicht mehr geändert werden."))
        if form.is_valid():
            try:
                reports.edit(report, form.cleaned_data, request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Gespeichert."))
            return redirect(report.get_absolute_url())
    output = request.GET.get("format")
    if output == "pdf":
        response = HttpResponse(documents.report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="sachbericht-{report.period_end:%Y-%m-%d}-v{report.version}.pdf"'
        )
        return response
    if output == "xlsx":
        response = HttpResponse(
            documents.report_xlsx(report),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="sachbericht-{report.period_end:%Y-%m-%d}-v{report.version}.xlsx"'
        )
        return response
    return render(
        request,
        "funding/report_detail.html",
        {
            "object": report,
            "plan": report.plan,
            "form": form,
            "may_edit": may_edit,
            "history": audit.entries_for(report)[:50],
            "may_release": report.editable and reports.may_release(request.user, report.plan),
            "may_supersede": report.status == ProgressReport.Status.RELEASED
            and not hasattr(report, "superseded_by")
            and access.has_perm(request.user, FUNDING_MANAGE, report),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def report_release(request, pk):
    report = _report(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Bitte bestätigen Sie die Freigabe."))
        return redirect(report.get_absolute_url())
    try:
        reports.release(report, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Der Sachbericht ist freigegeben und kann nicht mehr geändert werden.")
        )
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def report_supersede(request, pk):
    report = _report(request, pk)
    access.require(request.user, FUNDING_MANAGE, report)
    try:
        successor = reports.supersede(report, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report.get_absolute_url())
    messages.success(
        request, _("Neue Fassung angelegt; sie ersetzt die alte, sobald sie freigegeben ist.")
    )
    return redirect(successor.get_absolute_url())
