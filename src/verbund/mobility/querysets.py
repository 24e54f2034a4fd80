"""Tenancy of mobility data.

A project belongs to its beneficiary (the sending organization) and to a partnership
network; placements to their host and the network. Applications and stays hold personal
data: the project's planners, the training company's approvers and the participant see
them, never the whole membership of the partnership or of the chamber.
"""

from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet


def _networks_with(user, perm):
    from verbund.networks.models import Network

    return Network.objects.with_perm(user, perm).values("pk")


class ProjectQuerySet(ScopedQuerySet):
    organization_lookup = "beneficiary"
    network_lookup = "network"

    def perm_q(self, user, perm) -> Q:
        return super().perm_q(user, perm) | Q(network__in=_networks_with(user, perm))


class PlacementQuerySet(ScopedQuerySet):
    """Every member of the partnership sees its placements; host and planners edit them."""

    organization_lookup = "host"
    network_lookup = "network"

    def perm_q(self, user, perm) -> Q:
        return super().perm_q(user, perm) | Q(network__in=_networks_with(user, perm))


class ProjectPartQuerySet(ScopedQuerySet):
    """Rows of a project with personal data (applications, stays, their documents):
    the project's planners, the training company's approvers and the participant."""

    project_lookup = "project"
    person_lookup = "person"
    company_lookup: str | None = "training_company"

    def _for(self, user, perm) -> Q:
        from verbund.core.services import access
        from verbund.mobility.models import MobilityProject

        projects = MobilityProject.objects.with_perm(user, perm).values("pk")
        condition = Q(**{f"{self.project_lookup}__in": projects})
        if self.company_lookup:
            approvers = access.organizations_with(user, "mobility.approve")
            condition |= Q(**{f"{self.company_lookup}__in": approvers})
        return condition

    def visible_q(self, user) -> Q:
        return self._for(user, "mobility.plan") | Q(**{f"{self.person_lookup}__user": user})

    def perm_q(self, user, perm) -> Q:
        return self._for(user, perm)


class StayQuerySet(ProjectPartQuerySet):
    company_lookup = "application__training_company"


class StayPartQuerySet(ProjectPartQuerySet):
    project_lookup = "stay__project"
    person_lookup = "stay__person"
    company_lookup = "stay__application__training_company"


class ExchangeQuerySet(ScopedQuerySet):
    """Like a network's activities: public partnerships show their exchanges to everyone
    signed in; the participants are personal data (ExchangeParticipantQuerySet)."""

    network_lookup = "network"
    organization_lookup = "host"

    def visible_q(self, user) -> Q:
        return super().visible_q(user) | Q(network__is_public=True)

    def perm_q(self, user, perm) -> Q:
        return super().perm_q(user, perm) | Q(network__in=_networks_with(user, perm))


class ExchangePartQuerySet(ScopedQuerySet):
    def visible_q(self, user) -> Q:
        from verbund.mobility.models import Exchange

        return Q(exchange__in=Exchange.objects.visible_to(user).values("pk"))

    def perm_q(self, user, perm) -> Q:
        from verbund.mobility.models import Exchange

        return Q(exchange__in=Exchange.objects.with_perm(user, perm).values("pk"))


class RunQuerySet(ScopedQuerySet):
    def visible_q(self, user) -> Q:
        from verbund.mobility.models import MobilityProject

        return Q(project__in=MobilityProject.objects.with_perm(user, "mobility.plan").values("pk"))

    def perm_q(self, user, perm) -> Q:
        from verbund.mobility.models import MobilityProject

        return Q(project__in=MobilityProject.objects.with_perm(user, perm).values("pk"))


class ExchangeParticipantQuerySet(ExchangePartQuerySet):
    """Participants of an exchange: its planners and the person themselves."""

    def visible_q(self, user) -> Q:
        return self.perm_q(user, "mobility.plan") | Q(person__user=user)
