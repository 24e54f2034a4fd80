"""Upload page (the same validation report as ``verbund courses import``) and downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from verbund.core.models import Organization
from verbund.core.services import access
from verbund.courses.forms import ImportForm
from verbund.courses.models import ImportJob
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.services import catalog, import_jobs

CONTENT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "openqcat": ("application/xml", "xml"),
    "jsonld": ("application/ld+json", "jsonld"),
}


@login_required
def import_upload(request):
    if not access.has_perm(request.user, COURSES_EDIT_OWN):
        raise PermissionDenied(COURSES_EDIT_OWN)
    summary = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            options = {
                "provider": form.cleaned_data["provider"],
                "dry_run": form.cleaned_data["dry_run"],
                "skip_invalid": form.cleaned_data["skip_invalid"],
            }
            if upload.size > import_jobs.BACKGROUND_BYTES:  # too long for one request
                job = import_jobs.start_job(upload.read(), upload.name, request.user, **options)
                return redirect(job)
            report = catalog.import_file(upload.read(), upload.name, user=request.user, **options)
            summary = import_jobs.summarize(report)
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
    return render(
        request,
        "courses/import.html",
        {"form": form, "report": summary},
        status=400 if summary is not None and not summary["ok"] else 200,
    )


@login_required
def import_job(request, pk):
    """A background import: htmx polls the partial; the link reloads without JS."""
    job = get_object_or_404(ImportJob.objects.visible_to(request.user), pk=pk)
    return render(request, "courses/import_job.html", {"job": job, "report": job.result})


@login_required
def import_job_progress(request, pk):
    job = get_object_or_404(ImportJob.objects.visible_to(request.user), pk=pk)
    return render(request, "courses/_import_job_progress.html", {"job": job, "report": job.result})


@login_required
def export_download(request, provider_pk, kind):
    if kind not in CONTENT_TYPES:
        raise Http404
    provider = get_object_or_404(
        Organization.objects.with_perm(request.user, COURSES_EDIT_OWN), pk=provider_pk
    )
    content_type, suffix = CONTENT_TYPES[kind]
    response = HttpResponse(catalog.export(kind, provider), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="angebote-{provider.pk}.{suffix}"'
    return response
