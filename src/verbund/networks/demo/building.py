"""Small builders the network demo steps share (plain ORM writes, no audit entries)."""

import datetime

from verbund.core.demo.registry import DemoContext
from verbund.networks.models import Activity, Goal, Membership, Network

Role = Membership.Role
Kind = Activity.Kind
Status = Goal.Status


def network(ctx: DemoContext, key: str, regions: tuple[str, ...] = (), **fields) -> Network:
    created = Network.objects.create(**fields)
    created.regions.set([ctx.regions[code] for code in regions])
    ctx.networks[key] = created
    return created


def members(ctx: DemoContext, net: Network, *entries) -> None:
    """Entries: (organization key, role[, since[, until[, note]]])."""
    for key, role, *rest in entries:
        since, until, note = (*rest, None, None, "")[:3]
        Membership.objects.create(
            network=net,
            organization=ctx.org(key),
            role=role,
            since=since,
            until=until,
            note=note or "",
        )


def goals(net: Network, titles, agreement=None, status=Status.PLANNED, due=None) -> list[Goal]:
    return [
        Goal.objects.create(network=net, agreement=agreement, title=title, status=status, due=due)
        for title in titles
    ]


def activity(
    ctx: DemoContext,
    net: Network,
    kind: str,
    title: str,
    start: datetime.date,
    *,
    organizations: tuple[str, ...] = (),
    **fields,
) -> Activity:
    created = Activity.objects.create(network=net, kind=kind, title=title, start=start, **fields)
    created.organizations.set([ctx.org(key) for key in organizations])
    return created
