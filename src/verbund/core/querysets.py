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
    network (``organization_lookup``/``network_lookup``) and may widen ``visible_q`` /
    ``perm_q``. Filters go through a ``pk__in`` subquery so that joins over memberships
    never duplicate rows and the result stays composable.
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

    def visible_q(self, user) -> Q:
        from verbund.core.services import access

        return self._scope_q(access.member_organization_ids(user), access.member_network_ids(user))

    def perm_q(self, user, perm) -> Q:
        from verbund.core.services import access

        return self._scope_q(
            access.organizations_with(user, perm), access.networks_with(user, perm)
        )

    def _restricted(self, user, condition_for):
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        matching = self.model._default_manager.filter(condition_for()).values("pk")
        return self.filter(pk__in=matching)

    def visible_to(self, user):
        return self._restricted(user, lambda: self.visible_q(user))

    def with_perm(self, user, perm):
        return self._restricted(user, lambda: self.perm_q(user, perm))


class OrganizationQuerySet(ScopedQuerySet):
    """The directory of organizations is readable by every signed-in user."""

    organization_lookup = "pk"

    def visible_to(self, user):
        return self.all() if user.is_authenticated else self.none()


# People held for a purpose of their own (examiners, exchange and mobility participants):
# (model, lookup to the person) registered by their apps with ``register_data_subjects``
# in ``AppConfig.ready`` (core imports no feature app).
_DATA_SUBJECTS: list[tuple] = []


def register_data_subjects(model, person_lookup: str = "person") -> None:
    """People named in ``model`` rows are seen through that model's queryset (whoever
    sees the row sees its person), never as contacts of a member organization."""
    _DATA_SUBJECTS.append((model, person_lookup))


class PersonQuerySet(ScopedQuerySet):
    """People: visible within their own organization, to themselves, through the rows of
    an app that names them (an exchange's planners see its participants), and through a
    network only for the purpose the network serves: a member organization's contact
    persons (a function in the organization or an account on the platform), never its
    participants or examiners (docs/privacy.md)."""

    organization_lookup = "organization"

    def visible_q(self, user) -> Q:
        from verbund.core.services import access

        contact = Q(user__isnull=False) | ~Q(function="")
        through_purpose = Q(pk__in=[])
        for model, lookup in _DATA_SUBJECTS:
            contact &= ~Q(pk__in=model._default_manager.values(lookup))
            through_purpose |= Q(pk__in=model.objects.visible_to(user).values(lookup))
        through_network = Q(organization__memberships__network__in=access.member_network_ids(user))
        return (
            super().visible_q(user) | (through_network & contact) | through_purpose | Q(user=user)
        )
