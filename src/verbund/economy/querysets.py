"""Tenancy of the business-climate survey: everything belongs to the survey's network.

Waves, the panel and the reports are seen with ``economy.view`` or ``economy.manage`` on
the network (a team of the network or of one of its lead chambers) and changed with
``economy.manage``. Firms reach their answer only through their token, never through these
querysets; published report versions are public.

Inside a joint survey the chambers stay apart: a chamber's economist sees and manages only
its own chamber's panel firms, invitations (personal links), answers and extra questions
(``of_my_chambers``); the joint figures are reached only through disclosure control.
"""

from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


def network_q(user, perms, prefix: str) -> Q:
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


VIEW_PERMS = ("economy.manage", "economy.view")


class NetworkPartQuerySet(ScopedQuerySet):
    """Rows with a ``network`` field (waves, panel firms)."""

    prefix = ""

    def visible_q(self, user) -> Q:
        return network_q(user, VIEW_PERMS, self.prefix)

    def perm_q(self, user, perm) -> Q:
        return network_q(user, (perm,), self.prefix)


class WavePartQuerySet(NetworkPartQuerySet):
    """Invitations, answers, extra questions and reports: scoped by their wave."""

    prefix = "wave__"


class ChamberRowsMixin:
    """Rows that belong to one chamber of the survey (``chamber_field``)."""

    chamber_field = "chamber"

    def of_my_chambers(self, user, network):
        """Only the rows of the chambers for which ``user`` acts as an economist."""
        from verbund.economy.services.rights import chambers_for

        return self.filter(**{f"{self.chamber_field}__in": chambers_for(user, network)})


class PanelQuerySet(ChamberRowsMixin, NetworkPartQuerySet):
    """Panel firms: each belongs to one chamber."""


class ChamberWavePartQuerySet(ChamberRowsMixin, WavePartQuerySet):
    """Answers and extra questions: each belongs to one chamber."""


class InvitationQuerySet(ChamberRowsMixin, WavePartQuerySet):
    """Invitations belong to the chamber of their firm."""

    chamber_field = "firm__chamber"


class VersionQuerySet(NetworkPartQuerySet):
    """Published report versions are public (press, member firms); changes need the wave's rights."""

    prefix = "report__wave__"

    def visible_to(self, user):
        return self.all()
