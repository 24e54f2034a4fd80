from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from verbund.core.services.dashboard import key_figures, open_tasks
from verbund.networks.services.timeline import upcoming_activities


@login_required
def dashboard(request):
    from verbund.core.services import access
    from verbund.networks.models import Network

    user = request.user
    my_networks = Network.objects.filter(pk__in=access.member_network_ids(user))
    if user.is_superuser:
        my_networks = Network.objects.all()
    return render(
        request,
        "core/dashboard.html",
        {
            "my_networks": my_networks.prefetch_related("memberships__organization"),
            "upcoming": upcoming_activities(user, limit=10, own=True),
            "tasks": open_tasks(user)[:20],
            "figures": key_figures(user),
        },
    )
