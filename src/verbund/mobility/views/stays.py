"""A stay: its grant, rules, payments, Learning Agreement versions and PDF documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import audit, editing
from verbund.core.views.generic import ObjectDetailView, ObjectFormView, editable_object
from verbund.mobility import forms
from verbund.mobility.models import LearningAgreement, MobilityProject, Stay
from verbund.mobility.models.agreements import PARTIES
from verbund.mobility.permissions import MOBILITY_PLAN
from verbund.mobility.services import agreements, documents, grants, reporting, rules


class StayDetailView(ObjectDetailView):
    model = Stay
    edit_perm = MOBILITY_PLAN
    template_name = "mobility/stay_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stay = context["object"]
        application = stay.application
        quarter = None
        if application is not None and stay.participant_type in rules.LEARNER_TYPES:
            quarter = rules.quarter_check(
                stay.person, application.training_start, application.training_end
            )
        context.update(
            problems=rules.stay_problems(stay),
            quarter=quarter,
            band=grants.band_label(stay),
            agreements=stay.agreements.all(),
            in_force=agreements.in_force(stay),
            payments=stay.payments.all(),
            payment_form=forms.PaymentForm(),
            languages=documents.LANGUAGES,
        )
        return context


class StayCreateView(ObjectFormView):
    """A stay entered by hand (staff mobility); the grant is computed when saving."""

    model = Stay
    form_class = forms.StayForm
    perm = MOBILITY_PLAN
    action_prefix = "mobility.stay"

    def get_object(self):
        project = editable_object(
            self.request.user, MobilityProject, self.kwargs["project"], MOBILITY_PLAN
        )
        return Stay(project=project)

    def save(self, obj, data, form):
        for name, value in data.items():
            setattr(obj, name, value)
        error = (
            rules.length_error(obj.participant_type, obj.days) if obj.start and obj.end else None
        )
        if error:
            raise ValidationError(error)
        try:
            grants.compute(obj)
        except (LookupError, TypeError) as problem:
            raise ValidationError(
                _("Die Förderung lässt sich nicht berechnen: Ort oder Fördersätze fehlen.")
            ) from problem
        return editing.save_changes(obj, data, self.request.user, self.action_prefix)


@login_required
@require_POST
def stay_recompute(request, pk):
    stay = editable_object(request.user, Stay, pk, MOBILITY_PLAN)
    grants.recompute(stay, request.user)
    messages.success(request, _("Förderung neu berechnet."))
    return redirect(stay)


@login_required
@require_POST
def payment_create(request, pk):
    stay = editable_object(request.user, Stay, pk, MOBILITY_PLAN)
    form = forms.PaymentForm(request.POST)
    if form.is_valid():
        payment = form.save(commit=False)
        payment.stay = stay
        payment.save()
        audit.record(
            stay,
            "mobility.payment.created",
            user=request.user,
            data={"amount": str(payment.amount), "date": str(payment.date)},
        )
        messages.success(request, _("Auszahlung erfasst."))
    else:
        messages.error(request, _("Bitte Datum und Betrag prüfen."))
    return redirect(stay)


def _agreement(request, pk) -> LearningAgreement:
    agreement = get_object_or_404(
        LearningAgreement.objects.visible_to(request.user).select_related("stay"), pk=pk
    )
    return agreement


class AgreementFormView(ObjectFormView):
    """Create the first version, or edit a draft / change proposal without signatures."""

    model = LearningAgreement
    form_class = forms.AgreementForm
    perm = MOBILITY_PLAN
    action_prefix = "mobility.agreement"

    def get_object(self):
        if "pk" in self.kwargs:
            return editable_object(
                self.request.user, LearningAgreement, self.kwargs["pk"], MOBILITY_PLAN
            )
        stay = editable_object(self.request.user, Stay, self.kwargs["stay"], MOBILITY_PLAN)
        return LearningAgreement(stay=stay)

    def save(self, obj, data, form):
        if obj.pk:
            return agreements.edit(obj, self.request.user, **data)
        return agreements.create(obj.stay, self.request.user, **data)

    def get_success_url(self, obj):
        return obj.stay.get_absolute_url()


@login_required
def agreement_detail(request, pk):
    agreement = _agreement(request, pk)
    return redirect(agreement.stay.get_absolute_url() + f"#agreement-{agreement.version}")


@login_required
@require_POST
def agreement_action(request, pk, action):
    agreement = editable_object(request.user, LearningAgreement, pk, MOBILITY_PLAN)
    try:
        if action == "propose":
            agreements.propose(agreement, request.user)
            messages.success(request, _("Zur Unterschrift vorgelegt."))
        elif action in PARTIES:
            agreements.sign(agreement, action, request.user)
            messages.success(request, _("Unterschrift erfasst."))
        else:
            raise Http404
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(agreement.stay)


@login_required
def agreement_change(request, pk):
    agreement = editable_object(request.user, LearningAgreement, pk, MOBILITY_PLAN)
    form = forms.AgreementChangeForm(
        request.POST or None,
        instance=LearningAgreement(
            **{name: getattr(agreement, name) for name in agreements.CONTENT_FIELDS}
        ),
    )
    if request.method == "POST" and form.is_valid():
        content = {name: form.cleaned_data[name] for name in agreements.CONTENT_FIELDS}
        try:
            agreements.change(
                agreement, request.user, form.cleaned_data["change_reason"], **content
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Neue Fassung angelegt; alle drei Parteien müssen zustimmen.")
            )
            return redirect(agreement.stay)
    return render(
        request,
        "core/object_form.html",
        {
            "form": form,
            "object": agreement,
            "creating": False,
            "cancel_url": agreement.stay.get_absolute_url(),
            "model_meta": LearningAgreement._meta,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def stay_document(request, pk, kind, language):
    stay = get_object_or_404(Stay.objects.visible_to(request.user), pk=pk)
    if kind not in documents.KINDS or language not in documents.LANGUAGES:
        raise Http404
    version = request.GET.get("version")
    agreement = None
    if kind == "learning-agreement":
        agreements_of_stay = stay.agreements.all()
        agreement = (
            (
                agreements_of_stay.filter(version=version).first()
                if version and version.isdigit()
                else None
            )
            or agreements.in_force(stay)
            or agreements_of_stay.first()
        )
        if agreement is None:
            raise Http404
    pdf = documents.render_pdf(stay, kind, language, agreement)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{stay.pk}-{language}.pdf"'
    return response


@login_required
def project_budget(request, pk):
    project = get_object_or_404(MobilityProject.objects.visible_to(request.user), pk=pk)
    return render(request, "mobility/_budget.html", {"budget": reporting.budget(project)})
