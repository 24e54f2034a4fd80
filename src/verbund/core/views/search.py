from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render

from verbund.core.models import Organization
from verbund.core.services.dashboard import search_results

RESULTS_PER_KIND = 20


@login_required
def search(request):
    """One search field over organizations and what the apps add (networks, activities)."""
    query = request.GET.get("q", "").strip()
    results = {}
    if len(query) >= 2:
        user = request.user
        results = {
            "organizations": Organization.objects.visible_to(user).filter(
                Q(name__icontains=query) | Q(short_name__icontains=query) | Q(city__icontains=query)
            )[:RESULTS_PER_KIND],
        }
        results.update(search_results(user, query))
    return render(
        request,
        "core/search.html",
        {"query": query, "results": results, "too_short": 0 < len(query) < 2},
    )
