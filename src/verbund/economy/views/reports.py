"""Reports: draft with live figures and editable texts, publishing, frozen public versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import audit, rendered
from verbund.core.services.rate_limits import rate_limited
from verbund.core.views.generic import ObjectFormView, editable_object
from verbund.economy import forms, tasks
from verbund.economy.models import Report, ReportVersion
from verbund.economy.permissions import ECONOMY_MANAGE
from verbund.economy.services import documents, extra, reports, rights
from verbund.economy.views.waves import managed_wave

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_POST
def report_create(request, pk):
    wave = managed_wave(request, pk)
    form = forms.ReportCreateForm(request.POST, wave=wave)
    if not form.is_valid():
        messages.error(request, _("Bitte eine Kammer des Netzwerks wählen."))
        return redirect(wave)
    chamber = form.cleaned_data["chamber"]
    if not rights.may_create(request.user, wave, chamber):
        raise PermissionDenied
    report = reports.report_for(wave, chamber, request.user)
    return redirect(report)


@login_required
def report_detail(request, pk):
    """The draft: the current protected figures with the texts, as the PDF will show them."""
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related("wave__network", "chamber"), pk=pk
    )
    snapshot = reports.draft_snapshot(report)
    mine = rights.chambers_for(request.user, report.wave.network)
    readers = mine if report.chamber_id is None else mine & {report.chamber_id}
    return render(
        request,
        "economy/report_detail.html",
        {
            **documents.context(snapshot),
            "report": report,
            "object": report,
            "may_manage": rights.may_edit(request.user, report),
            "missing": rights.missing_releases(report),
            "free_texts": extra.free_texts(report.wave, readers) if readers else [],
            "versions": report.versions.all(),
            "history": audit.entries_for(report)[:30],
        },
    )


class ReportTextsView(ObjectFormView):
    model = Report
    form_class = forms.ReportTextsForm
    perm = ECONOMY_MANAGE
    action_prefix = "economy.report"

    def get_object(self):
        report = super().get_object()
        if not rights.may_edit(self.request.user, report):
            raise PermissionDenied
        return report

    def save(self, obj, data, form):
        saved = super().save(obj, data, form)
        rights.clear_releases(saved)  # changed texts need every chamber's release again
        return saved


@login_required
@require_POST
def report_publish(request, pk):
    report = editable_object(request.user, Report, pk, ECONOMY_MANAGE)
    if not rights.may_edit(request.user, report):
        raise PermissionDenied
    if report.chamber_id is None:
        missing = rights.release(report, request.user)
        if missing:
            messages.info(
                request,
                _("Ihre Freigabe ist gespeichert. Es fehlt noch die Freigabe von: %(names)s.")
                % {"names": ", ".join(str(c.short_name or c) for c in missing)},
            )
            return redirect(report)
    if reports.is_large(report):
        Report.objects.filter(pk=report.pk).update(publishing_since=timezone.now())
        tasks.publish_report.enqueue(report.pk, request.user.pk)
        messages.info(request, _("Der Bericht wird im Hintergrund erstellt."))
        return redirect(report)
    version = reports.publish(report, request.user)
    messages.success(request, _("Fassung %(number)s veröffentlicht.") % {"number": version.number})
    return redirect(version)


def _version(pk) -> ReportVersion:
    """Published versions are public: the press and the member firms read them."""
    return get_object_or_404(ReportVersion.objects.select_related("report"), pk=pk)


# The page draws its charts (matplotlib) on every request.
@rate_limited("economy.report_page", count=30, per=60)
def version_detail(request, pk):
    version = _version(pk)
    return render(
        request,
        "economy/version_detail.html",
        {
            **documents.context(version.snapshot),
            "version": version,
            "press": reports.press_summary(version.snapshot),
        },
    )


def _filename(version, extension):
    return f"{slugify(version.snapshot['title'])}-{version.number}.{extension}"


@rate_limited("economy.report_file", count=20, per=60)
def version_pdf(request, pk):
    version = _version(pk)
    # Rendered once per version (the snapshot is frozen): ~2 s of WeasyPrint otherwise.
    content = rendered.once(
        "economy-report-pdf",
        version.snapshot,
        lambda: documents.pdf(version.snapshot),
        templates=["economy/report_pdf.html"],
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(version, "pdf")}"'
    return response


@rate_limited("economy.report_file", count=20, per=60)
def version_xlsx(request, pk):
    version = _version(pk)
    response = HttpResponse(documents.xlsx(version.snapshot), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(version, "xlsx")}"'
    return response


def version_press(request, pk):
    version = _version(pk)
    response = HttpResponse(
        reports.press_summary(version.snapshot), content_type="text/plain; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{_filename(version, "txt")}"'
    return response
