"""Who publishes which report: each chamber its own, the joint report all chambers together.

An economist of a chamber is a user with ``economy.manage`` for the survey's network who
acts for that chamber: through a team of the chamber, or as a member of the chamber with
the right for the whole network. A chamber's own report is edited and published by its
economists only. The joint report speaks for every chamber of the network: any of their
economists edits it, and it is published once the economists of every chamber have
released the current texts (each release is recorded; changing the texts clears them).
"""

from django.db import transaction
from django.utils import timezone

from verbund.core.models import Organization
from verbund.core.services import access, audit
from verbund.economy.models import Report
from verbund.economy.permissions import ECONOMY_MANAGE


def network_chambers(network):
    """The chambers (IHK, HWK) that are members of the survey's network."""
    return Organization.objects.filter(
        memberships__network=network,
        kind__in=[Organization.Kind.IHK, Organization.Kind.HWK],
    ).distinct()


def chambers_for(user, network) -> set[int]:
    """The chambers of ``network`` for which ``user`` acts as an economist."""
    chambers = set(network_chambers(network).values_list("pk", flat=True))
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return chambers
    mine = access.organizations_with(user, ECONOMY_MANAGE) & chambers
    if network.pk in access.networks_with(user, ECONOMY_MANAGE):
        mine |= access.member_organization_ids(user) & chambers
    return mine


def may_edit(user, report: Report) -> bool:
    """Edit the texts, release or publish: the chamber's economists (joint: any chamber's)."""
    mine = chambers_for(user, report.wave.network)
    if report.chamber_id is None:
        return bool(mine)
    return report.chamber_id in mine


def may_create(user, wave, chamber) -> bool:
    mine = chambers_for(user, wave.network)
    return bool(mine) if chamber is None else chamber.pk in mine


def missing_releases(report: Report) -> list:
    """The chambers whose economists have not yet released the joint report's texts."""
    if report.chamber_id is not None:
        return []
    released = {int(key) for key in (report.approvals or {})}
    return [c for c in network_chambers(report.wave.network) if c.pk not in released]


@transaction.atomic
def release(report: Report, user) -> list:
    """Record the user's chambers' release of the joint report; returns who is still missing."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    approvals = dict(report.approvals or {})
    now = timezone.now().isoformat()
    for chamber_id in sorted(chambers_for(user, report.wave.network)):
        approvals.setdefault(str(chamber_id), {"user": user.pk, "at": now})
    Report.objects.filter(pk=report.pk).update(approvals=approvals)
    report.approvals = approvals
    audit.record(report, "economy.report.released", user=user, data={"chambers": list(approvals)})
    return missing_releases(report)


def clear_releases(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(approvals={})
    report.approvals = {}
