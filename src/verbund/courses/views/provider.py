"""Provider self-service: own offers with badges, create/edit/copy/archive, runs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import access
from verbund.core.views.generic import ObjectFormView, editable_object
from verbund.courses import forms
from verbund.courses.models import Offer, Run
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.services import offers as offer_service

PAGE_SIZE = 25
STATUS_FILTERS = ("active", "archived", "dormant", "hidden")


def _require_provider_staff(user):
    if not access.has_perm(user, COURSES_EDIT_OWN):
        raise PermissionDenied(COURSES_EDIT_OWN)


@login_required
def my_offers(request):
    _require_provider_staff(request.user)
    today = timezone.localdate()
    own = Offer.objects.with_perm(request.user, COURSES_EDIT_OWN)
    dormant = set(offer_service.dormant_offers(own, today).values_list("pk", flat=True))
    hidden = offer_service.hidden_ids(own, today)
    queryset = own.select_related("provider").annotate(
        run_count=Count("runs", distinct=True),
        next_start=Min("runs__start_date", filter=Q(runs__start_date__gte=today)),
    )
    query = request.GET.get("q", "").strip()
    if query:
        queryset = queryset.filter(Q(title__icontains=query) | Q(external_id__icontains=query))
    status = request.GET.get("status", "")
    if status in ("active", "archived"):
        queryset = queryset.filter(status=status)
    elif status == "dormant":
        queryset = queryset.filter(pk__in=dormant)
    elif status == "hidden":
        queryset = queryset.filter(pk__in=hidden)
    page = Paginator(queryset.order_by("title", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "courses/my_offers.html",
        {
            "page": page,
            "object_list": page.object_list,
            "dormant": dormant,
            "hidden": hidden,
            "dormant_count": len(dormant),
            "query": query,
            "status": status,
            "querystring": params.urlencode(),
        },
    )


class OfferFormView(ObjectFormView):
    model = Offer
    form_class = forms.OfferForm
    perm = COURSES_EDIT_OWN
    action_prefix = "courses.offer"

    def save(self, obj, data, form):
        if data.get("provider") and not access.has_perm(
            self.request.user, COURSES_EDIT_OWN, data["provider"]
        ):
            raise PermissionDenied(COURSES_EDIT_OWN)
        return offer_service.save_offer(obj, data, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context.get("object")
        context["cancel_url"] = (
            obj.get_absolute_url() if obj is not None and obj.pk else "/kurse/meine/"
        )
        return context


def _offer_for_edit(request, pk):
    return editable_object(request.user, Offer, pk, COURSES_EDIT_OWN)


@login_required
def offer_copy(request, pk):
    offer = _offer_for_edit(request, pk)
    if request.method == "POST":
        copy = offer_service.copy_offer(
            offer, request.user, with_runs=bool(request.POST.get("runs"))
        )
        messages.success(request, _("Kopie angelegt. Bitte Titel und Termine prüfen."))
        return redirect("courses:offer_edit", copy.pk)
    return render(request, "courses/offer_copy.html", {"offer": offer, "object": offer})


@login_required
def offer_status(request, pk, status):
    """Archive (with confirmation) or reactivate."""
    offer = _offer_for_edit(request, pk)
    if status not in Offer.Status.values:
        raise PermissionDenied
    if request.method == "POST":
        offer_service.set_status(offer, status, request.user)
        messages.success(
            request,
            _("Angebot archiviert: es erscheint nicht mehr in der Suche.")
            if status == Offer.Status.ARCHIVED
            else _("Angebot wieder aktiv."),
        )
        return redirect(offer.get_absolute_url())
    return render(
        request, "courses/offer_status.html", {"offer": offer, "object": offer, "status": status}
    )


@login_required
def offer_delete(request, pk):
    offer = _offer_for_edit(request, pk)
    if request.method == "POST":
        title = offer.title
        offer_service.delete_offer(offer, request.user)
        messages.success(request, _("Gelöscht: %(object)s") % {"object": title})
        return redirect("courses:my_offers")
    return render(
        request,
        "core/object_confirm_delete.html",
        {"object": offer, "cancel_url": offer.get_absolute_url()},
    )


@login_required
def run_form(request, offer_pk=None, pk=None):
    if pk is not None:
        run = get_object_or_404(Run.objects.visible_to(request.user).select_related("offer"), pk=pk)
        offer = _offer_for_edit(request, run.offer_id)
    else:
        offer = _offer_for_edit(request, offer_pk)
        run = Run(offer=offer)
    form_kwargs = {"instance": run, "offer": offer}
    if request.method == "POST":
        form = forms.RunForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form._meta.fields}
            try:
                offer_service.save_run(run, data, request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Termin gespeichert."))
                return redirect(offer.get_absolute_url())
        status = 400
    else:
        form = forms.RunForm(**form_kwargs)
        status = 200
    return render(
        request,
        "courses/run_form.html",
        {"form": form, "offer": offer, "object": run, "creating": pk is None},
        status=status,
    )


@login_required
def run_delete(request, pk):
    run = get_object_or_404(Run.objects.visible_to(request.user).select_related("offer"), pk=pk)
    offer = _offer_for_edit(request, run.offer_id)
    if request.method == "POST":
        offer_service.delete_run(run, request.user)
        messages.success(request, _("Termin gelöscht."))
        return redirect(offer.get_absolute_url())
    return render(
        request,
        "core/object_confirm_delete.html",
        {"object": run, "cancel_url": offer.get_absolute_url()},
    )
