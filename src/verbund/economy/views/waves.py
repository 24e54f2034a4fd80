"""Pages of the economic-policy department: waves, panel, invitations, extra questions."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access, audit, editing, import_jobs, surveys
from verbund.core.views.generic import ObjectFormView, ObjectListView, editable_object
from verbund.economy import forms
from verbund.economy.models import ExtraQuestion, Invitation, PanelFirm, ReportVersion, Wave
from verbund.economy.permissions import ECONOMY_MANAGE
from verbund.economy.services import panel_import, rights, waves
from verbund.networks.models import Network

# Larger uploads (thousands of rows) are imported by the background worker (as in needs).
BACKGROUND_IMPORT_BYTES = 200_000


def managed_wave(request, pk) -> Wave:
    """404 if the user cannot see the wave, 403 if they may not run it."""
    return editable_object(request.user, Wave, pk, ECONOMY_MANAGE)


class WaveListView(ObjectListView):
    model = Wave
    template_name = "economy/wave_list.html"
    search_fields = ("network__name",)
    sort_options = {"year": ("year", "season"), "status": "status"}
    default_sort = "-year"
    create_url_name = "economy:wave_create"
    create_perm = ECONOMY_MANAGE

    def get_queryset(self):
        return super().get_queryset().select_related("network").order_by("-year", "-season")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["published"] = (
            ReportVersion.objects.select_related("report__wave")
            .order_by("-published_at")
            .filter(report__wave__network__in=Network.objects.visible_to(self.request.user))[:20]
        )
        return context


class WaveFormView(ObjectFormView):
    model = Wave
    form_class = forms.WaveForm
    perm = ECONOMY_MANAGE
    action_prefix = "economy.wave"


@login_required
def wave_detail(request, pk):
    wave = get_object_or_404(Wave.objects.visible_to(request.user).select_related("network"), pk=pk)
    may_manage = access.has_perm(request.user, ECONOMY_MANAGE, wave)
    return render(
        request,
        "economy/wave_detail.html",
        {
            "wave": wave,
            "object": wave,
            "may_manage": may_manage,
            "rate": waves.response_rate(wave),
            "reports": wave.reports.select_related("chamber").prefetch_related("versions"),
            "report_form": forms.ReportCreateForm(wave=wave),
            "history": audit.entries_for(wave)[:30] if may_manage else [],
            "mail_job": surveys.latest_mail_job("economy", wave, request.user)
            if may_manage
            else None,
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
@require_POST
def invite_panel(request, pk):
    wave = managed_wave(request, pk)
    created = waves.invite_panel(wave, request.user)
    messages.success(request, _("%(count)s Panelbetriebe eingeladen.") % {"count": len(created)})
    return redirect("economy:invitation_list", pk=wave.pk)


@login_required
def send_invitations(request, pk):
    """Confirm how many firms get mail; the mail itself goes out in a background job."""
    wave = managed_wave(request, pk)
    count = waves.pending_invitations(wave).count()
    if request.method == "POST":
        if not count:
            messages.info(request, _("Alle Einladungen mit E-Mail-Adresse sind bereits versandt."))
            return redirect("economy:invitation_list", pk=wave.pk)
        return _start_mail_job(request, wave, "invitations", _("Einladungen versenden"))
    return _confirm_mail(request, wave, "invitations", count, "")


@login_required
def send_reminders(request, pk):
    wave = managed_wave(request, pk)
    reason = waves.why_no_reminders(wave)
    count = 0 if reason else waves.reminders_due(wave).count()
    if not reason and not count:
        reason = _(
            "Alle Betriebe ohne Antwort wurden in den letzten sieben Tagen eingeladen oder erinnert."
        )
    if request.method == "POST":
        if reason:
            messages.warning(
                request, _("Keine Erinnerungen versandt: %(reason)s") % {"reason": reason}
            )
            return redirect("economy:invitation_list", pk=wave.pk)
        return _start_mail_job(request, wave, "reminders", _("Erinnerungen versenden"))
    return _confirm_mail(request, wave, "reminders", count, reason)


def _confirm_mail(request, wave, what, count, reason):
    return render(
        request,
        "economy/mail_confirm.html",
        {"wave": wave, "what": what, "count": count, "reason": reason},
    )


def _start_mail_job(request, wave, what, title):
    job = surveys.start_mail_job(
        "economy",
        what,
        wave,
        request.user,
        f"{title}: {wave}",
        reverse("economy:invitation_list", args=[wave.pk]),
    )
    return redirect(job.get_absolute_url())


@login_required
def invitation_list(request, pk):
    """The invitations of the user's own chambers; personal links are not listed."""
    wave = managed_wave(request, pk)
    invitations = (
        Invitation.objects.filter(wave=wave)
        .of_my_chambers(request.user, wave.network)
        .select_related("firm__chamber", "firm__district")
    )
    answered = dict(wave.answers.values_list("firm_id", "status"))
    rows = [(inv, answered.get(inv.firm_id)) for inv in invitations[:500]]
    return render(
        request,
        "economy/invitation_list.html",
        {
            "wave": wave,
            "rows": rows,
            "rate": waves.response_rate(wave),
            "total": len(invitations),
            "mail_job": surveys.latest_mail_job("economy", wave, request.user),
        },
    )


