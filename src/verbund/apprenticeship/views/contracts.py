"""Contracts of a Verbund: create from a plan, read, approve, amend, download as PDF."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from verbund.apprenticeship.models import Contract, ContractVersion, RotationRun
from verbund.apprenticeship.permissions import MANAGE_TRAINING, PLAN_ROTATION
from verbund.apprenticeship.services import contracts
from verbund.core.models import Organization
from verbund.core.services import access, audit


class AmendForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Anlass der Änderung"), max_length=300)
    run = forms.ModelChoiceField(
        label=gettext_lazy("Nach dem Rotationsplan"), queryset=RotationRun.objects.none()
    )


def _contract(request, pk):
    return get_object_or_404(
        Contract.objects.visible_to(request.user).select_related("network", "apprentice"), pk=pk
    )


@login_required
def contract_detail(request, pk):
    contract = _contract(request, pk)
    version = contract.current
    state = (
        contracts.status(version) if version else {"parties": [], "complete": False, "missing": []}
    )
    may_amend = access.has_perm(request.user, PLAN_ROTATION, contract)
    form = AmendForm()
    form.fields["run"].queryset = RotationRun.objects.visible_to(request.user).filter(
        network=contract.network, status="done"
    )
    my_parties = [p for p in state["missing"] if access.has_perm(request.user, MANAGE_TRAINING, p)]
    return render(
        request,
        "apprenticeship/contract_detail.html",
        {
            "contract": contract,
            "version": version,
            "versions": contract.versions.all(),
            "state": state,
            "my_parties": my_parties,
            "may_amend": may_amend,
            "form": form,
            "history": audit.entries_for(contract)[:30],
        },
    )


@login_required
def contract_pdf(request, pk, number):
    contract = _contract(request, pk)
    version = get_object_or_404(ContractVersion, contract=contract, number=number)
    response = HttpResponse(contracts.pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="vertrag-{contract.pk}-v{version.number}.pdf"'
    )
    return response


@login_required
@require_POST
def contract_approve(request, pk):
    contract = _contract(request, pk)
    organization = get_object_or_404(Organization, pk=request.POST.get("organization") or 0)
    try:
        contracts.approve(contract.current, organization, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        raise
    else:
        messages.success(
            request,
            _("Zustimmung von %(organization)s gespeichert.") % {"organization": organization},
        )
    return redirect(contract.get_absolute_url())


@login_required
@require_POST
def contract_amend(request, pk):
    contract = _contract(request, pk)
    access.require(request.user, PLAN_ROTATION, contract)
    form = AmendForm(request.POST)
    form.fields["run"].queryset = RotationRun.objects.visible_to(request.user).filter(
        network=contract.network, status="done"
    )
    if not form.is_valid():
        messages.error(request, _("Bitte Anlass und Rotationsplan angeben."))
        return redirect(contract.get_absolute_url())
    run = form.cleaned_data["run"]
    apprentice_id = f"A{contract.apprentice_id}" if contract.apprentice_id else None
    contracts.new_version(
        contract,
        contracts.content_of(run, apprentice_id),
        form.cleaned_data["reason"],
        request.user,
    )
    messages.success(request, _("Neue Version angelegt; alle Vertragsparteien müssen zustimmen."))
    return redirect(contract.get_absolute_url())


@login_required
@require_POST
def contracts_from_run(request, pk):
    run = get_object_or_404(RotationRun.objects.visible_to(request.user), pk=pk, status="done")
    access.require(request.user, PLAN_ROTATION, run)
    made = contracts.create_from_run(run, request.user)
    messages.success(request, _("%(count)s Verträge angelegt.") % {"count": len(made)})
    return redirect(made[0].get_absolute_url())
