"""Tenancy of the exam department's data.

The examiner pool belongs to a chamber cooperation network (Kammerkooperation): its
members see it, planners with ``exams.plan`` on the network or on the appointing
chamber change it. Boards, periods and sittings belong to an owning chamber (§39 BBiG)
and to the network of the joint pool. An examiner always sees their own rows.
"""

from django.db.models import Q

from verbund.core.querysets import ScopedQuerySet

STAFF_PERMS = ("exams.plan", "exams.compensation")


class StaffOnlyQuerySet(ScopedQuerySet):
    """Personal data: only the exam department (plan or compensation) sees it, never the
    whole membership of the network."""

    def visible_q(self, user) -> Q:
        condition = Q(pk__in=[])
        for perm in STAFF_PERMS:
            condition |= self.perm_q(user, perm)
        return condition


class ExaminerQuerySet(StaffOnlyQuerySet):
    organization_lookup = "chamber"
    network_lookup = "network"

    def visible_q(self, user) -> Q:
        return super().visible_q(user) | Q(person__user=user)


class ChamberNetworkQuerySet(ScopedQuerySet):
    """Rows with an owning ``chamber`` and a ``network`` (boards, periods, rate tables)."""

    organization_lookup = "chamber"
    network_lookup = "network"


class BoardQuerySet(ChamberNetworkQuerySet):
    """Boards: the chambers' and network's members see them, and so does every member of
    the board (an examiner from a school outside the network opens their own board)."""

    def visible_q(self, user) -> Q:
        return super().visible_q(user) | Q(members__examiner__person__user=user)


class BoardPartQuerySet(StaffOnlyQuerySet):
    """Rows reached through their board (memberships)."""

    organization_lookup = "board__chamber"
    network_lookup = "board__network"


class PeriodPartQuerySet(StaffOnlyQuerySet):
    """Rows of an exam period (sittings with candidates, plan runs)."""

    organization_lookup = "period__chamber"
    network_lookup = "period__network"


class ExaminerPartQuerySet(StaffOnlyQuerySet):
    """Rows about one examiner (conflicts, availability): the examiner sees their own."""

    organization_lookup = "examiner__chamber"
    network_lookup = "examiner__network"

    def visible_q(self, user) -> Q:
        return super().visible_q(user) | Q(examiner__person__user=user)


class SittingPartQuerySet(StaffOnlyQuerySet):
    """Assignments, unfilled seats and claims: through their sitting's period."""

    organization_lookup = "sitting__period__chamber"
    network_lookup = "sitting__period__network"


class AssignmentQuerySet(SittingPartQuerySet):
    def visible_q(self, user) -> Q:
        return super().visible_q(user) | Q(examiner__person__user=user, published=True)


class ClaimQuerySet(StaffOnlyQuerySet):
    organization_lookup = "assignment__sitting__board__chamber"
    network_lookup = "assignment__sitting__period__network"

    def visible_q(self, user) -> Q:
        return super().visible_q(user) | Q(assignment__examiner__person__user=user)


class RateQuerySet(StaffOnlyQuerySet):
    organization_lookup = "chamber"
