"""Small builders for test data. Named people, as in the demo, make failures readable."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from verbund.core.models import Organization, Person, Region, Team
from verbund.core.services import access
from verbund.networks.models import Activity, Membership, Network

_counter = itertools.count(1)


def region(name="Region Hannover", kind=Region.Kind.LANDKREIS, **fields):
    return Region.objects.create(name=name, kind=kind, **fields)


def organization(name=None, kind=Organization.Kind.COMPANY, **fields):
    return Organization.objects.create(
        name=name or f"Testbetrieb {next(_counter)} GmbH", kind=kind, **fields
    )


def user(username=None, organization=None, **fields):
    username = username or f"user{next(_counter)}"
    account = get_user_model().objects.create_user(
        username=username, password="Verbund-Test-2026", email=f"{username}@example.org", **fields
    )
    if organization is not None:
        Person.objects.create(
            first_name=username.capitalize(),
            last_name="Test",
            organization=organization,
            user=account,
            email=account.email,
        )
    return account


def grant(account, perms, organization=None, network=None, name="Team"):
    """Put ``account`` into a team of ``organization`` or ``network`` holding ``perms``."""
    team = Team.objects.create(
        name=name, organization=organization, network=network, permissions=list(perms)
    )
    team.members.add(account)
    access.forget(account)
    return team


def network(name=None, lead=None, kind=Network.Kind.WEITERBILDUNGSVERBUND, **fields):
    created = Network.objects.create(name=name or f"Netzwerk {next(_counter)}", kind=kind, **fields)
    if lead is not None:
        Membership.objects.create(network=created, organization=lead, role=Membership.Role.LEAD)
    return created


def activity(network, title="Arbeitstreffen", days_ahead=10, **fields):
    start = datetime.date.today() + datetime.timedelta(days=days_ahead)
    return Activity.objects.create(
        network=network, title=title, kind=Activity.Kind.MEETING, start=start, **fields
    )
