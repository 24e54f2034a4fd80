"""Tenancy of surveys: a wave and everything in it belongs to the wave's network.

Waves are seen by holders of ``needs.manage`` or ``needs.view`` on the network (a team of
the network or of its lead organization) and changed with ``needs.manage``. Companies
reach their own response only through its token, never through these querysets.
"""

from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


def _network_q(user, perms, prefix: str) -> Q:
    from verbund.core.services import access

    organizations, networks = set(), set()
    for perm in perms:
        organizations |= access.organizations_with(user, perm)
        networks |= access.networks_with(user, perm)
    return Q(**{f"{prefix}network__in": networks}) | Q(
        **{
            f"{prefix}network__memberships__role": "lead",
            f"{prefix}network__memberships__organization__in": organizations,
        }
    )


class WaveQuerySet(ScopedQuerySet):
    def visible_q(self, user) -> Q:
        return _network_q(user, ("needs.manage", "needs.view"), "")

    def perm_q(self, user, perm) -> Q:
        return _network_q(user, (perm,), "")


class WavePartQuerySet(ScopedQuerySet):
    """Invitations, responses, own questions: scoped by their wave."""

    def visible_q(self, user) -> Q:
        from verbund.needs.models import Wave

        return Q(wave__in=Wave.objects.visible_to(user).values("pk"))

    def perm_q(self, user, perm) -> Q:
        from verbund.needs.models import Wave

        return Q(wave__in=Wave.objects.with_perm(user, perm).values("pk"))
