"""The search index page for administrators: its state and a rebuild as a background job."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.models import Job
from verbund.core.services import jobs
from verbund.courses.jobs import REINDEX
from verbund.courses.models import Offer
from verbund.courses.services import indexing


@login_required
def search_index(request):
    """GET: state and a confirmation form; POST: start the rebuild (one at a time)."""
    if not request.user.is_superuser:
        raise PermissionDenied
    running = Job.objects.filter(
        kind=REINDEX, status__in=(Job.Status.QUEUED, Job.Status.RUNNING)
    ).first()
    if request.method == "POST":
        if running is not None:
            # A second click, or another administrator's rebuild: follow that one.
            return redirect(running.get_absolute_url())
        job = jobs.start(
            REINDEX,
            user=request.user,
            title=_("Suchindex der Weiterbildungsangebote neu aufbauen"),
            result_url=reverse("courses:search_index"),
        )
        return redirect(job.get_absolute_url())
    try:
        status = indexing.index_status()
    except OSError:
        status = None
    return render(
        request,
        "courses/search_index.html",
        {
            "status": status,
            "searchable": Offer.objects.searchable(timezone.localdate()).count(),
            "running": running,
            "last": Job.objects.filter(kind=REINDEX)
            .exclude(pk=getattr(running, "pk", None))
            .order_by("-created_at")
            .first(),
        },
    )
