"""Upload page (the same validation report as ``verbund courses import``) and downloads."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from verbund.core.models import Organization
from verbund.core.services import access, import_jobs, jobs
from verbund.courses.forms import ImportForm
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.services import catalog, kursnet

# Larger uploads (about a thousand rows) are imported by the background worker.
BACKGROUND_IMPORT_BYTES = 200_000
# Exports of more offers than this are written by the background worker (XLSX of 20,000
# offers takes tens of seconds); the job page offers the file.
BACKGROUND_EXPORT_OFFERS = 2_000
# Show at most this many errors on the page (the count says how many there were).
MAX_SHOWN_ERRORS = 500
CONTENT_TYPES = catalog.EXPORT_TYPES


@login_required
def import_upload(request):
    if not access.has_perm(request.user, COURSES_EDIT_OWN):
        raise PermissionDenied(COURSES_EDIT_OWN)
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid() and form.cleaned_data["file"].size > BACKGROUND_IMPORT_BYTES:
            return _start_import_job(request, form.cleaned_data)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = catalog.import_file(
                upload.read(),
                upload.name,
                user=request.user,
                provider=form.cleaned_data["provider"],
                dry_run=form.cleaned_data["dry_run"],
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
            if report.written:
                messages.success(
                    request,
                    _(
                        "Import gespeichert: %(created)s neu, %(updated)s geändert, %(deleted)s gelöscht."
                    )
                    % {
                        "created": report.created,
                        "updated": report.updated,
                        "deleted": report.deleted,
                    },
                )
    else:
        form = ImportForm(user=request.user)
        job = import_jobs.finished(request, "courses.import")
        if job is not None:
            report = SimpleNamespace(**job.result)
    return render(
        request,
        "courses/import.html",
        {
            "form": form,
            "report": report,
            "offer_count": _offer_count(report),
            "errors": report.errors[:MAX_SHOWN_ERRORS] if report else [],
            "more_errors": _more_errors(report),
            # A dry run says per offer what the import would do (create, change, delete, refuse).
            "plan": catalog.plan(report)[:MAX_SHOWN_ERRORS]
            if isinstance(report, catalog.ImportReport) and not report.written
            else [],
        },
        status=400 if request.method == "POST" and report is not None and not report.ok else 200,
    )


def _start_import_job(request, data):
    upload = data["file"]
    return import_jobs.start(
        request,
        "courses.import",
        upload=upload,
        title=_("Import: %(file)s") % {"file": upload.name},
        page_url=reverse("courses:import"),
        provider=data["provider"].pk,
        dry_run=data["dry_run"],
        skip_invalid=data["skip_invalid"],
    )


def _offer_count(report) -> int:
    if report is None:
        return 0
    return report.offers if isinstance(report.offers, int) else len(report.offers)


def _more_errors(report) -> int:
    if report is None:
        return 0
    return getattr(report, "more_errors", 0) + max(0, len(report.errors) - MAX_SHOWN_ERRORS)


@login_required
def export_download(request, provider_pk, kind):
    if kind not in CONTENT_TYPES:
        raise Http404
    provider = get_object_or_404(
        Organization.objects.with_perm(request.user, COURSES_EDIT_OWN), pk=provider_pk
    )
    content_type, suffix = CONTENT_TYPES[kind]
    if catalog.export_queryset(provider).count() > BACKGROUND_EXPORT_OFFERS:
        job = jobs.start(
            "courses.export",
            user=request.user,
            title=_("Export der Angebote: %(provider)s (%(kind)s)")
            % {"provider": provider.name, "kind": suffix.upper()},
            params={"provider": provider.pk, "kind": kind},
        )
        return redirect(job.get_absolute_url())
    try:
        content = catalog.export(kind, provider)
    except kursnet.Incomplete as error:
        messages.error(
            request,
            _("Keine Datei erstellt: %(count)s fehlende Angaben, siehe Liste.")
            % {"count": len(error.problems)},
        )
        return redirect("courses:kursnet", provider_pk=provider.pk)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="angebote-{provider.pk}.{suffix}"'
    return response
