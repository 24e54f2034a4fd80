from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render

from verbund.core.models import Organization

RESULTS_PER_KIND = 20


@login_required
def search(request):
    """One search field over organizations, networks and activities the user may see."""
    from verbund.networks.models import Activity, Network

    query = request.GET.get("q", "").strip()
    results = {}
    if len(query) >= 2:
        user = request.user
        results = {
            "organizations": Organization.objects.visible_to(user).filter(
                Q(name__icontains=query) | Q(short_name__icontains=query) | Q(city__icontains=query)
            )[:RESULTS_PER_KIND],
            "networks": Network.objects.visible_to(user).filter(
                Q(name__icontains=query)
                | Q(short_name__icontains=query)
                | Q(description__icontains=query)
            )[:RESULTS_PER_KIND],
            "activities": Activity.objects.visible_to(user)
            .filter(
                Q(title__icontains=query) | Q(place__icontains=query) | Q(notes__icontains=query)
            )
            .select_related("network")[:RESULTS_PER_KIND],
        }
    return render(
        request,
        "core/search.html",
        {"query": query, "results": results, "too_short": 0 < len(query) < 2},
    )
