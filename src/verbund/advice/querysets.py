"""Tenancy of advisory offices and their cases.

Offices are seen by everyone who sees their network. Cases hold personal data: only the
office's advisors and holders of ``advice.counsel`` for the office (a team of the host
organization or of the network) see them; coordinators see cases only as aggregates.
"""

from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


class OfficeQuerySet(ScopedQuerySet):
    def visible_q(self, user) -> Q:
        """Offices of networks the user sees, of their own organization, or where they advise."""
        from verbund.core.services import access
        from verbund.networks.models import Network

        return (
            Q(network__in=Network.objects.visible_to(user).values("pk"))
            | Q(host__in=access.member_organization_ids(user))
            | Q(advisors__user=user)
        )

    def perm_q(self, user, perm) -> Q:
        from verbund.core.services import access

        organizations = access.organizations_with(user, perm)
        return (
            Q(host__in=organizations)
            | Q(network__in=access.networks_with(user, perm))
            | Q(
                network__memberships__role="lead",
                network__memberships__organization__in=organizations,
            )
        )


class OfficePartQuerySet(ScopedQuerySet):
    """Advisors of an office: visible with the office, managed with ``advice.manage``."""

    def visible_q(self, user) -> Q:
        from verbund.advice.models import Office

        return Q(office__in=Office.objects.visible_to(user).values("pk"))

    def perm_q(self, user, perm) -> Q:
        from verbund.advice.models import Office

        return Q(office__in=Office.objects.with_perm(user, perm).values("pk"))


class CaseQuerySet(ScopedQuerySet):
    """Seen by the office's active advisors and holders of ``advice.counsel`` for the office.

    A permission on a case is the permission on its office, as ``Case.permission_scope``
    says (``access.has_perm``): ``with_perm`` once returned the visible cases for any
    permission, so an advisor "held" ``advice.manage`` on cases and a coordinator with
    ``advice.manage`` did not, against ``has_perm``. Seeing stays ``visible_to``.
    """

    def visible_q(self, user) -> Q:
        from verbund.advice.models import Office

        counselled = Office.objects.with_perm(user, "advice.counsel").values("pk")
        return Q(office__in=counselled) | Q(
            office__advisors__user=user, office__advisors__active=True
        )

    def perm_q(self, user, perm) -> Q:
        from verbund.advice.models import Office

        return Q(office__in=Office.objects.with_perm(user, perm).values("pk"))


class ContactQuerySet(ScopedQuerySet):
    """Contacts of a case: seen and recorded by whoever sees the case."""

    def visible_q(self, user) -> Q:
        from verbund.advice.models import Case

        return Q(case__in=Case.objects.visible_to(user).values("pk"))

    def perm_q(self, user, perm) -> Q:
        from verbund.advice.models import Case

        return Q(case__in=Case.objects.with_perm(user, perm).values("pk"))
