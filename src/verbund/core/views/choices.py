"""Search results for the organization field (``verbund.core.widgets``)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render

from verbund.core.models import Organization
from verbund.core.widgets import SEARCH_SUFFIX

MIN_QUERY_LENGTH = 2
MAX_CHOICES = 15


@login_required
def organization_choices(request):
    query = next(
        (value for key, value in request.GET.items() if key.endswith(SEARCH_SUFFIX)),
        request.GET.get("q", ""),
    ).strip()
    organizations = Organization.objects.none()
    kinds = [kind for kind in request.GET.getlist("kind") if kind in Organization.Kind.values]
    country = request.GET.get("country", "").strip().upper()[:2]
    if len(query) >= MIN_QUERY_LENGTH:
        visible = Organization.objects.visible_to(request.user)
        if kinds:
            visible = visible.filter(kind__in=kinds)
        if country:
            visible = visible.filter(country=country)
        organizations = visible.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query) | Q(city__icontains=query)
        ).order_by("name")[:MAX_CHOICES]
    return render(
        request,
        "core/_organization_choices.html",
        {"organizations": organizations, "query": query},
    )
