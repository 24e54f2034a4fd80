"""Who may change the lead (Federführung) of a network.

``networks.edit`` lets a coordinator keep the member list, but making an organization the
lead hands it every right the lead holds (its teams act on the network). So any change
that creates, removes or touches a ``lead`` membership needs more: an administrator, or
a user holding ``networks.edit`` through a team of the current lead organization.
"""

from django.utils.translation import gettext as _

from verbund.core.services import access
from verbund.networks.models import Membership
from verbund.networks.permissions import NETWORKS_EDIT


def may_change_lead(user, network) -> bool:
    if user.is_superuser:
        return True
    leads = set(
        Membership.objects.filter(network=network, role=Membership.Role.LEAD).values_list(
            "organization_id", flat=True
        )
    )
    return bool(leads & access.organizations_with(user, NETWORKS_EDIT))


def check_membership_change(user, network, membership_pk: int | None, data: dict | None) -> None:
    """Raise ``PermissionDenied`` if this change of a membership moves the network's lead
    and ``user`` may not do that: a create (``membership_pk`` None), an update, or a
    delete (``data`` None). The old values are read from the database, not the instance
    a form may already have changed."""
    lead = Membership.Role.LEAD
    old = Membership.objects.filter(pk=membership_pk).first() if membership_pk else None
    old_role = old.role if old is not None else None
    old_org = old.organization_id if old is not None else None
    if data is None:
        new_role, new_org = None, None
    else:
        new_role = data.get("role") or old_role or Membership.Role.MEMBER
        organization = data.get("organization")
        new_org = getattr(organization, "pk", organization) if organization else old_org
    changes_lead = (old_role == lead or new_role == lead) and (
        old_role != new_role or old_org != new_org
    )
    if changes_lead and not may_change_lead(user, network):
        raise access.Refused(LEAD_MESSAGE())


def LEAD_MESSAGE() -> str:  # noqa: N802 - a message, translated at call time
    return _(
        "Die Federführung eines Netzwerks ändern nur die federführende Organisation "
        "oder die Administration."
    )
