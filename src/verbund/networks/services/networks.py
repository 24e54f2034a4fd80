"""Operations on networks that involve more than one row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from verbund.core.services import access, audit, editing
from verbund.networks.models import Membership, Network
from verbund.networks.permissions import NETWORKS_EDIT


@transaction.atomic
def create_network(data: dict, lead_organization, user) -> Network:
    """Create a network led by ``lead_organization``, where the user must hold networks.edit."""
    if not access.has_perm(user, NETWORKS_EDIT, lead_organization):
        raise ValidationError(
            {"lead": _("Sie dürfen für diese Organisation keine Netzwerke anlegen.")}
        )
    network = editing.save_changes(Network(), data, user, "networks.network")
    membership = Membership.objects.create(
        network=network, organization=lead_organization, role=Membership.Role.LEAD
    )
    audit.record(membership, "networks.membership.created", user=user)
    return network


def funding_total(network) -> dict:
    """Sum of shares (and whether they add up to 100 %) and of the amounts given."""
    from decimal import Decimal

    sources = list(network.funding_sources.all())
    total = sum((source.share_percent for source in sources), Decimal("0"))
    amounts = [source.amount for source in sources if source.amount is not None]
    return {
        "percent": total,
        "complete": total == Decimal("100"),
        "amount": sum(amounts, Decimal("0")) if amounts else None,
    }
