"""Generated permission tests: every page as anonymous, without permission, permitted,
and on another organization's object (NetBox-style)."""

import pytest
from django.urls import reverse

from tests import factories
from verbund.core.models import Team
from verbund.networks.models import Agreement, FundingSource, Goal, Membership, Review


@pytest.fixture
def world(org_a, org_b, network_a, network_b, coordinator_a, outsider):
    person_a = factories.user("paula", organization=org_a).person
    person_b = factories.user("peter", organization=org_b).person
    objects = {}
    for key, network, org, person in (
        ("a", network_a, org_a, person_a),
        ("b", network_b, org_b, person_b),
    ):
        objects[key] = {
            "network": network,
            "organization": org,
            "person": person,
            "activity": factories.activity(network),
            "membership": Membership.objects.get(network=network),
            "goal": Goal.objects.create(network=network, title="Ziel"),
            "agreement": Agreement.objects.create(network=network, title="Vertrag"),
            "funding": FundingSource.objects.create(
                network=network, funder="BMAS", share_percent=70
            ),
            "review": Review.objects.create(network=network, date="2025-01-15"),
            "team": Team.objects.create(name="Vorstand", organization=org),
        }
    return objects


def url_of(route, key):
    """The URL of ``route`` for the object ``key`` of one side's objects."""
    return lambda objects: reverse(route, args=[objects[key].pk])


# name -> url from one side's objects. Expected codes: anonymous, no permission, permitted.
# The fourth case (permitted user, other organization's private object) expects the
# last column.
PAGES = [
    ("dashboard", lambda o: reverse("core:dashboard"), (302, 200, 200, None)),
    ("search", lambda o: reverse("core:search") + "?q=Ziel", (302, 200, 200, None)),
    ("organizations", lambda o: reverse("core:organization_list"), (302, 200, 200, None)),
    ("organization", lambda o: o["organization"].get_absolute_url(), (302, 200, 200, 200)),
    (
        "organization_edit",
        lambda o: reverse("core:organization_edit", args=[o["organization"].pk]),
        (302, 403, 200, 403),
    ),
    ("organization_create", lambda o: reverse("core:organization_create"), (302, 403, 200, None)),
    (
        "person_create",
        lambda o: reverse("core:person_create", args=[o["organization"].pk]),
        (302, 403, 200, 403),
    ),
    ("person", lambda o: o["person"].get_absolute_url(), (302, 404, 200, 404)),
    (
        "person_edit",
        lambda o: reverse("core:person_edit", args=[o["person"].pk]),
        (302, 404, 200, 404),
    ),
    (
        "person_delete",
        lambda o: reverse("core:person_delete", args=[o["person"].pk]),
        (302, 404, 200, 404),
    ),
    (
        "person_erase",
        lambda o: reverse("core:person_erase", args=[o["person"].pk]),
        (302, 404, 403, 404),
    ),
    ("tokens", lambda o: reverse("core:token_list"), (302, 200, 200, None)),
    ("teams", url_of("core:team_list", "organization"), (302, 403, 200, 403)),
    ("team_create", url_of("core:team_create", "organization"), (302, 403, 200, 403)),
    *[
        (
            f"team_{verb}",
            lambda o, verb=verb: reverse(
                f"core:team_{verb}", args=[o["organization"].pk, o["team"].pk]
            ),
            (302, 403, 200, 403),
        )
        for verb in ("edit", "delete")
    ],
    ("networks", lambda o: reverse("networks:network_list"), (302, 200, 200, None)),
    ("network_create", lambda o: reverse("networks:network_create"), (302, 403, 200, None)),
    ("network", lambda o: o["network"].get_absolute_url(), (302, 404, 200, 404)),
    (
        "network_edit",
        lambda o: reverse("networks:network_edit", args=[o["network"].pk]),
        (302, 404, 200, 404),
    ),
    (
        "network_calendar",
        lambda o: reverse("networks:network_calendar", args=[o["network"].pk]),
        (302, 404, 200, 404),
    ),
    ("my_calendar", lambda o: reverse("networks:my_calendar"), (302, 200, 200, None)),
    ("calendar_feeds", lambda o: reverse("networks:calendar_feeds"), (302, 200, 200, None)),
    ("activity", lambda o: o["activity"].get_absolute_url(), (302, 404, 200, 404)),
    *[
        (f"{name}_create", url_of(f"networks:{name}_create", "network"), (302, 404, 200, 404))
        for name in ("membership", "fundingsource", "agreement", "goal", "activity", "review")
    ],
    *[
        (f"{name}_{verb}", url_of(f"networks:{name}_{verb}", key), (302, 404, 200, 404))
        for name, key in (
            ("membership", "membership"),
            ("fundingsource", "funding"),
            ("agreement", "agreement"),
            ("goal", "goal"),
            ("activity", "activity"),
            ("review", "review"),
        )
        for verb in ("edit", "delete")
    ],
]


@pytest.mark.parametrize("name,url,expected", PAGES, ids=[page[0] for page in PAGES])
def test_page_permissions(client, world, coordinator_a, outsider, name, url, expected):
    anonymous, without, permitted, other = expected
    response = client.get(url(world["a"]))
    assert response.status_code == anonymous
    if anonymous == 302:
        assert reverse("login") in response["Location"]

    client.force_login(outsider)
    assert client.get(url(world["a"])).status_code == without

    client.force_login(coordinator_a)
    assert client.get(url(world["a"])).status_code == permitted
    if other is not None:
        assert client.get(url(world["b"])).status_code == other


def test_privacy_pages_need_privacy_permission(client, world, org_a):
    officer = factories.user("dora", organization=org_a)
    factories.grant(officer, ["privacy.manage"], organization=org_a)
    client.force_login(officer)
    person = world["a"]["person"]
    assert client.get(reverse("core:person_erase", args=[person.pk])).status_code == 200
    assert client.post(reverse("core:person_export", args=[person.pk])).status_code == 200
    other = world["b"]["person"]
    assert client.post(reverse("core:person_export", args=[other.pk])).status_code == 404


def test_posting_to_another_organizations_network_changes_nothing(client, world, coordinator_a):
    client.force_login(coordinator_a)
    network_b = world["b"]["network"]
    response = client.post(
        reverse("networks:network_edit", args=[network_b.pk]),
        {"name": "Übernommen", "kind": "initiative", "currency": "EUR"},
    )
    assert response.status_code == 404
    network_b.refresh_from_db()
    assert network_b.name != "Übernommen"


def test_team_form_grants_permissions_to_members(client, world, coordinator_a, org_a):
    from verbund.core.models import Team
    from verbund.core.services import access

    paula = world["a"]["person"].user
    client.force_login(coordinator_a)
    response = client.post(
        reverse("core:team_create", args=[org_a.pk]),
        {"name": "Stammdaten", "permissions": ["organizations.edit"], "members": [paula.pk]},
    )
    assert response.status_code == 302
    team = Team.objects.get(name="Stammdaten")
    assert list(team.members.all()) == [paula]
    access.forget(paula)
    assert access.has_perm(paula, "organizations.edit", world["a"]["person"])
    assert not access.has_perm(paula, "organizations.edit", world["b"]["person"])
