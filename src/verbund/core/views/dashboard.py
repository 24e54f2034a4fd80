from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from verbund.core.services.dashboard import context_for, key_figures, open_tasks


@login_required
def dashboard(request):
    user = request.user
    context = {"my_networks": [], "upcoming": []}
    # The apps add their parts (networks: the user's networks and next activities).
    context.update(context_for("dashboard", user))
    context.update(tasks=open_tasks(user)[:20], figures=key_figures(user))
    return render(request, "core/dashboard.html", context)
