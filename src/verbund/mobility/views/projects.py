"""Mobility home, projects with their budget, applications and matching runs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.models import Person
from verbund.core.services import access, audit, editing
from verbund.core.views.generic import ObjectDetailView, ObjectFormView, editable_object
from verbund.mobility import forms
from verbund.mobility.models import Application, MatchRun, MobilityProject, Placement
from verbund.mobility.permissions import MOBILITY_PLAN
from verbund.mobility.services import applications as application_service
from verbund.mobility.services import matching, reporting
from verbund.networks.models import Network

MAX_TIME_LIMIT = 120.0


@login_required
def index(request):
    user = request.user
    return render(
        request,
        "mobility/index.html",
        {
            "projects": MobilityProject.objects.visible_to(user).select_related(
                "network", "beneficiary"
            ),
            "partnerships": Network.objects.visible_to(user).filter(
                kind=Network.Kind.PARTNERSCHAFT
            ),
            "placement_count": Placement.objects.visible_to(user).count(),
            "may_create": access.has_perm(user, MOBILITY_PLAN),
        },
    )


class ProjectDetailView(ObjectDetailView):
    model = MobilityProject
    edit_perm = MOBILITY_PLAN
    template_name = "mobility/project_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = context["object"]
        user = self.request.user
        context.update(
            budget=reporting.budget(project),
            applications=Application.objects.visible_to(user)
            .filter(project=project)
            .select_related("person", "occupation", "training_company"),
            stays=project.stays.all().select_related("person", "host")
            if context["may_edit"]
            else project.stays.none(),
            last_run=project.runs.first() if context["may_edit"] else None,
            open_count=matching.open_applications(project).count(),
        )
        return context


class ProjectFormView(ObjectFormView):
    model = MobilityProject
    form_class = forms.ProjectForm
    perm = MOBILITY_PLAN
    action_prefix = "mobility.project"


class ApplicationCreateView(ObjectFormView):
    """A planner (or the training company) enters an apprentice's application."""

    model = Application
    form_class = forms.ApplicationForm
    perm = MOBILITY_PLAN
    action_prefix = "mobility.application"
    template_name = "mobility/application_form.html"
    privacy_notice = "hinweis-mobility"

    def project(self):
        return editable_object(
            self.request.user, MobilityProject, self.kwargs["project"], MOBILITY_PLAN
        )

    def get_object(self):
        return Application(project=self.project())

    def get_form(self, obj):
        kwargs = {"instance": obj, "project": obj.project}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        return self.form_class(**kwargs)

    def save(self, obj, data, form):
        cleaned = form.cleaned_data
        with transaction.atomic():  # no participant without their application
            person = Person(
                first_name=cleaned["first_name"],
                last_name=cleaned["last_name"],
                email=cleaned["email"],
                organization=cleaned["training_company"],
            )
            person.full_clean()
            person.save()
            audit.record(person, "core.person.created", user=self.request.user)
            data.update(
                person=person,
                languages=cleaned["languages"],
                preferences=cleaned["preferences"],
                needs=cleaned["needs"],
            )
            return editing.save_changes(obj, data, self.request.user, self.action_prefix)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = context["object"].project.get_absolute_url()
        return context


class ApplicationDetailView(ObjectDetailView):
    model = Application
    edit_perm = MOBILITY_PLAN
    template_name = "mobility/application_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = context["object"]
        preferences = Placement.objects.in_bulk(application.preferences or [])
        context.update(
            problems=application_service.problems(application),
            preferences=[
                preferences[pk] for pk in application.preferences or [] if pk in preferences
            ],
            may_approve=application_service_may_approve(self.request.user, application),
            may_consent=context["may_edit"] or application.person.user_id == self.request.user.pk,
        )
        return context


def application_service_may_approve(user, application) -> bool:
    return access.has_perm(user, "mobility.approve", application) or access.has_perm(
        user, MOBILITY_PLAN, application
    )


def _visible_application(request, pk):
    return get_object_or_404(Application.objects.visible_to(request.user), pk=pk)


@login_required
@require_POST
def application_consent(request, pk):
    application = _visible_application(request, pk)
    own = application.person.user_id == request.user.pk
    if not own:
        access.require(request.user, MOBILITY_PLAN, application)
    application_service.record_consent(application, request.user)
    messages.success(request, _("Einwilligung erfasst."))
    return redirect(application)


@login_required
@require_POST
def application_approve(request, pk):
    application = _visible_application(request, pk)
    if not application_service_may_approve(request.user, application):
        raise PermissionDenied
    try:
        application_service.approve(application, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if application.school_informed_at:
            messages.success(
                request, _("Freigegeben; die Berufsschule wurde per E-Mail informiert.")
            )
        else:
            messages.success(request, _("Freigegeben."))
    return redirect(application)


def _time_limit(request) -> float:
    try:
        value = float(request.POST.get("time_limit", matching.DEFAULT_TIME_LIMIT))
    except ValueError:
        value = matching.DEFAULT_TIME_LIMIT
    return min(max(value, 1.0), MAX_TIME_LIMIT)


@login_required
@require_POST
def match_start(request, pk):
    project = editable_object(request.user, MobilityProject, pk, MOBILITY_PLAN)
    run = matching.start_run(project, request.user, time_limit=_time_limit(request))
    return redirect(run)


def _run(request, pk):
    return get_object_or_404(
        MatchRun.objects.visible_to(request.user).select_related("project"), pk=pk
    )


def _unplaced(run):
    rows = run.result.get("unplaced", []) if run.status == MatchRun.Status.DONE else []
    found = Application.objects.in_bulk([row["application"] for row in rows])
    return [
        (found[row["application"]], matching.reason_text(row["reason"]))
        for row in rows
        if row["application"] in found
    ]


@login_required
def run_detail(request, pk):
    run = _run(request, pk)
    return render(request, "mobility/run_detail.html", {"run": run, "unplaced": _unplaced(run)})


@login_required
def run_progress(request, pk):
    run = _run(request, pk)
    return render(request, "mobility/_run_progress.html", {"run": run, "unplaced": _unplaced(run)})


@login_required
def project_export(request, pk, fmt):
    project = editable_object(request.user, MobilityProject, pk, MOBILITY_PLAN)
    if fmt == "csv":
        body, content_type = reporting.export_csv(project), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = reporting.export_xlsx(project)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        return HttpResponse(_("Unbekanntes Format."), status=404)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="aufenthalte-{project.pk}.{fmt}"'
    return response
