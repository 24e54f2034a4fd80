"""Screens of membership by consent: invite, answer, withdraw (issue 24)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verbund.core.services import access
from verbund.core.views.generic import editable_object
from verbund.networks import forms
from verbund.networks.models import Invitation, Network
from verbund.networks.permissions import NETWORKS_EDIT
from verbund.networks.services import invitations


@login_required
def invitation_create(request, network):
    """Invite an organization; an administrator adds one without users directly."""
    network = editable_object(request.user, Network, network, NETWORKS_EDIT)
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization, role, note = data["organization"], data["role"], data["note"]
        try:
            if request.user.is_superuser and not invitations.has_users(organization):
                invitations.add_directly(network, organization, role, note, request.user)
                messages.success(
                    request,
                    _("%(organization)s ist jetzt Mitglied (Organisation ohne Nutzerkonten).")
                    % {"organization": organization},
                )
            else:
                invitations.invite(network, organization, role, note, request.user)
                messages.success(
                    request,
                    _(
                        "%(organization)s ist eingeladen. Sie wird Mitglied, sobald jemand "
                        "der Organisation die Einladung annimmt."
                    )
                    % {"organization": organization},
                )
        except ValidationError as error:
            form.add_error(None, error)
        except access.Refused as refused:
            form.add_error(None, str(refused))
        else:
            return redirect(network.get_absolute_url() + "#invitations-heading")
    return render(
        request,
        "networks/invitation_form.html",
        {"network": network, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def invitation_list(request):
    """Invitations to the user's organizations: accept or decline."""
    return render(
        request,
        "networks/invitation_list.html",
        {
            "pending": invitations.pending_for(request.user),
            "answered": Invitation.objects.visible_to(request.user)
            .filter(organization__in=access.member_organization_ids(request.user))
            .exclude(status=Invitation.Status.PENDING)
            .select_related("network", "organization")[:20],
        },
    )


def _answer(request, pk, answer, done_message):
    invitation = get_object_or_404(Invitation.objects.visible_to(request.user), pk=pk)
    try:
        answer(invitation, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message % {"network": invitation.network})
    return invitation


@login_required
@require_POST
def invitation_accept(request, pk):
    _answer(
        request, pk, invitations.accept, _("Ihre Organisation ist jetzt Mitglied in %(network)s.")
    )
    return redirect("networks:invitation_list")


@login_required
@require_POST
def invitation_decline(request, pk):
    _answer(request, pk, invitations.decline, _("Einladung in %(network)s abgelehnt."))
    return redirect("networks:invitation_list")


@login_required
@require_POST
def invitation_withdraw(request, pk):
    invitation = _answer(
        request, pk, invitations.withdraw, _("Einladung in %(network)s zurückgezogen.")
    )
    return redirect(invitation.network.get_absolute_url() + "#invitations-heading")
