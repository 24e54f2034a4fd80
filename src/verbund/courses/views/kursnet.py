"""The KURSNET page of a provider: its BA supplier id, what is missing, its deliveries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.models import Organization
from verbund.core.services import access, jobs
from verbund.courses.forms import KursnetSupplierForm
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.services import kursnet

# Deliveries or ZIPs of more offers than this are written by the background worker.
BACKGROUND_OFFERS = 2_000
MAX_SHOWN_PROBLEMS = 200


def _provider(request, provider_pk):
    return get_object_or_404(
        Organization.objects.with_perm(request.user, COURSES_EDIT_OWN), pk=provider_pk
    )


@login_required
def kursnet_page(request, provider_pk):
    provider = _provider(request, provider_pk)
    supplier = kursnet.supplier_of(provider)
    status = 200
    if request.method == "POST":
        form = KursnetSupplierForm(request.POST, instance=supplier)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form._meta.fields}
            try:
                kursnet.save_supplier(provider, data, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("KURSNET-Angaben gespeichert."))
                return redirect("courses:kursnet", provider_pk=provider.pk)
        status = 400
    else:
        form = KursnetSupplierForm(instance=supplier)
    problems = kursnet.problems(provider, kursnet.offers_of(provider))
    return render(
        request,
        "courses/kursnet.html",
        {
            "provider": provider,
            "form": form,
            "problems": problems[:MAX_SHOWN_PROBLEMS],
            "more_problems": max(0, len(problems) - MAX_SHOWN_PROBLEMS),
            "deliveries": provider.kursnet_deliveries.order_by("-seq_number")[:20],
        },
        status=status,
    )


def _refused(request, provider, error: kursnet.Incomplete):
    messages.error(
        request,
        _("Keine Datei erstellt: %(count)s fehlende Angaben, siehe Liste.")
        % {"count": len(error.problems)},
    )
    return redirect("courses:kursnet", provider_pk=provider.pk)


@login_required
@require_POST
def kursnet_deliver(request, provider_pk):
    """The next delivery (first: full catalogue, then differential), recorded and downloaded."""
    provider = _provider(request, provider_pk)
    if kursnet.offer_count([provider]) > BACKGROUND_OFFERS:
        job = jobs.start(
            "courses.kursnet_delivery",
            user=request.user,
            title=_("KURSNET-Lieferung: %(provider)s") % {"provider": provider.name},
            params={"provider": provider.pk},
        )
        return redirect(job.get_absolute_url())
    try:
        delivery = kursnet.deliver(provider)
    except kursnet.Incomplete as error:
        return _refused(request, provider, error)
    response = HttpResponse(delivery.content, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{delivery.filename}"'
    return response


@login_required
@require_POST
def kursnet_zip(request):
    """A chamber's (or any holder's) export: one full file per provider it may manage."""
    if not access.has_perm(request.user, COURSES_EDIT_OWN):
        raise PermissionDenied(COURSES_EDIT_OWN)
    providers = Organization.objects.with_perm(request.user, COURSES_EDIT_OWN).filter(
        kind=Organization.Kind.PROVIDER
    )
    job = jobs.start(
        "courses.kursnet_zip",
        user=request.user,
        title=_("KURSNET-Dateien aller Anbieter (ZIP)"),
        params={"providers": list(providers.values_list("pk", flat=True))},
        result_url=reverse("courses:import"),
    )
    return redirect(job.get_absolute_url())
