from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


class NetworkQuerySet(ScopedQuerySet):
    """Public networks are readable by every signed-in user; the rest by their members.

    Editing rights come from a team of the network or of its lead organization.
    """

    organization_lookup = "memberships__organization"
    network_lookup = "pk"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return (super().visible_to(user) | self.filter(is_public=True)).distinct()

    def with_perm(self, user, perm):
        from verbund.core.services import access

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        lead = Q(
            memberships__role="lead",
            memberships__organization__in=access.organizations_with(user, perm),
        )
        return self.filter(lead | Q(pk__in=access.networks_with(user, perm))).distinct()


class NetworkPartQuerySet(ScopedQuerySet):
    """Rows that belong to one network (members, agreements, goals, reviews, activities)."""

    def visible_to(self, user):
        from verbund.networks.models import Network

        return self.filter(network__in=Network.objects.visible_to(user))

    def with_perm(self, user, perm):
        from verbund.networks.models import Network

        return self.filter(network__in=Network.objects.with_perm(user, perm))
