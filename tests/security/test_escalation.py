"""No privilege escalation (issue 10): nobody grants what they do not hold, the lead of a
network changes only by its lead or an administrator, sensitive permissions stay with the
organization that owns the data, synonyms only by their editors."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests import factories
from tests.api.conftest import client_for
from verbund.core.models import Team
from verbund.core.services import access
from verbund.networks.models import Membership


@pytest.fixture
def chain(org_a, network_a):
    """PSG coordinates network A (a network team) and manages its own teams; it is a plain
    member, org A leads. Org A has a counselling team the coordinator is not in."""
    psg = factories.organization("Projekt- und Strukturgesellschaft", kind="other")
    membership = Membership.objects.create(network=network_a, organization=psg)
    coordinator = factories.user("johanna", organization=psg)
    factories.grant(coordinator, ["networks.edit"], network=network_a, name="Koordination")
    own_team = factories.grant(
        coordinator, ["organizations.edit", "teams.manage"], organization=psg, name="Leitung"
    )
    colleague = factories.user("paul", organization=psg)
    counsellors = Team.objects.create(
        name="Beratung", organization=psg, permissions=["advice.counsel", "organizations.edit"]
    )
    counsellors.members.add(colleague)
    lead_user = factories.user("lena", organization=org_a)
    factories.grant(lead_user, ["networks.edit"], organization=org_a)
    return SimpleNamespace(
        psg=psg,
        network=network_a,
        membership=membership,
        coordinator=coordinator,
        own_team=own_team,
        colleague=colleague,
        counsellors=counsellors,
        lead_user=lead_user,
    )


# Teams ---------------------------------------------------------------------------------


@pytest.mark.parametrize("perm", ["advice.counsel", "privacy.manage", "courses.synonyms"])
def test_cannot_grant_a_permission_one_does_not_hold(client, chain, perm):
    client.force_login(chain.coordinator)
    url = reverse("core:team_edit", args=[chain.psg.pk, chain.own_team.pk])
    response = client.post(
        url, {"name": "Leitung", "permissions": [perm, "teams.manage"], "members": []}
    )
    assert response.status_code == 400  # not even offered as a choice
    chain.own_team.refresh_from_db()
    assert perm not in chain.own_team.permissions
    access.forget(chain.coordinator)
    assert not access.has_perm(chain.coordinator, perm)


def test_the_form_offers_only_held_permissions(client, chain):
    client.force_login(chain.coordinator)
    page = client.get(reverse("core:team_create", args=[chain.psg.pk])).content.decode()
    assert "organizations.edit" in page and "advice.counsel" not in page


def test_may_grant_what_one_holds(client, chain):
    client.force_login(chain.coordinator)
    response = client.post(
        reverse("core:team_create", args=[chain.psg.pk]),
        {"name": "Stammdaten", "permissions": ["organizations.edit"], "members": []},
    )
    assert response.status_code == 302
    assert Team.objects.get(name="Stammdaten").permissions == ["organizations.edit"]


def test_joining_a_team_with_foreign_permissions_is_refused(client, chain):
    client.force_login(chain.coordinator)
    url = reverse("core:team_edit", args=[chain.psg.pk, chain.counsellors.pk])
    client.post(
        url,
        {
            "name": "Beratung",
            "permissions": ["organizations.edit"],
            "members": [chain.coordinator.pk, chain.colleague.pk],
        },
    )
    chain.counsellors.refresh_from_db()
    assert set(chain.counsellors.members.all()) == {chain.colleague}
    # the permission the coordinator does not hold stays, it cannot be removed either
    assert "advice.counsel" in chain.counsellors.permissions
    access.forget(chain.coordinator)
    assert not access.has_perm(chain.coordinator, "advice.counsel")


def test_deleting_a_team_with_foreign_permissions_is_refused(client, chain):
    client.force_login(chain.coordinator)
    url = reverse("core:team_delete", args=[chain.psg.pk, chain.counsellors.pk])
    assert client.post(url).status_code == 403
    assert Team.objects.filter(pk=chain.counsellors.pk).exists()


def test_administrator_grants_anything(client, chain):
    admin = factories.user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        reverse("core:team_edit", args=[chain.psg.pk, chain.own_team.pk]),
        {"name": "Leitung", "permissions": ["advice.counsel"], "members": [chain.coordinator.pk]},
    )
    assert response.status_code == 302
    chain.own_team.refresh_from_db()
    assert chain.own_team.permissions == ["advice.counsel"]


def test_synonyms_stay_closed_to_the_coordinator(client, chain):
    client.force_login(chain.coordinator)
    assert client.get(reverse("courses:synonym_create")).status_code == 403
    # and cannot hand the permission to its own team first (see above)
    client.post(
        reverse("core:team_edit", args=[chain.psg.pk, chain.own_team.pk]),
        {"name": "Leitung", "permissions": ["courses.synonyms"], "members": []},
    )
    access.forget(chain.coordinator)
    assert client.get(reverse("courses:synonym_create")).status_code == 403


# Network lead --------------------------------------------------------------------------


def test_coordinator_cannot_make_its_organization_lead_over_the_api(chain):
    api = client_for(chain.coordinator)
    created = api.post(
        "invitations",
        {"network": chain.network.pk, "organization": chain.psg.pk, "role": "lead"},
    )
    assert created.status_code == 403
    assert "Federführung" in created.json()["detail"]
    patched = api.patch(f"members/{chain.membership.pk}", {"role": "lead"})
    assert patched.status_code == 403
    chain.membership.refresh_from_db()
    assert chain.membership.role == Membership.Role.MEMBER
    lead = Membership.objects.get(network=chain.network, role=Membership.Role.LEAD)
    demoted = api.patch(f"members/{lead.pk}", {"role": "member"})
    assert demoted.status_code == 403
    # plain member changes stay possible
    assert api.patch(f"members/{chain.membership.pk}", {"note": "aktiv"}).status_code == 200


def test_lead_organization_and_administrator_may_change_the_lead(chain):
    assert (
        client_for(chain.lead_user)
        .patch(f"members/{chain.membership.pk}", {"role": "lead"})
        .status_code
        == 200
    )
    admin = factories.user("root", is_superuser=True, is_staff=True)
    response = client_for(admin).patch(f"members/{chain.membership.pk}", {"role": "member"})
    assert response.status_code == 200


def test_membership_form_refuses_the_lead_role(client, chain):
    client.force_login(chain.coordinator)
    url = reverse("networks:membership_edit", args=[chain.membership.pk])
    response = client.post(url, {"organization": chain.psg.pk, "role": "lead"})
    assert response.status_code == 400
    assert "Federführung" in response.content.decode()
    chain.membership.refresh_from_db()
    assert chain.membership.role == Membership.Role.MEMBER


def test_membership_delete_of_the_lead_is_refused(client, chain):
    client.force_login(chain.coordinator)
    lead = Membership.objects.get(network=chain.network, role=Membership.Role.LEAD)
    response = client.post(reverse("networks:membership_delete", args=[lead.pk]))
    assert response.status_code == 403
    assert Membership.objects.filter(pk=lead.pk).exists()


def test_refusal_page_gives_the_reason_not_a_code(client, chain):
    client.force_login(chain.coordinator)
    url = reverse("core:team_delete", args=[chain.psg.pk, chain.counsellors.pk])
    page = client.post(url)
    assert page.status_code == 403
    text = page.content.decode()
    assert "alle seine Berechtigungen" in text and "advice.counsel" not in text
    plain = client.get(reverse("courses:synonym_create"))  # PermissionDenied("courses.synonyms")
    assert plain.status_code == 403 and "courses.synonyms" not in plain.content.decode()
    assert "fehlt Ihnen die Berechtigung" in plain.content.decode()
