"""Public pages (no login): the course search and the offer page."""

import logging
from collections import defaultdict

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.core.models import Organization, Region
from verbund.core.services import access, audit
from verbund.core.services.params import parse_ids
from verbund.core.services.rate_limits import rate_limited
from verbund.courses.models import (
    Certificate,
    Format,
    Funding,
    Offer,
    Run,
    TargetGroup,
    TimeOfDay,
)
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.search import SearchResult
from verbund.courses.services import jsonld
from verbund.courses.services import search as search_service
from verbund.courses.services.indexing import IndexUnavailable

logger = logging.getLogger(__name__)

# (parameter, heading) of the facet groups in the order the page shows them.
FACET_GROUPS = (
    ("topic", _("Thema")),
    ("format", _("Format")),
    ("region", _("Region")),
    ("time_of_day", _("Tageszeit")),
    ("funding", _("Förderung")),
    ("target_group", _("Zielgruppe")),
    ("certificate", _("Abschluss")),
    ("language", _("Sprache")),
    ("provider", _("Anbieter")),
)
SORT_LABELS = (
    ("relevance", _("Relevanz")),
    ("start", _("Beginn")),
    ("price", _("Preis")),
    ("distance", _("Entfernung")),
)


def _selected_labels(dimension: str, values: list[str]) -> dict[str, str]:
    """Labels of chosen filter values (they stay visible even when their count is 0)."""
    choices = {
        "format": Format,
        "time_of_day": TimeOfDay,
        "funding": Funding,
        "target_group": TargetGroup,
        "certificate": Certificate,
    }
    if dimension in choices:
        return {v: str(dict(choices[dimension].choices).get(v, v)) for v in values}
    if dimension == "topic":
        names = search_service.cached_names(search_service.topic_label_source(), values)
        return {value: names[value] for value in values if value in names}
    if dimension in ("region", "provider"):
        model = Region if dimension == "region" else Organization
        ids = parse_ids(values)
        return {
            str(pk): name for pk, name in model.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    return {v: str(search_service.LANGUAGE_NAMES.get(v, v)) for v in values}


# Each search reads the index and counts facets: enough for a person, not for a scraper.
@rate_limited("courses.search", count=60, per=60)
def course_search(request):
    params = dict(request.GET.lists())
    parsed = search_service.parse_params(params)
    try:
        result, items = search_service.search(parsed.request, dropped=parsed.dropped_words)
    except IndexUnavailable:
        logger.exception("The course index cannot be opened; run `verbund courses reindex`")
        result, items = SearchResult(0, 1, parsed.request.page_size, []), []
        parsed.errors["index"] = _("Die Suche ist vorübergehend nicht verfügbar.")
    facets = search_service.facet_labels(result.facets)
    groups = []
    for name, heading in FACET_GROUPS:
        chosen = params.get(name, [])
        options = [
            {"value": value, "label": label, "count": count, "checked": value in chosen}
            for value, label, count in facets.get(name, [])
        ][:12]
        shown = {option["value"] for option in options}
        for value, label in _selected_labels(name, [v for v in chosen if v not in shown]).items():
            options.insert(0, {"value": value, "label": label, "count": 0, "checked": True})
        if options:
            groups.append({"name": name, "heading": heading, "options": options})
    pages = max(1, -(-result.total // result.page_size))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "parsed": parsed,
        "params": defaultdict(
            str, {key: values[0] if values else "" for key, values in params.items()}
        ),
        "result": result,
        "items": items,
        "groups": groups,
        "sorts": SORT_LABELS,
        "radii": search_service.RADII,
        "default_radius": search_service.DEFAULT_RADIUS,
        "page": result.page,
        "pages": pages,
        "previous_page": result.page - 1 if result.page > 1 else None,
        "next_page": result.page + 1 if result.page < pages else None,
        "querystring": query.urlencode(),
        "errors": defaultdict(str, parsed.errors),
    }
    template = "courses/_search_area.html" if request.htmx else "courses/search.html"
    return render(request, template, context, status=503 if "index" in parsed.errors else 200)


def offer_detail(request, pk):
    offer = get_object_or_404(
        Offer.objects.visible_to(request.user).select_related("provider", "contact_person"),
        pk=pk,
    )
    today = timezone.localdate()
    runs = list(offer.runs.select_related("region"))
    upcoming = set(Run.objects.filter(offer=offer).upcoming(today).values_list("pk", flat=True))
    may_edit = access.has_perm(request.user, COURSES_EDIT_OWN, offer)
    context = {
        "offer": offer,
        "object": offer,
        "runs": [(run, run.pk in upcoming) for run in runs],
        "has_upcoming": bool(upcoming),
        "topics": list(offer.topics.all()),
        "provider": offer.provider,
        "jsonld": jsonld.script_json(offer, runs),
        "may_edit": may_edit,
        "history": audit.entries_for(offer)[:50] if may_edit else [],
        "funding_labels": [dict(Funding.choices).get(f, f) for f in offer.funding or []],
        "group_labels": [dict(TargetGroup.choices).get(g, g) for g in offer.target_groups or []],
        "language_label": search_service.LANGUAGE_NAMES.get(offer.language, offer.language),
    }
    return render(request, "courses/offer_detail.html", context)
