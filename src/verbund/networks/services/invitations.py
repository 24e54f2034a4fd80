"""Membership by consent (issue 24).

A network's editors invite an organization; someone of that organization holding
``organizations.edit`` accepts (the membership is created) or declines. Nobody joins a
network, and so shows its contact persons to the network, without that consent. Only an
administrator adds an organization directly, and only one nobody could answer for (it
has no users). Every step is audited.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.models import Team
from verbund.core.permissions import ORGANIZATIONS_EDIT
from verbund.core.services import access, audit
from verbund.networks.models import Invitation, Membership
from verbund.networks.permissions import NETWORKS_EDIT
from verbund.networks.services import roles


def has_users(organization) -> bool:
    """Does anybody act for this organization on the platform (so could answer)?"""
    return (
        organization.people.filter(user__isnull=False, user__is_active=True).exists()
        or Team.objects.filter(organization=organization, members__is_active=True).exists()
    )


def may_answer(user, invitation) -> bool:
    """Someone of the invited organization; an administrator only for one without users
    (otherwise the administrator could consent in the organization's place)."""
    if user.is_authenticated and user.is_superuser and not has_users(invitation.organization):
        return True
    return invitation.organization_id in access.organizations_with(user, ORGANIZATIONS_EDIT)


def _check_new_member(network, organization, role) -> None:
    if Membership.objects.filter(network=network, organization=organization, role=role).exists():
        raise ValidationError(
            {"organization": _("Diese Organisation ist bereits in dieser Rolle Mitglied.")}
        )


@transaction.atomic
def invite(network, organization, role, note: str, user) -> Invitation:
    access.require(user, NETWORKS_EDIT, network)
    roles.check_membership_change(user, network, None, {"role": role, "organization": organization})
    _check_new_member(network, organization, role)
    if Invitation.objects.filter(
        network=network, organization=organization, status=Invitation.Status.PENDING
    ).exists():
        raise ValidationError(
            {
                "organization": _(
                    "Diese Organisation ist bereits eingeladen und hat noch nicht geantwortet."
                )
            }
        )
    invitation = Invitation.objects.create(
        network=network, organization=organization, role=role, note=note
    )
    audit.record(
        invitation,
        "networks.invitation.created",
        user=user,
        data={"network": network.pk, "organization": organization.pk, "role": role},
    )
    return invitation


@transaction.atomic
def add_directly(network, organization, role, note: str, user) -> Membership:
    """An administrator adds an organization without users (nobody could accept)."""
    if not user.is_superuser:
        raise access.Refused(
            _("Organisationen treten einem Netzwerk nur über eine angenommene Einladung bei.")
        )
    if has_users(organization):
        raise ValidationError(
            {
                "organization": _(
                    "Diese Organisation hat eigene Nutzerinnen oder Nutzer: bitte einladen, "
                    "sie muss selbst zustimmen."
                )
            }
        )
    _check_new_member(network, organization, role)
    membership = Membership.objects.create(
        network=network, organization=organization, role=role, note=note
    )
    audit.record(membership, "networks.membership.created", user=user, data={"directly": True})
    return membership


def _pending(invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != Invitation.Status.PENDING:
        raise ValidationError(_("Diese Einladung ist bereits beantwortet oder zurückgezogen."))
    return locked


@transaction.atomic
def accept(invitation, user) -> Membership:
    if not may_answer(user, invitation):
        raise access.Refused(
            _("Nur wer die Organisation bearbeiten darf, nimmt Einladungen für sie an.")
        )
    invitation = _pending(invitation)
    membership, _created = Membership.objects.get_or_create(
        network=invitation.network,
        organization=invitation.organization,
        role=invitation.role,
        defaults={"since": timezone.localdate(), "note": invitation.note},
    )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.membership = membership
    invitation.save(update_fields=["status", "answered_at", "membership"])
    audit.record(invitation, "networks.invitation.accepted", user=user)
    audit.record(
        membership, "networks.membership.created", user=user, data={"invitation": invitation.pk}
    )
    return membership


@transaction.atomic
def decline(invitation, user) -> Invitation:
    if not may_answer(user, invitation):
        raise access.Refused(
            _("Nur wer die Organisation bearbeiten darf, lehnt Einladungen für sie ab.")
        )
    invitation = _pending(invitation)
    invitation.status = Invitation.Status.DECLINED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    audit.record(invitation, "networks.invitation.declined", user=user)
    return invitation


@transaction.atomic
def withdraw(invitation, user) -> Invitation:
    access.require(user, NETWORKS_EDIT, invitation.network)
    invitation = _pending(invitation)
    invitation.status = Invitation.Status.WITHDRAWN
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "answered_at"])
    audit.record(invitation, "networks.invitation.withdrawn", user=user)
    return invitation


def pending_for(user):
    """Invitations the user may answer for one of their organizations."""
    return Invitation.objects.filter(
        status=Invitation.Status.PENDING,
        organization__in=access.organizations_with(user, ORGANIZATIONS_EDIT),
    ).select_related("network", "organization")
