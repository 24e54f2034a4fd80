"""Exchanges of a partnership, the yearly report and the rate tables."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.models import Person
from verbund.core.services import audit
from verbund.core.views.generic import (
    ObjectDetailView,
    ObjectFormView,
    ObjectListView,
    editable_object,
)
from verbund.mobility import forms
from verbund.mobility.models import Exchange, ExchangeParticipant, ParticipantType, RateTable
from verbund.mobility.permissions import MOBILITY_PLAN
from verbund.mobility.services import reporting
from verbund.mobility.solver.model import STAY_DAYS
from verbund.networks.models import Network


class ExchangeListView(ObjectListView):
    model = Exchange
    template_name = "mobility/exchange_list.html"
    search_fields = ("title", "host__name", "place")
    filter_fields = ("network", "kind")
    sort_options = {"start": "start", "title": "title"}
    default_sort = "-start"
    create_url_name = "mobility:exchange_create"
    create_perm = MOBILITY_PLAN

    def get_queryset(self):
        return super().get_queryset().select_related("host", "network")


class ExchangeDetailView(ObjectDetailView):
    model = Exchange
    edit_perm = MOBILITY_PLAN
    template_name = "mobility/exchange_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exchange = context["object"]
        context.update(
            participants=exchange.participants.select_related("person", "organization")
            if context["may_edit"]
            else None,
            participant_count=exchange.participants.count(),
            programme=exchange.programme.all(),
            stays=exchange.stays.visible_to(self.request.user).select_related("person", "host"),
            day_form=forms.ExchangeDayForm(),
            participant_form=forms.ExchangeParticipantForm(),
        )
        return context


class ExchangeFormView(ObjectFormView):
    model = Exchange
    form_class = forms.ExchangeForm
    perm = MOBILITY_PLAN
    action_prefix = "mobility.exchange"


@login_required
@require_POST
def exchange_day_add(request, pk):
    exchange = editable_object(request.user, Exchange, pk, MOBILITY_PLAN)
    form = forms.ExchangeDayForm(request.POST)
    if form.is_valid():
        day = form.save(commit=False)
        day.exchange = exchange
        day.save()
        audit.record(
            exchange, "mobility.exchange.day_added", user=request.user, data={"date": str(day.date)}
        )
        messages.success(request, _("Programmtag gespeichert."))
    else:
        messages.error(request, _("Bitte Tag und Programm angeben."))
    return redirect(exchange)


@login_required
@require_POST
def exchange_participant_add(request, pk):
    exchange = editable_object(request.user, Exchange, pk, MOBILITY_PLAN)
    form = forms.ExchangeParticipantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        person = Person.objects.create(
            first_name=data["first_name"],
            last_name=data["last_name"],
            organization=data["organization"],
        )
        ExchangeParticipant.objects.create(
            exchange=exchange, person=person, role=data["role"], organization=data["organization"]
        )
        audit.record(
            exchange,
            "mobility.exchange.participant_added",
            user=request.user,
            data={"person": person.pk},
        )
        messages.success(request, _("Teilnahme gespeichert."))
    else:
        messages.error(request, _("Bitte Vorname, Nachname und Rolle angeben."))
    return redirect(exchange)


@login_required
def partnership_report(request, pk):
    network = get_object_or_404(
        Network.objects.visible_to(request.user).filter(kind=Network.Kind.PARTNERSCHAFT), pk=pk
    )
    years = reporting.years_of(network)
    try:
        year = int(request.GET.get("jahr") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    report = reporting.partnership_report(network, year) if year else None
    return render(
        request,
        "mobility/report.html",
        {"network": network, "years": years, "year": year, "report": report},
    )


@login_required
def rate_tables(request):
    tables = RateTable.objects.prefetch_related("bands", "daily_rates", "type_rates")
    stay_days = [(ParticipantType(kind).label, *days) for kind, days in STAY_DAYS.items()]
    return render(request, "mobility/rate_tables.html", {"tables": tables, "stay_days": stay_days})
