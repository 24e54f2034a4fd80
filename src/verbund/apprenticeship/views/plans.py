"""Occupations and their framework plans: list, detail, edit a position, import."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from verbund.apprenticeship.forms import ImportForm, PositionForm
from verbund.apprenticeship.jobs import IMPORT_PLANS
from verbund.apprenticeship.models import FrameworkPlan, PlanPosition
from verbund.apprenticeship.permissions import EDIT_PLANS
from verbund.apprenticeship.services import imports
from verbund.core.services import access, audit, editing, import_jobs


@login_required
def plan_list(request):
    plans = FrameworkPlan.objects.visible_to(request.user).select_related("occupation")
    return render(
        request,
        "apprenticeship/plan_list.html",
        {"plans": plans, "may_import": access.has_perm(request.user, EDIT_PLANS)},
    )


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(
        FrameworkPlan.objects.visible_to(request.user).select_related("occupation"), pk=pk
    )
    positions = plan.positions.prefetch_related("skills")
    rows = [(p, [p.weeks.get(str(y["year"]), "") for y in plan.years]) for p in positions]
    labels = {int(y["year"]): y.get("label", "") for y in plan.years}
    groups = [
        {
            **g,
            "period": labels.get(int(g["year"]), g["year"]),
            "listed": ", ".join(
                f"{item['id']} {''.join(item['skills'])}".strip() for item in g["positions"]
            ),
        }
        for g in plan.groups
    ]
    return render(
        request,
        "apprenticeship/plan_detail.html",
        {
            "plan": plan,
            "rows": rows,
            "groups": groups,
            "may_edit": access.has_perm(request.user, EDIT_PLANS),
            "history": audit.entries_for(plan)[:20],
        },
    )


@login_required
def position_edit(request, pk):
    position = get_object_or_404(PlanPosition.objects.visible_to(request.user), pk=pk)
    access.require(request.user, EDIT_PLANS)
    form = PositionForm(request.POST or None, instance=position)
    if request.method == "POST" and form.is_valid():
        try:
            editing.save_changes(
                position,
                {n: form.cleaned_data[n] for n in form.Meta.fields},
                request.user,
                "apprenticeship.position",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Gespeichert."))
            return redirect(position.plan.get_absolute_url())
    return render(
        request,
        "core/object_form.html",
        {
            "form": form,
            "object": position,
            "model_meta": PlanPosition._meta,
            "cancel_url": position.plan.get_absolute_url(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def plan_import(request):
    """The upload goes to a job at once (docs/apprenticeship.md); the job links back here
    with ``?job=`` and the page shows its report."""
    access.require(request.user, EDIT_PLANS)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        return import_jobs.start(
            request,
            IMPORT_PLANS,
            upload=upload,
            title=_("Ausbildungsberufe importieren: %(file)s") % {"file": upload.name},
            page_url=reverse("apprenticeship:plan_import"),
            write=form.cleaned_data["write"],
        )
    job = import_jobs.finished(request, IMPORT_PLANS)
    if job is not None:
        report = SimpleNamespace(**job.result)
    return render(
        request,
        "apprenticeship/plan_import.html",
        {"form": form, "report": report, "columns": imports.COLUMNS},
        status=400 if request.method == "POST" else 200,
    )
