"""Upload page (the same validation report as ``verbund courses import``) and downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from verbund.core.models import Organization
from verbund.core.services import access
from verbund.courses.forms import ImportForm
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.services import catalog

# Show at most this many errors on the page (the count says how many there were).
MAX_SHOWN_ERRORS = 500
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
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
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
    return render(
        request,
        "courses/import.html",
        {
            "form": form,
            "report": report,
            "errors": report.errors[:MAX_SHOWN_ERRORS] if report else [],
            "more_errors": max(0, len(report.errors) - MAX_SHOWN_ERRORS) if report else 0,
        },
        status=400 if report is not None and not report.ok else 200,
    )


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
