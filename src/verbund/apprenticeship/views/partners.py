"""Verbundpartner finden and the contact requests between companies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.apprenticeship.forms import DecisionForm, PartnerRequestForm
from verbund.apprenticeship.models import PartnerRequest, Station, TrainingProfile
from verbund.apprenticeship.permissions import MANAGE_TRAINING
from verbund.apprenticeship.services import partners
from verbund.core.models import Organization
from verbund.core.services import access, audit
from verbund.core.views.generic import editable_object


def _named_sets(search):
    """Partner sets with organizations and stations looked up for the page."""
    station_ids = {int(a.station) for s in search.sets for a in s.assignments}
    stations = {
        s.pk: s
        for s in Station.objects.filter(pk__in=station_ids).select_related(
            "organization", "position"
        )
    }
    named = []
    for rank, found in enumerate(search.sets, start=1):
        by_partner = {}
        for assignment in found.assignments:
            station = stations[int(assignment.station)]
            entry = by_partner.setdefault(
                station.organization_id,
                {"organization": station.organization, "rows": [], "weeks": 0, "stations": set()},
            )
            entry["rows"].append((assignment, station))
            entry["weeks"] += assignment.gap.weeks
            entry["stations"].add(str(station.pk))
        for entry in by_partner.values():
            entry["station_ids"] = ",".join(sorted(entry["stations"]))
        named.append({"rank": rank, "set": found, "partners": list(by_partner.values())})
    return named


@login_required
def finder(request, pk):
    profile = editable_object(request.user, TrainingProfile, pk, MANAGE_TRAINING)
    try:
        position_gaps, search = partners.find_partners(profile)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(profile.get_absolute_url())
    titles = {g.position.code: g.position.title for g in position_gaps}
    return render(
        request,
        "apprenticeship/finder.html",
        {
            "profile": profile,
            "gaps": position_gaps,
            "search": search,
            "sets": _named_sets(search),
            "uncoverable": [(g, titles.get(g.position, g.position)) for g in search.uncoverable],
            "max_km": partners.MAX_KM,
        },
    )


@login_required
@require_POST
def request_create(request, pk):
    profile = editable_object(request.user, TrainingProfile, pk, MANAGE_TRAINING)
    form = PartnerRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Die Anfrage ist unvollständig."))
        return redirect("apprenticeship:finder", pk=profile.pk)
    partner = get_object_or_404(Organization, pk=form.cleaned_data["partner"])
    try:
        created = partners.request_partner(
            profile,
            partner,
            form.cleaned_data["stations"],
            form.cleaned_data["weeks"],
            form.cleaned_data["message"],
            request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("apprenticeship:finder", pk=profile.pk)
    messages.success(request, _("Anfrage an %(partner)s gesendet.") % {"partner": partner})
    return redirect(created.get_absolute_url())


@login_required
def request_detail(request, pk):
    partner_request = get_object_or_404(
        PartnerRequest.objects.visible_to(request.user).select_related(
            "requester", "partner", "occupation"
        ),
        pk=pk,
    )
    may_decide = partner_request.status == PartnerRequest.Status.PENDING and access.has_perm(
        request.user, MANAGE_TRAINING, partner_request.partner
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            access.require(request.user, MANAGE_TRAINING, partner_request.partner)
            messages.error(request, _("Diese Anfrage ist bereits beantwortet."))
            return redirect(partner_request.get_absolute_url())
        if form.is_valid():
            try:
                partners.decide(
                    partner_request,
                    form.cleaned_data["accept"],
                    form.cleaned_data["answer"],
                    request.user,
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Antwort gespeichert."))
            return redirect(partner_request.get_absolute_url())
    return render(
        request,
        "apprenticeship/request_detail.html",
        {
            "partner_request": partner_request,
            "stations": partner_request.stations.select_related("position"),
            "may_decide": may_decide,
            "form": form,
            "history": audit.entries_for(partner_request)[:20],
        },
        status=400 if request.method == "POST" else 200,
    )
