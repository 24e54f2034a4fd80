"""Tenancy of Verbundausbildung.

Profiles, trainers and stations belong to an organization: its members and the members of
its networks see them (partners must see what a partner offers); changing them needs
``apprenticeship.manage_training`` for the organization. Apprentices are personal data:
only their company (and holders of the permission for it) see them. Partner requests are
seen by both sides. Rotation runs and contracts are seen by their parties and the
Verbund's coordination (docs/privacy.md).
"""

from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


class OrganizationOwnedQuerySet(ScopedQuerySet):
    organization_lookup = "organization"

    def visible_q(self, user) -> Q:
        from verbund.core.services import access

        return Q(organization__in=access.member_organization_ids(user)) | Q(
            organization__memberships__network__in=access.member_network_ids(user)
        )


class StationQuerySet(OrganizationOwnedQuerySet):
    """Stations are offers to every company looking for partners: all signed-in users see them."""

    def visible_q(self, user) -> Q:
        return Q()


class ApprenticeQuerySet(ScopedQuerySet):
    organization_lookup = "profile__organization"

    def visible_q(self, user) -> Q:
        from verbund.core.services import access

        return Q(profile__organization__in=access.member_organization_ids(user))


class PartnerRequestQuerySet(ScopedQuerySet):
    def visible_q(self, user) -> Q:
        from verbund.core.services import access

        own = access.member_organization_ids(user)
        return Q(requester__in=own) | Q(partner__in=own)

    def perm_q(self, user, perm) -> Q:
        from verbund.core.services import access

        allowed = access.organizations_with(user, perm)
        return Q(requester__in=allowed) | Q(partner__in=allowed)


class RotationRunQuerySet(ScopedQuerySet):
    """A rotation plan names apprentices: its parties (the training companies of its
    apprentices and the owners of its stations, ``labels["parties"]``) and the Verbund's
    coordination (``apprenticeship.plan_rotation``) see it, not every network member."""

    def visible_q(self, user) -> Q:
        from verbund.core.services import access

        parties = Q(pk__in=[])
        for organization_id in access.member_organization_ids(user):
            parties |= Q(**{f"labels__parties__O{organization_id}__isnull": False})
            # runs stored before their parties were recorded: their companies and partners
            parties |= Q(labels__parties__isnull=True) & (
                Q(**{f"labels__companies__C{organization_id}__isnull": False})
                | Q(**{f"labels__partners__O{organization_id}__isnull": False})
            )
        return parties | self.perm_q(user, "apprenticeship.plan_rotation")

    def perm_q(self, user, perm) -> Q:
        from verbund.core.services import access

        return Q(network__in=access.networks_with(user, perm)) | Q(
            network__memberships__role="lead",
            network__memberships__organization__in=access.organizations_with(user, perm),
        )


def training_networks(queryset):
    """Networks that run Verbundausbildung: of kind Ausbildungsverbund or with a setup
    (an initiative such as In|Die RegionRuhr may run one)."""
    from verbund.networks.models import Network

    return queryset.filter(
        Q(kind=Network.Kind.AUSBILDUNGSVERBUND) | Q(apprenticeship_setup__isnull=False)
    ).distinct()
