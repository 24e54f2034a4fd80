"""The rotation plan of a Verbund: start runs (background task), progress, results, edits."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from verbund.apprenticeship.forms import RunForm, StayForm
from verbund.apprenticeship.models import Contract, RotationRun, TrainingProfile, VerbundSetup
from verbund.apprenticeship.permissions import PLAN_ROTATION
from verbund.apprenticeship.querysets import training_networks
from verbund.apprenticeship.services import costs, rotation, rule_texts
from verbund.apprenticeship.solver import cpsat
from verbund.core.services import access, audit
from verbund.networks.models import Network

REASONS = {
    cpsat.NO_STATION: gettext_lazy("Keine Station im Verbund vermittelt diese Position."),
    cpsat.NO_CAPACITY: gettext_lazy(
        "Keine Station hat in den freien Wochen der/des Auszubildenden Platz."
    ),
}


def _current_cohort() -> int:
    """Trainings start in August: before it, the cohort in training longest is last year's."""
    today = timezone.localdate()
    return today.year if today.month >= 8 else today.year - 1


def _network(request, pk):
    return get_object_or_404(training_networks(Network.objects.visible_to(request.user)), pk=pk)


@login_required
def verbund_detail(request, pk):
    network = _network(request, pk)
    may_plan = access.has_perm(request.user, PLAN_ROTATION, network)
    form = RunForm(request.POST or None, initial={"cohort": _current_cohort()})
    if request.method == "POST":
        access.require(request.user, PLAN_ROTATION, network)
        if form.is_valid():
            try:
                run = rotation.start_run(
                    network,
                    form.cleaned_data["occupation"],
                    request.user,
                    form.cleaned_data["cohort"],
                    form.cleaned_data["time_limit"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(run.get_absolute_url())
    return render(
        request,
        "apprenticeship/verbund_detail.html",
        {
            "network": network,
            "setup": VerbundSetup.objects.filter(network=network).first(),
            "runs": RotationRun.objects.visible_to(request.user)
            .filter(network=network)
            .select_related("occupation")[:20],
            "may_plan": may_plan,
            "form": form,
            "contracts": Contract.objects.visible_to(request.user)
            .filter(network=network)
            .select_related("apprentice"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _run(request, pk):
    return get_object_or_404(
        RotationRun.objects.visible_to(request.user).select_related("network", "occupation"), pk=pk
    )


def _timelines(run):
    """Per apprentice one row of weeks: school/blocked, a stay (station), or home."""
    labels = run.labels or {}
    positions = {
        p["id"]: p["title"] for p in run.instance.get("occupation", {}).get("positions", [])
    }
    weeks = run.instance.get("occupation", {}).get("weeks", 0)
    stays_by_apprentice = defaultdict(list)
    for index, stay in enumerate(run.plan.get("stays", [])):
        stays_by_apprentice[stay["apprentice"]].append((index, stay))
    rows = []
    for apprentice in run.instance.get("apprentices", []):
        cells = ["home"] * (weeks + 1)
        for week in apprentice.get("blocked_weeks", []):
            if 1 <= week <= weeks:
                cells[week] = "blocked"
        for _index, stay in stays_by_apprentice[apprentice["id"]]:
            for week in range(stay["start_week"], stay["start_week"] + stay["weeks"]):
                if 1 <= week <= weeks:
                    cells[week] = "stay"
        # names, not the instance's ids ("S5", position "12"), after the raw stay's fields
        stays = [
            {
                **stay,
                "index": index,
                "station": labels.get("stations", {}).get(stay["station"], stay["station"]),
                "position": positions.get(stay["position"], stay["position"]),
            }
            for index, stay in stays_by_apprentice[apprentice["id"]]
        ]
        rows.append(
            {
                "id": apprentice["id"],
                "name": labels.get("apprentices", {}).get(apprentice["id"], apprentice["id"]),
                "company": labels.get("companies", {}).get(
                    apprentice["company"], apprentice["company"]
                ),
                "cells": cells[1:],
                "stays": stays,
            }
        )
    return rows


def _per_company(timelines):
    """Per home company: apprentices, stays at partners and their weeks."""
    rows = {}
    for row in timelines:
        entry = rows.setdefault(
            row["company"], {"company": row["company"], "apprentices": 0, "stays": 0, "weeks": 0}
        )
        entry["apprentices"] += 1
        entry["stays"] += len(row["stays"])
        entry["weeks"] += sum(stay["weeks"] for stay in row["stays"])
    return sorted(rows.values(), key=lambda entry: entry["company"])


def _occupancy(run):
    labels = run.labels or {}
    weeks = run.instance.get("occupation", {}).get("weeks", 0)
    load = defaultdict(lambda: [0] * weeks)
    for stay in run.plan.get("stays", []):
        for week in range(stay["start_week"], stay["start_week"] + stay["weeks"]):
            if 1 <= week <= weeks:
                load[stay["station"]][week - 1] += 1
    rows = []
    for station in run.instance.get("stations", []):
        used = load[station["id"]]
        rows.append(
            {
                "name": labels.get("stations", {}).get(station["id"], station["id"]),
                "partner": labels.get("partners", {}).get(station["partner"], station["partner"]),
                "capacity": station["capacity"],
                "weeks_used": sum(1 for n in used if n),
                "peak": max(used, default=0),
            }
        )
    return rows


def _cost_split(run):
    setup = VerbundSetup.objects.filter(network=run.network).first()
    if not run.plan.get("stays"):
        return []
    lead = f"C{setup.lead_id}" if setup and setup.lead_id else None
    profiles = TrainingProfile.objects.filter(
        occupation=run.occupation, organization__memberships__network=run.network
    )
    lands = {f"C{p.organization_id}": p.land for p in profiles}
    own_costs = {f"C{p.organization_id}": p.own_cost_per_week for p in profiles}
    shares = costs.split(
        run.instance,
        run.plan,
        setup.model if setup else "auftrag",
        lead,
        lands,
        run.occupation.duration_months or 36,
        own_costs,
    )
    names = (run.labels or {}).get("companies", {})
    return [
        (names.get(s.company, s.company), s) for s in shares if s.pays or s.receives or s.stay_weeks
    ]


@login_required
def run_detail(request, pk):
    run = _run(request, pk)
    context = {
        "run": run,
        "may_plan": access.has_perm(request.user, PLAN_ROTATION, run),
        "history": audit.entries_for(run)[:20],
    }
    if run.status == RotationRun.Status.DONE:
        positions = {
            p["id"]: p["title"] for p in run.instance.get("occupation", {}).get("positions", [])
        }
        labels = run.labels or {}
        cost = dict.fromkeys(("training", "partners", "travel", "total"), 0)
        cost.update(run.plan.get("cost") or {})
        context.update(
            cost=cost,
            solver={"status": "", "seconds": 0, **(run.plan.get("solver") or {})},
            timelines=(timelines := _timelines(run)),
            companies=_per_company(timelines),
            occupancy=_occupancy(run),
            uncovered=[
                {
                    **u,
                    "name": labels.get("apprentices", {}).get(u["apprentice"], u["apprentice"]),
                    "title": positions.get(u["position"], u["position"]),
                    "reason_text": REASONS.get(u["reason"], u["reason"]),
                }
                for u in run.plan.get("uncovered", [])
            ],
            shares=_cost_split(run),
            setup=VerbundSetup.objects.filter(network=run.network).first(),
            # the checker's lines, in the reader's language and with names (not ids)
            broken=[
                rule_texts.in_words(line, labels, positions)
                for line in request.session.pop(f"rotation-broken-{run.pk}", None) or []
            ],
        )
    return render(request, "apprenticeship/run_detail.html", context)


@login_required
def run_progress(request, pk):
    return render(request, "apprenticeship/_run_progress.html", {"run": _run(request, pk)})


@login_required
@require_POST
def stay_edit(request, pk):
    run = _run(request, pk)
    access.require(request.user, PLAN_ROTATION, run)
    form = StayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte Beginn und Dauer als ganze Wochen angeben."))
        return redirect(run.get_absolute_url())
    try:
        broken = rotation.edit_stay(
            run,
            form.cleaned_data["index"],
            form.cleaned_data["start_week"],
            form.cleaned_data["weeks"],
            form.cleaned_data["locked"],
            request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(run.get_absolute_url())
    if broken:
        request.session[f"rotation-broken-{run.pk}"] = broken
        messages.error(request, _("Nicht gespeichert: die Änderung verletzt eine Regel."))
    else:
        messages.success(request, _("Einsatz gespeichert."))
    return redirect(run.get_absolute_url())


@login_required
@require_POST
def run_replan(request, pk):
    run = _run(request, pk)
    access.require(request.user, PLAN_ROTATION, run)
    try:
        new = rotation.start_run(
            run.network, run.occupation, request.user, run.cohort, run.time_limit, locked_from=run
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(run.get_absolute_url())
    return redirect(new.get_absolute_url())


def _money(value) -> str:
    return f"{value:.2f}".replace(".", ",")


@login_required
def funding_export(request, pk):
    """Antrag + Eintragung: the funding application data per company, with the contract
    status, as CSV (UTF-8 with BOM, ``;``: opens in German Excel)."""
    import csv
    import io

    from django.http import HttpResponse

    run = _run(request, pk)
    access.require(request.user, PLAN_ROTATION, run)
    cooperation = (
        Contract.objects.filter(network=run.network, kind=Contract.Kind.COOPERATION)
        .order_by("-pk")
        .first()
    )
    version = cooperation.current if cooperation else None
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Betrieb"),
            _("Förderprogramm"),
            _("Auszubildende im Verbund"),
            _("Wochen bei Partnern"),
            _("Erwartete Förderung (EUR)"),
            _("Zahlt im Verbund (EUR)"),
            _("Würde allein zahlen (EUR)"),
            _("Ersparnis gegenüber allein (EUR)"),
            _("Ersparnis gegenüber Bildungsanbieter (EUR)"),
            _("Kooperationsvertrag"),
        ]
    )
    not_known = _("eigene Wochenkosten nicht angegeben")
    for name, share in _cost_split(run):
        contract = _("Version %(n)s") % {"n": version.number} if version else _("noch keiner")
        writer.writerow(
            [
                name,
                share.programme or "–",
                len(share.apprentices),
                share.stay_weeks,
                _money(share.funding),
                _money(share.pays - share.receives),
                _money(share.alone) if share.alone is not None else not_known,
                _money(share.saving_alone) if share.alone is not None else not_known,
                _money(share.saving),
                contract,
            ]
        )
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="foerderantrag-{run.pk}.csv"'
    return response
