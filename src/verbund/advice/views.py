"""Advisory offices, cases, recommendations and the advisor's worklist."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.advice import forms
from verbund.advice.models import Advisor, Case, CaseNeed, Contact, Office
from verbund.advice.permissions import ADVICE_MANAGE
from verbund.advice.services import cases, statistics
from verbund.core.services import access, audit, editing
from verbund.core.services.params import parse_id
from verbund.core.views.generic import ObjectFormView, ObjectListView
from verbund.courses.models import Offer


class OfficeListView(ObjectListView):
    model = Office
    template_name = "advice/office_list.html"
    search_fields = ("name", "city", "network__name")
    sort_options = {"name": "name", "city": "city"}
    default_sort = "name"
    create_url_name = "advice:office_create"
    create_perm = ADVICE_MANAGE

    def get_queryset(self):
        return super().get_queryset().select_related("network", "host")


class OfficeFormView(ObjectFormView):
    model = Office
    form_class = forms.OfficeForm
    perm = ADVICE_MANAGE
    action_prefix = "advice.office"


@login_required
def office_detail(request, pk):
    office = get_object_or_404(
        Office.objects.visible_to(request.user).select_related("network", "host"), pk=pk
    )
    may_manage = access.has_perm(request.user, ADVICE_MANAGE, office)
    may_counsel = cases.may_counsel(request.user, office)
    advisor_form = forms.AdvisorForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if advisor_form.is_valid():
            advisor, _created = Advisor.objects.get_or_create(
                office=office, user=advisor_form.cleaned_data["username"]
            )
            audit.record(
                office,
                "advice.office.advisor_added",
                user=request.user,
                data={"user": advisor.user_id},
            )
            return redirect(office)
    return render(
        request,
        "advice/office_detail.html",
        {
            "office": office,
            "object": office,
            "may_manage": may_manage,
            "may_counsel": may_counsel,
            "advisors": office.advisors.select_related("user"),
            "districts": office.districts.all(),
            "cases": office.cases.visible_to(request.user).select_related(
                "organization", "advisor"
            )[:100]
            if may_counsel
            else [],
            "advisor_form": advisor_form,
            "history": audit.entries_for(office)[:30],
        },
        status=400 if request.method == "POST" else 200,
    )


def _counselled_office(request, pk) -> Office:
    office = get_object_or_404(Office.objects.visible_to(request.user), pk=pk)
    if not cases.may_counsel(request.user, office):
        raise PermissionDenied
    return office


def _case(request, pk) -> Case:
    return get_object_or_404(Case.objects.visible_to(request.user).select_related("office"), pk=pk)


class CaseFormView(ObjectFormView):
    model = Case
    form_class = forms.CaseForm
    action_prefix = "advice.case"
    privacy_notice = "hinweis-advice"

    def get_object(self):
        if "pk" in self.kwargs:
            return _case(self.request, self.kwargs["pk"])
        office = _counselled_office(self.request, self.kwargs["office"])
        return Case(office=office, advisor=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = context["object"]
        context["cancel_url"] = obj.get_absolute_url() if obj.pk else obj.office.get_absolute_url()
        return context


@login_required
def case_detail(request, pk):
    case = _case(request, pk)
    matches = cases.recommendations_for(case) if "empfehlen" in request.GET else None
    return render(
        request,
        "advice/case_detail.html",
        {
            "case": case,
            "object": case,
            "needs": case.needs.select_related("topic"),
            "contacts": case.contacts.all(),
            "recommendations": case.recommendations.select_related("offer", "need__topic"),
            "matches": matches,
            "history": audit.entries_for(case)[:30],
        },
    )


@login_required
def case_need_create(request, pk):
    case = _case(request, pk)
    form = forms.CaseNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        editing.save_changes(CaseNeed(case=case), data, request.user, "advice.caseneed")
        messages.success(request, _("Bedarf erfasst."))
        return redirect(case)
    return render(
        request,
        "core/object_form.html",
        {
            "form": form,
            "creating": True,
            "model_meta": CaseNeed._meta,
            "cancel_url": case.get_absolute_url(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def recommend(request, pk):
    case = _case(request, pk)
    offer = get_object_or_404(
        Offer.objects.visible_to(request.user), pk=parse_id(request.POST.get("offer"), 0)
    )
    need_pk = parse_id(request.POST.get("need"))
    need = case.needs.filter(pk=need_pk).first() if need_pk else None
    cases.recommend(case, offer, need, request.user)
    messages.success(request, _("Empfehlung gespeichert: %(offer)s") % {"offer": offer})
    return redirect(case)


@login_required
def worklist(request):
    return render(request, "advice/worklist.html", {"cases": cases.worklist(request.user)})


@login_required
def contact_create(request, pk):
    """Record one contact (visit, call, video, office) in a case."""
    case = _case(request, pk)
    form = forms.ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        editing.save_changes(
            Contact(case=case, created_by=request.user), data, request.user, "advice.contact"
        )
        messages.success(request, _("Kontakt erfasst."))
        return redirect(case)
    return render(
        request,
        "core/object_form.html",
        {
            "form": form,
            "creating": True,
            "model_meta": Contact._meta,
            "cancel_url": case.get_absolute_url(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def office_statistics(request, pk):
    """Quarterly figures for the funder: counts only, for the office's managers and advisors."""
    office = get_object_or_404(Office.objects.visible_to(request.user), pk=pk)
    if not (
        access.has_perm(request.user, ADVICE_MANAGE, office)
        or cases.may_counsel(request.user, office)
    ):
        raise PermissionDenied
    today = datetime.date.today()
    year = parse_id(request.GET.get("jahr"), today.year)
    if not 2000 <= year <= today.year + 1:
        year = today.year
    rows = statistics.quarterly(office, year)
    return render(
        request,
        "advice/office_statistics.html",
        {
            "office": office,
            "object": office,
            "year": year,
            "years": range(today.year, today.year - 5, -1),
            "rows": rows,
            "channels": Contact.Channel.choices,
            "districts": rows[-1].companies_by_district,
        },
    )
