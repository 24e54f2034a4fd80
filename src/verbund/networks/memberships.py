"""The membership lookup core's permission checks use (registered in ``NetworksConfig.ready``)."""

from verbund.networks.models import Membership


def networks_of_organizations(organization_ids: set[int]) -> set[int]:
    """The networks these organizations are members of."""
    return set(
        Membership.objects.filter(organization_id__in=organization_ids).values_list(
            "network_id", flat=True
        )
    )
