"""Tenancy in one place: every organization-owned model's queryset has ``visible_to(user)``.

Views and API handlers never filter by hand; they ask the model's queryset what a user
may see (``visible_to``) or act on (``with_perm``).
"""

from django.db import models
from django.db.models import Q


class PublicQuerySet(models.QuerySet):
    """Reference data (regions, topics): everyone may read it."""

    def visible_to(self, user):
        return self.all()

    def with_perm(self, user, perm):
        return self.all() if user.is_authenticated and user.is_superuser else self.none()


class ScopedQuerySet(models.QuerySet):
    """Rows owned by organizations and/or networks.

    Subclasses name the lookups that lead from a row to its owning organization and
    network (``organization_lookup``/``network_lookup``); visibility and permission
    filters are derived from them and the user's teams.
    """

    organization_lookup: str | None = None
    network_lookup: str | None = None

    def _scope_q(self, organization_ids, network_ids) -> Q:
        condition = Q(pk__in=[])
        if self.organization_lookup:
            condition |= Q(**{f"{self.organization_lookup}__in": organization_ids})
        if self.network_lookup:
            condition |= Q(**{f"{self.network_lookup}__in": network_ids})
        return condition

    def visible_to(self, user):
        from verbund.core.services import access

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            self._scope_q(access.member_organization_ids(user), access.member_network_ids(user))
        ).distinct()

    def with_perm(self, user, perm):
        from verbund.core.services import access

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            self._scope_q(access.organizations_with(user, perm), access.networks_with(user, perm))
        ).distinct()


class OrganizationQuerySet(ScopedQuerySet):
    """The directory of organizations is readable by every signed-in user."""

    organization_lookup = "pk"

    def visible_to(self, user):
        return self.all() if user.is_authenticated else self.none()


class PersonQuerySet(ScopedQuerySet):
    """Contact persons: visible within their organization and the networks it belongs to."""

    organization_lookup = "organization"
    network_lookup = "organization__memberships__network"

    def visible_to(self, user):
        if not user.is_authenticated:
            return self.none()
        return (super().visible_to(user) | self.filter(user=user)).distinct()
