"""Recording each party's decision on an agreement (date and body)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from verbund.core.views.generic import editable_object
from verbund.networks import forms
from verbund.networks.models import Agreement
from verbund.networks.permissions import NETWORKS_EDIT
from verbund.networks.services import decisions


@login_required
def agreement_decisions(request, pk):
    agreement = editable_object(request.user, Agreement, pk, NETWORKS_EDIT)
    form = forms.PartyDecisionForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.record(
                agreement,
                form.cleaned_data["organization"],
                form.cleaned_data["decided_on"],
                form.cleaned_data["body"],
                request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Der Beschluss ist eingetragen."))
            return redirect("networks:agreement_decisions", pk=agreement.pk)
    return render(
        request,
        "networks/agreement_decisions.html",
        {
            "agreement": agreement,
            "network": agreement.network,
            "form": form,
            "decisions": agreement.decisions.select_related("organization"),
            "missing": decisions.missing_parties(agreement),
            "in_force_since": decisions.in_force_since(agreement),
        },
        status=400 if request.method == "POST" else 200,
    )
