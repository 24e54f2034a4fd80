"""Pages of the examiner pool and the examination boards."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import audit
from verbund.core.views.generic import (
    ObjectDetailView,
    ObjectFormView,
    ObjectListView,
    editable_object,
)
from verbund.exams import forms
from verbund.exams.models import Board, Conflict, Examiner, Training
from verbund.exams.permissions import EXAMS_PLAN
from verbund.exams.services import pool
from verbund.networks.models import Network


class ExaminerListView(ObjectListView):
    model = Examiner
    template_name = "exams/examiner_list.html"
    search_fields = ("person__last_name", "person__first_name", "home_town")
    filter_fields = ("group", "occupations__code")
    sort_options = {"name": "person__last_name", "until": "appointed_until", "group": "group"}
    default_sort = "name"
    create_url_name = "exams:examiner_create"
    create_perm = EXAMS_PLAN

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("person", "chamber", "company")
            .prefetch_related("occupations")
            .distinct()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = Examiner._meta.get_field("group").choices
        context["occupation_code"] = self.request.GET.get("occupations__code", "")
        for examiner in context["object_list"]:
            examiner.expires_soon = pool.expires_soon(examiner)
        return context


class ExaminerDetailView(ObjectDetailView):
    model = Examiner
    template_name = "exams/examiner_detail.html"
    edit_perm = EXAMS_PLAN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        examiner = context["object"]
        context.update(
            expires_soon=pool.expires_soon(examiner),
            conflicts=examiner.conflicts.select_related("candidate", "organization"),
            boards=examiner.board_seats.select_related("board"),
            trainings=examiner.trainings.all(),
            other_trainings=Training.objects.filter(network=examiner.network_id).exclude(
                attendees=examiner
            ),
            occupations=examiner.occupations.all(),
        )
        return context


class ExaminerFormView(ObjectFormView):
    model = Examiner
    form_class = forms.ExaminerForm
    perm = EXAMS_PLAN
    action_prefix = "exams.examiner"


class ConflictFormView(ObjectFormView):
    """Declare a conflict for an examiner (create only; delete from the examiner page)."""

    model = Conflict
    form_class = forms.ConflictForm
    perm = EXAMS_PLAN
    action_prefix = "exams.conflict"

    def get_object(self):
        self.examiner = editable_object(
            self.request.user, Examiner, self.kwargs["examiner"], EXAMS_PLAN
        )
        return Conflict(examiner=self.examiner)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["creating"] = True
        context["cancel_url"] = self.examiner.get_absolute_url()
        return context


@login_required
def conflict_delete(request, pk):
    conflict = editable_object(request.user, Conflict, pk, EXAMS_PLAN)
    if request.method == "POST":
        examiner = conflict.examiner
        audit.record(
            examiner, "exams.conflict.deleted", user=request.user, data={"kind": conflict.kind}
        )
        conflict.delete()
        messages.success(request, _("Befangenheit entfernt."))
        return redirect(examiner)
    return render(
        request,
        "core/object_confirm_delete.html",
        {"object": conflict, "cancel_url": conflict.examiner.get_absolute_url()},
    )


class BoardListView(ObjectListView):
    model = Board
    template_name = "exams/board_list.html"
    search_fields = ("code", "name", "occupation__name")
    sort_options = {"code": "code", "name": "name"}
    default_sort = "code"
    create_url_name = "exams:board_create"
    create_perm = EXAMS_PLAN

    def get_queryset(self):
        return super().get_queryset().select_related("chamber", "occupation", "network")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for board in context["object_list"]:
            board.problems = pool.board_status(board)
        return context


class BoardDetailView(ObjectDetailView):
    model = Board
    template_name = "exams/board_detail.html"
    edit_perm = EXAMS_PLAN

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = context["object"]
        user = self.request.user
        # Only examiners the user may see by name (another chamber's are 404 for them).
        members = board.members.select_related("examiner__person").filter(
            examiner__in=Examiner.objects.visible_to(user)
        )
        staff = Examiner.objects.with_perm(user, EXAMS_PLAN).exists() or context["may_edit"]
        context.update(
            problems=pool.board_status(board),
            members=members if staff else [],
            hidden_members=board.members.count() - len(members) if staff else 0,
            staff=staff,
        )
        return context


class BoardFormView(ObjectFormView):
    model = Board
    form_class = forms.BoardForm
    perm = EXAMS_PLAN
    action_prefix = "exams.board"


@login_required
def board_members(request, pk):
    """Set members and deputies at once; §40 is checked before anything is saved."""
    board = editable_object(request.user, Board, pk, EXAMS_PLAN)
    current = board.members.all()
    initial = {
        "members": [m.examiner_id for m in current if m.role == "member"],
        "deputies": [m.examiner_id for m in current if m.role == "deputy"],
    }
    visible = Examiner.objects.visible_to(request.user)
    form = forms.BoardMembersForm(board, request.POST or None, initial=initial, visible=visible)
    errors = []
    if request.method == "POST" and form.is_valid():
        # seats held by examiners the user cannot see are kept as they are
        seen = set(visible.values_list("pk", flat=True))
        kept = [m for m in current.select_related("examiner") if m.examiner_id not in seen]
        errors = pool.set_board_members(
            board,
            list(form.cleaned_data["members"]) + [m.examiner for m in kept if m.role == "member"],
            list(form.cleaned_data["deputies"]) + [m.examiner for m in kept if m.role == "deputy"],
            request.user,
        )
        if not errors:
            messages.success(request, _("Besetzung gespeichert; sie entspricht § 40 BBiG."))
            return redirect(board)
    return render(
        request,
        "exams/board_members.html",
        {"object": board, "form": form, "rule_errors": errors},
        status=400 if errors else 200,
    )


def pools_of(user):
    return Network.objects.visible_to(user).filter(kind=Network.Kind.KAMMERKOOPERATION)


@login_required
def renewals(request):
    """Re-appointment: appointments ending before the next period, renewed in one step.

    Every due examiner is proposed for five more years (ticked); the planner unticks who
    should not continue and confirms. Chambers renew about a fifth of the seats at a time.
    """
    from django.core.exceptions import PermissionDenied

    from verbund.core.services import access

    if not access.has_perm(request.user, EXAMS_PLAN):
        raise PermissionDenied(EXAMS_PLAN)
    due = pool.renewal_due(Examiner.objects.with_perm(request.user, EXAMS_PLAN))
    if request.method == "POST":
        chosen = {int(pk) for pk in request.POST.getlist("examiner") if pk.isdigit()}
        picked = [examiner for examiner in due if examiner.pk in chosen]
        if not picked:
            messages.error(request, _("Bitte wählen Sie mindestens eine Person aus."))
        else:
            renewed = pool.renew(picked, request.user)
            messages.success(
                request, _("%(n)s Berufungen um fünf Jahre verlängert.") % {"n": renewed}
            )
            return redirect("exams:renewals")
    rows = [(examiner, *pool.renewal_proposal(examiner)) for examiner in due]
    return render(request, "exams/renewals.html", {"rows": rows})


@login_required
@require_POST
def examiner_trainings(request, pk):
    """Add or remove a training attendance on the examiner's page."""
    from django.core.exceptions import ValidationError
    from django.shortcuts import get_object_or_404

    examiner = editable_object(request.user, Examiner, pk, EXAMS_PLAN)
    raw = request.POST.get("training", "")
    training = get_object_or_404(
        Training.objects.filter(network=examiner.network_id), pk=int(raw) if raw.isdigit() else 0
    )
    try:
        pool.set_training(examiner, training, request.POST.get("attended") == "1", request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Schulungsteilnahme gespeichert."))
    return redirect(examiner)
