"""Who sees a network's finances: its coordination and the lead partner, nobody else.

Receipts name payees and amounts; they are for the people who keep the books
(``funding.manage`` through a team of the network or of its lead organization). A
co-funder (a district) sees its own bill and nothing else of the plan.
"""

from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


def _managed_networks(user):
    from verbund.funding.permissions import FUNDING_MANAGE
    from verbund.networks.models import Network

    return Network.objects.with_perm(user, FUNDING_MANAGE).values("pk")


class FinancingPlanQuerySet(ScopedQuerySet):
    def visible_q(self, user) -> Q:
        return Q(network__in=_managed_networks(user))

    def perm_q(self, user, perm) -> Q:
        from verbund.networks.models import Network

        return Q(network__in=Network.objects.with_perm(user, perm).values("pk"))


class PlanPartQuerySet(ScopedQuerySet):
    """Lines, receipts and calls: as their plan."""

    def visible_q(self, user) -> Q:
        return Q(plan__network__in=_managed_networks(user))

    def perm_q(self, user, perm) -> Q:
        from verbund.networks.models import Network

        return Q(plan__network__in=Network.objects.with_perm(user, perm).values("pk"))


class CofunderQuerySet(PlanPartQuerySet):
    """A co-funder's bill is also visible to the people of the co-funding organization."""

    def visible_q(self, user) -> Q:
        from verbund.core.services import access

        own = Q(organization__in=access.member_organization_ids(user))
        return super().visible_q(user) | own
