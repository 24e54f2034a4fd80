from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


class NetworkQuerySet(ScopedQuerySet):
    """Public networks are readable by every signed-in user; the rest by their members.

    Editing rights come from a team of the network or of its lead organization.
    """

    organization_lookup = "memberships__organization"
    network_lookup = "pk"

    def visible_q(self, user) -> Q:
        return super().visible_q(user) | Q(is_public=True)

    def perm_q(self, user, perm) -> Q:
        from verbund.core.services import access

        lead = Q(
            memberships__role="lead",
            memberships__organization__in=access.organizations_with(user, perm),
        )
        return lead | Q(pk__in=access.networks_with(user, perm))


class NetworkPartQuerySet(ScopedQuerySet):
    """Rows that belong to one network (members, agreements, goals, reviews, activities)."""

    def visible_q(self, user) -> Q:
        from verbund.networks.models import Network

        return Q(network__in=Network.objects.visible_to(user).values("pk"))

    def perm_q(self, user, perm) -> Q:
        from verbund.networks.models import Network

        return Q(network__in=Network.objects.with_perm(user, perm).values("pk"))


class CalendarFeedQuerySet(ScopedQuerySet):
    """A calendar subscription is its owner's alone (nobody manages other people's feeds)."""

    def visible_q(self, user) -> Q:
        return Q(user=user)

    def perm_q(self, user, perm) -> Q:
        return Q(user=user)


class InvitationQuerySet(ScopedQuerySet):
    """An invitation is seen by the network's editors and by the invited organization."""

    def visible_q(self, user) -> Q:
        from verbund.core.services import access
        from verbund.networks.models import Network

        editable = Network.objects.with_perm(user, "networks.edit").values("pk")
        return Q(network__in=editable) | Q(organization__in=access.member_organization_ids(user))

    def perm_q(self, user, perm) -> Q:
        from verbund.networks.models import Network

        return Q(network__in=Network.objects.with_perm(user, perm).values("pk"))
