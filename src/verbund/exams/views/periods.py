"""Exam periods, sittings, the sittings import and the availability poll."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access, import_jobs, jobs, params
from verbund.core.views.generic import (
    ObjectDetailView,
    ObjectFormView,
    ObjectListView,
    editable_object,
)
from verbund.exams import forms
from verbund.exams.models import Assignment, Availability, Examiner, ExamPeriod, Sitting
from verbund.exams.permissions import EXAMS_PLAN
from verbund.exams.services import imports, planning, polls, pool

DAYS_PER_PAGE = 10  # a page holds whole days, so no day's sittings are split over two pages
# Larger uploads (thousands of rows) are imported by the background worker.
BACKGROUND_IMPORT_BYTES = 200_000


class PeriodListView(ObjectListView):
    model = ExamPeriod
    template_name = "exams/period_list.html"
    search_fields = ("name",)
    sort_options = {"start": "start", "name": "name"}
    default_sort = "-start"
    create_url_name = "exams:period_create"
    create_perm = EXAMS_PLAN

    def get_queryset(self):
        return super().get_queryset().select_related("chamber", "network")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_examiner"] = Examiner.objects.filter(person__user=self.request.user).exists()
        context["is_staff"] = access.has_perm(self.request.user, EXAMS_PLAN) or access.has_perm(
            self.request.user, "exams.compensation"
        )
        return context


class PeriodDetailView(ObjectDetailView):
    """The plan per sitting: every sitting with its examiners and free seats."""

    model = ExamPeriod
    template_name = "exams/period_detail.html"
    edit_perm = EXAMS_PLAN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = context["object"]
        staff = (
            Sitting.objects.visible_to(self.request.user).filter(period=period).exists()
            or (context["may_edit"])
        )
        days = list(
            Sitting.objects.filter(period=period)
            .order_by("date")
            .values_list("date", flat=True)
            .distinct()
        )
        page = Paginator(days, DAYS_PER_PAGE).get_page(
            params.parse_int(self.request.GET.get("page"), 1, minimum=1)
        )
        sittings = (
            Sitting.objects.filter(period=period, date__in=list(page.object_list))
            .order_by("date", "code")
            .select_related("board", "occupation")
            .prefetch_related(
                Prefetch(
                    "assignments",
                    queryset=Assignment.objects.filter(declined_at__isnull=True).select_related(
                        "examiner__person"
                    ),
                    to_attr="active_assignments",
                ),
                "unfilled",
            )
        )
        answered, asked = polls.answer_counts(period)
        context.update(
            staff=staff,
            page=page,
            sittings=sittings if staff else [],
            querystring="",
            answered=answered,
            asked=asked,
            last_run=period.runs.first(),
            active_run=planning.active_run(period) if context["may_edit"] else None,
            solve_form=forms.SolveForm(
                initial={"goal": period.goal, "time_limit": str(int(planning.DEFAULT_TIME_LIMIT))}
            ),
            euro_per_km=planning.euro_per_km(period),
            unfilled_count=Sitting.objects.filter(period=period).aggregate(n=Count("unfilled"))[
                "n"
            ],
            import_form=forms.ImportForm(),
        )
        return context


class PeriodFormView(ObjectFormView):
    model = ExamPeriod
    form_class = forms.PeriodForm
    perm = EXAMS_PLAN
    action_prefix = "exams.period"


class SittingDetailView(ObjectDetailView):
    model = Sitting
    template_name = "exams/sitting_detail.html"
    edit_perm = EXAMS_PLAN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sitting = context["object"]
        roles, deputy_errors = pool.sitting_attendance(sitting)
        assignments = list(
            sitting.assignments.select_related("examiner__person").order_by("declined_at", "group")
        )
        for row in assignments:
            row.board_role = roles.get(row.examiner_id)
        context.update(
            assignments=assignments,
            deputy_errors=deputy_errors,
            board_has_members=sitting.board.members.exists(),
            unfilled=sitting.unfilled.all(),
            candidates=sitting.candidates.select_related("company"),
            assign_form=forms.ManualAssignForm(sitting),
        )
        return context


class SittingFormView(ObjectFormView):
    model = Sitting
    form_class = forms.SittingForm
    perm = EXAMS_PLAN
    action_prefix = "exams.sitting"

    def get_parent_for_permission(self):
        self.period = get_object_or_404(
            ExamPeriod.objects.visible_to(self.request.user), pk=self.kwargs["period"]
        )
        return self.period

    def new_object(self):
        return Sitting(period=self.period)


@login_required
def sittings_import(request, pk):
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > BACKGROUND_IMPORT_BYTES:
            return _start_import_job(request, period, upload)
        result = imports.import_sittings(period, upload.name, upload.read(), request.user)
        if not result.errors:
            messages.success(
                request, _("%(n)s Prüfungstermine importiert.") % {"n": result.created}
            )
            return redirect(period)
    elif request.method != "POST":
        job = import_jobs.finished(request, "exams.import_sittings", period=period.pk)
        if job is not None:
            result = SimpleNamespace(**job.result)
    return render(
        request,
        "exams/sittings_import.html",
        {"object": period, "form": form, "result": result},
        status=400 if request.method == "POST" and result and result.errors else 200,
    )


def _start_import_job(request, period, upload):
    return import_jobs.start(
        request,
        "exams.import_sittings",
        upload=upload,
        title=_("Prüfungstermine importieren: %(file)s") % {"file": upload.name},
        page_url=reverse("exams:sittings_import", args=[period.pk]),
        period=period.pk,
    )


@login_required
def poll_open(request, pk):
    """GET: how many examiners get a link; POST: mail them in the background."""
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    if request.method == "POST":
        job = jobs.start(
            "exams.send_poll_links",
            user=request.user,
            title=_("Verfügbarkeitsabfrage: %(period)s") % {"period": period.name},
            params={"period": period.pk},
            result_url=reverse("exams:poll_status", args=[period.pk]),
        )
        return redirect(job.get_absolute_url())
    return render(
        request,
        "exams/poll_confirm.html",
        {"object": period, "recipients": polls.recipients(period)},
    )


@login_required
@require_POST
def poll_resend(request, pk, availability_pk):
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    availability = get_object_or_404(Availability.objects.filter(period=period), pk=availability_pk)
    if polls.send_links(Availability.objects.filter(pk=availability.pk), resend=True):
        messages.success(request, _("Der persönliche Link wurde erneut gesendet."))
    else:
        messages.warning(request, _("Für diese Person ist keine E-Mail-Adresse hinterlegt."))
    return redirect("exams:poll_status", pk=period.pk)


@login_required
def poll_status(request, pk):
    period = editable_object(request.user, ExamPeriod, pk, EXAMS_PLAN)
    rows = (
        Availability.objects.filter(period=period)
        .select_related("examiner__person")
        .order_by("examiner__person__last_name")
    )
    return render(request, "exams/poll_status.html", {"object": period, "rows": rows})


def _answer(request, availability, user=None):
    form = forms.AvailabilityForm(
        availability.period, request.POST or None, initial={"dates": availability.dates}
    )
    if request.method == "POST" and form.is_valid():
        import datetime

        polls.save_answer(
            availability,
            [datetime.date.fromisoformat(value) for value in form.cleaned_data["dates"]],
            user=user,
        )
        messages.success(request, _("Danke, Ihre Verfügbarkeit ist gespeichert."))
        return redirect(request.path)
    return render(
        request,
        "exams/availability.html",
        {"availability": availability, "form": form, "period": availability.period},
    )


def availability(request, token):
    """The personal poll link: no account needed; the token reaches only its examiner."""
    answer = Availability.objects.select_related("period", "examiner__person").filter(token=token)
    found = answer.first()
    if found is None or not found.examiner.active:
        raise Http404
    return _answer(request, found)


@login_required
def my_availability(request, pk):
    found = (
        Availability.objects.select_related("period", "examiner__person")
        .filter(Q(examiner__person__user=request.user), period=pk)
        .first()
    )
    if found is None:
        raise Http404
    return _answer(request, found, user=request.user)
