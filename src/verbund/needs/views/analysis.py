"""Analysis pages: dashboard with drill-down, charts, comparison, exports, gap report."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.models import Organization, Region, Topic
from verbund.core.services import access, jobs
from verbund.core.services.params import parse_id, parse_int
from verbund.needs import choices
from verbund.needs.models import Wave
from verbund.needs.services import analysis, charts, exports, gap_store, gaps

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def visible_wave(request, pk) -> Wave:
    return get_object_or_404(Wave.objects.visible_to(request.user).select_related("network"), pk=pk)


def _dim(request, name="group", default="district"):
    value = request.GET.get(name, default)
    return value if value in choices.DIMENSIONS else default


def _filter_options(wave):
    return {
        "district": [(r.pk, r.name) for r in wave.network.regions.order_by("name")]
        or [
            (r.pk, r.name) for r in Region.objects.filter(pk__in=wave.responses.values("district"))
        ],
        "sector": list(Organization.WzSection.choices),
        "size": list(Organization.SizeClass.choices),
        "topic": [(t.pk, t.label) for t in Topic.objects.all()],
        "target_group": list(choices.TargetGroup.choices),
    }


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def dashboard(request, pk):
    wave = visible_wave(request, pk)
    filters = analysis.Filters.from_mapping(request.GET)
    group = _dim(request)
    cross_dim = request.GET.get("cross")
    table = analysis.by_dimension(wave, group, filters)
    following = analysis.next_dimension(group, filters)
    for row in table["rows"]:
        if following and not row["hidden"]:
            params = {**filters.active(), group: row["key"][0], "group": following}
            row["drill_url"] = "?" + urlencode(params)
    chart_params = urlencode({**filters.active(), "group": group})
    cross = None
    if cross_dim in choices.DIMENSIONS and cross_dim != group:
        cross = analysis.cross(wave, group, cross_dim, filters)
    others = Wave.objects.visible_to(request.user).filter(network=wave.network).exclude(pk=wave.pk)
    return render(
        request,
        "needs/dashboard.html",
        {
            "wave": wave,
            "table": table,
            "group": group,
            "cross": cross,
            "cross_dim": cross_dim,
            "dimensions": [(dim, choices.DIMENSION_LABELS[dim]) for dim in choices.DIMENSIONS],
            "filters": filters.active(),
            "options": _filter_options(wave),
            "chart_query": chart_params,
            "export_query": urlencode(filters.active()),
            "summary": analysis.summary(wave),
            "other_waves": others,
        },
    )


@login_required
def chart(request, pk):
    wave = visible_wave(request, pk)
    filters = analysis.Filters.from_mapping(request.GET)
    table = analysis.by_dimension(wave, _dim(request), filters)
    svg = charts.bar_chart(table["rows"], table["label"], _("Betroffene Beschäftigte"))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    return response


@login_required
def export_xlsx(request, pk):
    wave = visible_wave(request, pk)
    content = exports.analysis_xlsx(wave, analysis.Filters.from_mapping(request.GET))
    return _download(content, XLSX, f"bedarfsanalyse-{wave.pk}.xlsx")


@login_required
@require_POST
def export_pdf(request, pk):
    """The PDF report is written in the background; the job page offers the download."""
    wave = visible_wave(request, pk)
    job = jobs.start(
        "needs.analysis_pdf",
        user=request.user,
        title=_("PDF-Bericht: %(wave)s") % {"wave": wave},
        params={"wave": wave.pk, "filters": analysis.Filters.from_mapping(request.GET).active()},
        result_url=reverse("needs:dashboard", args=[wave.pk]),
    )
    return redirect(job.get_absolute_url())


def _compared(request, pk):
    wave = visible_wave(request, pk)
    other_pk = request.GET.get("with", "")
    if parse_id(other_pk) is None:
        return wave, None
    return wave, visible_wave(request, parse_id(other_pk))


@login_required
def compare(request, pk):
    wave, other = _compared(request, pk)
    group = _dim(request)
    rows = analysis.compare(other, wave, group) if other else []
    return render(
        request,
        "needs/compare.html",
        {
            "wave": wave,
            "other": other,
            "rows": rows,
            "group": group,
            "chart_src": reverse("needs:compare_chart", args=[wave.pk])
            + "?"
            + urlencode({"with": other.pk, "group": group})
            if other
            else "",
            "dimensions": [(dim, choices.DIMENSION_LABELS[dim]) for dim in choices.DIMENSIONS],
            "other_waves": Wave.objects.visible_to(request.user).exclude(pk=wave.pk),
        },
    )


@login_required
def compare_chart(request, pk):
    wave, other = _compared(request, pk)
    if other is None:
        raise Http404
    group = _dim(request)
    rows = analysis.compare(other, wave, group)
    svg = charts.comparison_chart(
        rows, str(choices.DIMENSION_LABELS[group]), (str(other), str(wave))
    )
    return HttpResponse(svg, content_type="image/svg+xml")


# Gaps per district and topic by default: split by target group as well, most cells of a
# regional survey fall below the privacy threshold (37 of 56 in the demo were withheld).
BY_TARGET_GROUP_DEFAULT = "0"


def _horizon(request):
    value = request.GET.get("horizon", "12")
    horizon = parse_int(value)
    return horizon if horizon in gaps.HORIZONS else 12


def _by_target_group(request) -> bool:
    return request.GET.get("by_target_group", BY_TARGET_GROUP_DEFAULT) != "0"


def _gap_report(request, wave, districts=None, result_url=None):
    """The stored report, or the background job computing it (never computed here)."""
    params = gap_store.params_for(
        wave, by_target_group=_by_target_group(request), districts=districts
    )
    return gap_store.report_for(wave, params, request.user, result_url or request.get_full_path())


def _gap_query(request, horizon):
    return urlencode(
        {
            "horizon": horizon,
            "by_target_group": request.GET.get("by_target_group", BY_TARGET_GROUP_DEFAULT),
        }
    )


@login_required
def gap_page(request, pk):
    wave = visible_wave(request, pk)
    horizon = _horizon(request)
    context = {
        "wave": wave,
        "horizon": horizon,
        "horizons": gaps.HORIZONS,
        "query": _gap_query(request, horizon),
    }
    report = _gap_report(request, wave)
    if not isinstance(report, gap_store.StoredReport):
        # Computing in the background: the page shows the progress and links back here.
        return render(request, "needs/gaps.html", {**context, "job": report})
    shown, withheld = gaps.published(report.rows)
    shown = [row for row in shown if row.horizon == horizon]
    return render(
        request,
        "needs/gaps.html",
        {
            **context,
            "items": list(exports.gap_rows_for_export(shown[:200])),
            "total": len(shown),
            "withheld": withheld,
            "computed_at": report.computed_at,
        },
    )


@login_required
@require_POST
def gap_refresh(request, pk):
    """Compute the report anew (offers and runs changed since the stored one)."""
    wave = visible_wave(request, pk)
    params = gap_store.params_for(wave, by_target_group=_by_target_group(request), districts=None)
    result_url = (
        reverse("needs:gaps", args=[wave.pk]) + "?" + _gap_query(request, _horizon(request))
    )
    job = gap_store.start(wave, params, request.user, result_url, fresh=True)
    return redirect(job.get_absolute_url())


@login_required
def gap_xlsx(request, pk):
    wave = visible_wave(request, pk)
    report = _gap_report(request, wave)
    if not isinstance(report, gap_store.StoredReport):
        # The job page links this download again once the report is ready.
        return redirect(report.get_absolute_url())
    return _download(exports.gaps_xlsx(wave, report.rows), XLSX, f"luecken-{wave.pk}.xlsx")


@login_required
@require_POST
def gap_pdf(request, pk):
    wave = visible_wave(request, pk)
    job = jobs.start(
        "needs.gaps_pdf",
        user=request.user,
        title=_("Lückenbericht (PDF): %(wave)s") % {"wave": wave},
        params={
            "wave": wave.pk,
            "horizon": _horizon(request),
            "by_target_group": _by_target_group(request),
        },
        result_url=reverse("needs:gaps", args=[wave.pk]),
    )
    return redirect(job.get_absolute_url())


PROVIDER_KINDS = (
    Organization.Kind.PROVIDER,
    Organization.Kind.SCHOOL,
    Organization.Kind.UNIVERSITY,
)


def provider_waves(user):
    """(provider, wave) pairs: waves of networks covering the provider's region or with it as member."""
    providers = Organization.objects.filter(
        pk__in=access.member_organization_ids(user), kind__in=PROVIDER_KINDS
    )
    pairs = []
    for provider in providers.select_related("region"):
        for wave in Wave.objects.filter(
            Q(network__memberships__organization=provider) | Q(network__regions=provider.region_id),
            status__in=[Wave.Status.OPEN, Wave.Status.CLOSED],
        ).distinct():
            pairs.append((provider, wave))
    return pairs


@login_required
def provider_gaps(request):
    """A provider sees the gaps within reach of its own place, for fitting offers."""
    horizon = _horizon(request)
    sections = []
    for provider, wave in provider_waves(request.user):
        districts = gaps.provider_districts(provider, wave)
        report = _gap_report(request, wave, districts)
        if not isinstance(report, gap_store.StoredReport):
            sections.append({"provider": provider, "wave": wave, "job": report})
            continue
        shown, withheld = gaps.published(report.rows)
        shown = [row for row in shown if row.horizon == horizon]
        sections.append(
            {
                "provider": provider,
                "wave": wave,
                "items": list(exports.gap_rows_for_export(shown[:50])),
                "withheld": withheld,
                "computed_at": report.computed_at,
            }
        )
    return render(
        request,
        "needs/provider_gaps.html",
        {"sections": sections, "horizon": horizon, "horizons": gaps.HORIZONS},
    )
