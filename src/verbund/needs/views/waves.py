"""Coordinator pages: waves, questionnaire, invitations, interviews, responses."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access, audit, editing, import_jobs, params, surveys
from verbund.core.views.generic import ObjectFormView, ObjectListView, editable_object
from verbund.needs import forms, questionnaire
from verbund.needs.models import CustomQuestion, Response, Wave
from verbund.needs.permissions import NEEDS_MANAGE
from verbund.needs.services import imports, offers_for, responses, waves
from verbund.needs.views import survey

# Larger uploads (thousands of rows) are imported by the background worker.
BACKGROUND_IMPORT_BYTES = 200_000
INTERVIEWS_PER_PAGE = 50


def managed_wave(request, pk) -> Wave:
    """404 if the user cannot see the wave, 403 if they may not run it."""
    return editable_object(request.user, Wave, pk, NEEDS_MANAGE)


class WaveListView(ObjectListView):
    model = Wave
    template_name = "needs/wave_list.html"
    search_fields = ("title", "network__name")
    sort_options = {"title": "title", "opens_on": "opens_on", "status": "status"}
    default_sort = "-opens_on"
    create_url_name = "needs:wave_create"
    create_perm = NEEDS_MANAGE

    def get_queryset(self):
        return super().get_queryset().select_related("network")


class WaveFormView(ObjectFormView):
    model = Wave
    form_class = forms.WaveForm
    perm = NEEDS_MANAGE
    action_prefix = "needs.wave"

    def save(self, obj, data, form):
        if obj.pk is None:
            data.setdefault("questions", list(questionnaire.OPTIONAL))
        return super().save(obj, data, form)


@login_required
def wave_detail(request, pk):
    wave = get_object_or_404(Wave.objects.visible_to(request.user).select_related("network"), pk=pk)
    may_manage = access.has_perm(request.user, NEEDS_MANAGE, wave)
    interviews = None
    if may_manage:
        interviews = Paginator(
            wave.responses.filter(kind=Response.Kind.INTERVIEW).select_related("organization"),
            INTERVIEWS_PER_PAGE,
        ).get_page(params.parse_int(request.GET.get("page"), 1, minimum=1))
    return render(
        request,
        "needs/wave_detail.html",
        {
            "wave": wave,
            "object": wave,
            "may_manage": may_manage,
            "rate": waves.response_rate(wave),
            "page": interviews,
            "interviews": interviews.object_list if interviews else [],
            "querystring": "",
            "history": audit.entries_for(wave)[:30],
        },
    )


@login_required
@require_POST
def wave_status(request, pk):
    wave = managed_wave(request, pk)
    status = request.POST.get("status")
    if status in Wave.Status.values:
        waves.set_status(wave, status, request.user)
        messages.success(
            request, _("Status geändert: %(status)s") % {"status": wave.get_status_display()}
        )
    return redirect(wave)


@login_required
def questionnaire_view(request, pk):
    wave = managed_wave(request, pk)
    selection = forms.QuestionSelectionForm(
        request.POST if "questions_form" in request.POST else None,
        initial={"questions": wave.questions},
    )
    custom = forms.CustomQuestionForm(request.POST if "custom_form" in request.POST else None)
    if request.method == "POST":
        if "questions_form" in request.POST and selection.is_valid():
            waves.set_questions(wave, selection.cleaned_data["questions"], request.user)
            messages.success(request, _("Fragebogen gespeichert."))
            return redirect("needs:questionnaire", pk=wave.pk)
        if "custom_form" in request.POST and custom.is_valid():
            data = {name: custom.cleaned_data[name] for name in custom._meta.fields}
            data.update(wave=wave, options=custom.cleaned_data["options"])
            editing.save_changes(CustomQuestion(), data, request.user, "needs.question")
            messages.success(request, _("Frage hinzugefügt."))
            return redirect("needs:questionnaire", pk=wave.pk)
    return render(
        request,
        "needs/questionnaire.html",
        {
            "wave": wave,
            "selection": selection,
            "custom_form": custom,
            "always": [questionnaire.question(code, "de") for code in questionnaire.ALWAYS_ASKED],
            "custom_questions": wave.custom_questions.all(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def question_delete(request, pk):
    question = get_object_or_404(
        CustomQuestion.objects.with_perm(request.user, NEEDS_MANAGE), pk=pk
    )
    editing.delete_object(question, request.user, "needs.question")
    return redirect("needs:questionnaire", pk=question.wave_id)


@login_required
def invitation_list(request, pk):
    wave = managed_wave(request, pk)
    invite_form = forms.InviteOrganizationsForm(request.POST or None, wave=wave)
    if request.method == "POST" and invite_form.is_valid():
        created = waves.invite_organizations(
            wave, invite_form.cleaned_data["organizations"], request.user
        )
        messages.success(request, _("%(count)s Betriebe eingeladen.") % {"count": len(created)})
        return redirect("needs:invitation_list", pk=wave.pk)
    invitations = wave.invitations.select_related("district", "response")
    return render(
        request,
        "needs/invitation_list.html",
        {
            "wave": wave,
            "invitations": invitations,
            "invite_form": invite_form,
            "import_form": forms.ImportForm(),
            "rate": waves.response_rate(wave),
            # Named in the confirmation question before a mass mail.
            "unsent_count": invitations.filter(sent_at__isnull=True).count(),
            "reminder_count": waves.due_for_reminder(wave).count(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def invitation_import(request, pk):
    wave = managed_wave(request, pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > BACKGROUND_IMPORT_BYTES:
            return _start_import_job(request, wave, form.cleaned_data)
        result = imports.import_invitations(
            wave, upload.name, upload.read(), request.user, form.cleaned_data["skip_invalid"]
        )
        if result.created:
            messages.success(
                request, _("%(count)s Einladungen angelegt.") % {"count": result.created}
            )
            return redirect("needs:invitation_list", pk=wave.pk)
    elif request.method != "POST":
        job = import_jobs.finished(request, "needs.import_invitations", wave=wave.pk)
        if job is not None:
            result = SimpleNamespace(**job.result)
    return render(
        request,
        "needs/invitation_import.html",
        {"wave": wave, "form": form, "result": result, "columns": imports.COLUMNS},
        status=400 if request.method == "POST" else 200,
    )


def _start_import_job(request, wave, data):
    upload = data["file"]
    return import_jobs.start(
        request,
        "needs.import_invitations",
        upload=upload,
        title=_("Einladungen importieren: %(file)s") % {"file": upload.name},
        page_url=reverse("needs:invitation_import", args=[wave.pk]),
        wave=wave.pk,
        skip_invalid=data["skip_invalid"],
    )


@login_required
@require_POST
def invitations_send(request, pk):
    """Mass mail runs in the background (an SMTP server may take minutes for a wave)."""
    wave = managed_wave(request, pk)
    job = surveys.start_mail_job(
        "needs",
        "invitations",
        wave,
        request.user,
        _("Einladungen versenden: %(wave)s") % {"wave": wave},
        reverse("needs:invitation_list", args=[wave.pk]),
    )
    return redirect(job.get_absolute_url())


@login_required
@require_POST
def invitation_resend(request, pk, invitation_pk):
    wave = managed_wave(request, pk)
    invitation = get_object_or_404(wave.invitations, pk=invitation_pk)
    if waves.resend_invitation(invitation, request.user):
        messages.success(
            request,
            _("Der persönliche Link wurde erneut an %(email)s gesendet.")
            % {"email": invitation.email},
        )
    else:
        messages.warning(request, _("Für diesen Betrieb ist keine E-Mail-Adresse hinterlegt."))
    return redirect("needs:invitation_list", pk=wave.pk)


@login_required
@require_POST
def reminders_send(request, pk):
    wave = managed_wave(request, pk)
    reason = waves.why_no_reminders(wave)
    if reason:
        messages.warning(request, _("Keine Erinnerungen versandt: %(reason)s") % {"reason": reason})
        return redirect("needs:invitation_list", pk=wave.pk)
    job = surveys.start_mail_job(
        "needs",
        "reminders",
        wave,
        request.user,
        _("Erinnerungen versenden: %(wave)s") % {"wave": wave},
        reverse("needs:invitation_list", args=[wave.pk]),
    )
    return redirect(job.get_absolute_url())


@login_required
def interview_start(request, pk):
    wave = managed_wave(request, pk)
    form = forms.InterviewStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            response = responses.new_interview(
                wave, form.cleaned_data["organization"], form.cleaned_data["person_group"]
            )
            responses.save_answers(response, {}, [], {}, submit=False, user=request.user)
        return redirect("needs:response_edit", pk=response.pk)
    return render(
        request,
        "core/object_form.html",
        {
            "form": form,
            "creating": True,
            "model_meta": Response._meta,
            "cancel_url": wave.get_absolute_url(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _managed_response(request, pk) -> Response:
    response = get_object_or_404(
        Response.objects.visible_to(request.user).select_related("wave"), pk=pk
    )
    access.require(request.user, NEEDS_MANAGE, response.wave)
    return response


@login_required
def response_detail(request, pk):
    response = _managed_response(request, pk)
    matches = offers_for.match_response(response, limit=5) if "empfehlen" in request.GET else None
    return render(
        request,
        "needs/response_detail.html",
        {
            "response": response,
            "wave": response.wave,
            "needs": response.needs.select_related("topic"),
            "matches": matches,
            "history": audit.entries_for(response)[:30],
        },
    )


@login_required
def response_edit(request, pk):
    """Interviews (and corrections on a company's behalf) use the same questionnaire."""
    response = _managed_response(request, pk)
    return survey.handle(
        request,
        response,
        "de",
        "needs/interview_form.html",
        {},
        response.get_absolute_url(),
        user=request.user,
    )
