"""The page of a background job and the fragment it polls."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from verbund.core.services import jobs


@login_required
def job_detail(request, pk):
    job = get_object_or_404(jobs.visible_jobs(request.user), pk=pk)
    return render(request, "core/job_detail.html", {"job": job})


@login_required
def job_progress(request, pk):
    job = get_object_or_404(jobs.visible_jobs(request.user), pk=pk)
    return render(request, "core/_job_progress.html", {"job": job})


@login_required
def job_download(request, pk):
    job = get_object_or_404(jobs.visible_jobs(request.user), pk=pk, status="done")
    if not job.output_name:
        raise Http404
    response = HttpResponse(bytes(job.output), content_type=job.output_type)
    response["Content-Disposition"] = f'attachment; filename="{job.output_name}"'
    return response