@login_required
@require_POST
def invitation_link(request, pk):
    """Show one firm's personal link so that staff can pass it on again (audited)."""
    invitation = get_object_or_404(
        Invitation.objects.with_perm(request.user, ECONOMY_MANAGE).select_related(
            "wave__network", "firm"
        ),
        pk=pk,
    )
    mine = Invitation.objects.filter(pk=pk).of_my_chambers(request.user, invitation.wave.network)
    if not mine.exists():
        raise Http404
    audit.record(invitation, "economy.invitation.link_shown", user=request.user)
    return render(
        request,
        "economy/invitation_link.html",
        {"wave": invitation.wave, "invitation": invitation, "url": waves.survey_url(invitation)},
    )


@login_required
def extra_questions(request, pk):
    wave = managed_wave(request, pk)
    form = forms.ExtraQuestionForm(request.POST or None, wave=wave, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form._meta.fields}
        data["options"] = form.cleaned_data["options"]
        editing.save_changes(ExtraQuestion(wave=wave), data, request.user, "economy.question")
        messages.success(request, _("Zusatzfrage hinzugefügt."))
        return redirect("economy:extra_questions", pk=wave.pk)
    return render(
        request,
        "economy/extra_questions.html",
        {
            "wave": wave,
            "form": form,
            "questions": ExtraQuestion.objects.filter(wave=wave)
            .of_my_chambers(request.user, wave.network)
            .select_related("chamber"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def extra_question_delete(request, pk):
    question = get_object_or_404(
        ExtraQuestion.objects.with_perm(request.user, ECONOMY_MANAGE).select_related("wave"),
        pk=pk,
    )
    if question.chamber_id not in rights.chambers_for(request.user, question.wave.network):
        raise Http404  # another chamber's question: not even its existence is told
    editing.delete_object(question, request.user, "economy.question")
    return redirect("economy:extra_questions", pk=question.wave_id)


def _managed_network(request, pk) -> Network:
    """404 if the user cannot see the network, 403 if they may not run its panel."""
    network = get_object_or_404(Network.objects.visible_to(request.user), pk=pk)
    access.require(request.user, ECONOMY_MANAGE, network)
    return network


@login_required
def panel(request, pk):
    network = _managed_network(request, pk)
    add_form = forms.PanelAddForm(
        request.POST if "add" in request.POST else None, network=network, user=request.user
    )
    import_form = forms.PanelImportForm(
        request.POST if "import" in request.POST else None,
        request.FILES if "import" in request.POST else None,
    )
    result = None
    if request.method == "POST":
        if "add" in request.POST and add_form.is_valid():
            created = waves.add_to_panel(
                network,
                add_form.cleaned_data["organizations"],
                add_form.cleaned_data["chamber"],
                request.user,
            )
            messages.success(
                request, _("%(count)s Betriebe ins Panel aufgenommen.") % {"count": len(created)}
            )
            return redirect("economy:panel", pk=network.pk)
        if "import" in request.POST and import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            if upload.size > BACKGROUND_IMPORT_BYTES:
                return _start_import_job(request, network, upload)
            result = panel_import.import_panel(network, upload.name, upload.read(), request.user)
            if not result.errors:
                messages.success(
                    request, _("%(count)s Betriebe importiert.") % {"count": result.created}
                )
                return redirect("economy:panel", pk=network.pk)
    else:
        job = import_jobs.finished(request, "economy.import_panel", network=network.pk)
        if job is not None:
            result = SimpleNamespace(**job.result)
    firms = (
        PanelFirm.objects.filter(network=network)
        .of_my_chambers(request.user, network)
        .select_related("chamber", "district")
    )
    return render(
        request,
        "economy/panel.html",
        {
            "network": network,
            "firms": firms[:300],
            "count": firms.count(),
            "add_form": add_form,
            "import_form": import_form,
            "result": result,
        },
        status=400 if request.method == "POST" else 200,
    )


def _start_import_job(request, network, upload):
    return import_jobs.start(
        request,
        "economy.import_panel",
        upload=upload,
        title=_("Panel importieren: %(file)s") % {"file": upload.name},
        page_url=reverse("economy:panel", args=[network.pk]),
        network=network.pk,
    )
