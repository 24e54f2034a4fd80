"""Membership by consent (issue 24): an organization joins a network only by accepting an
invitation; an administrator adds only organizations without users directly; all audited."""

import pytest
from django.urls import reverse

from tests import factories
from tests.api.conftest import client_for
from verbund.core.models import AuditEntry, Person
from verbund.core.services import access
from verbund.core.services.dashboard import open_tasks
from verbund.networks.models import Invitation, Membership


@pytest.fixture
def company(db):
    return factories.organization("Metallbau Celle GmbH", city="Celle")


@pytest.fixture
def company_admin(company):
    account = factories.user("mia", organization=company)
    factories.grant(account, ["organizations.edit"], organization=company)
    return account


@pytest.fixture
def colleague(company):
    """Works at the company but may not act for it."""
    return factories.user("max", organization=company)


@pytest.fixture
def employee(company):
    """A person of the company who is not a contact for the network (no function, no account)."""
    return Person.objects.create(first_name="Tim", last_name="Azubi", organization=company)


@pytest.fixture
def superuser(db):
    return factories.user("root", is_superuser=True, is_staff=True)


def _invite(client, network, organization, role="member"):
    return client.post(
        reverse("networks:membership_create", args=[network.pk]),
        {"organization__search": organization.name, "role": role, "note": "Willkommen"},
    )


def _actions(obj):
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), action__startswith="networks.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_adding_a_member_without_consent_is_impossible(
    client, coordinator_a, network_a, company, company_admin
):
    """The attack of issue 24: POST /netzwerke/<id>/mitglieder/neu/ made any organization a
    member and showed its people to the coordinator."""
    contact = Person.objects.get(user=company_admin)
    client.force_login(coordinator_a)
    response = _invite(client, network_a, company)
    assert response.status_code == 302
    assert not Membership.objects.filter(network=network_a, organization=company).exists()
    invitation = Invitation.objects.get(network=network_a, organization=company)
    assert invitation.status == Invitation.Status.PENDING
    assert _actions(invitation) == ["networks.invitation.created"]
    # its people stay invisible to the network until the company agrees
    assert not Person.objects.visible_to(coordinator_a).filter(pk=contact.pk).exists()
    assert client.get(reverse("core:person_detail", args=[contact.pk])).status_code == 404
    # the old membership form is gone: no way to name an organization and save a membership
    api = client_for(coordinator_a)
    created = api.post("members", {"network": network_a.pk, "organization": company.pk})
    assert created.status_code == 403 and "Einladung" in created.json()["detail"]
    lead = Membership.objects.get(network=network_a, role=Membership.Role.LEAD)
    moved = api.patch(f"members/{lead.pk}", {"organization": company.pk})
    assert moved.status_code == 422
    edit = reverse("networks:membership_edit", args=[lead.pk])
    client.post(edit, {"organization": company.pk, "role": "lead"})
    lead.refresh_from_db()
    assert lead.organization_id != company.pk
    assert not Membership.objects.filter(network=network_a, organization=company).exists()


def test_the_invited_organization_accepts_and_then_its_contacts_are_visible(
    client, coordinator_a, network_a, company, company_admin, employee
):
    client.force_login(coordinator_a)
    _invite(client, network_a, company)
    invitation = Invitation.objects.get(network=network_a, organization=company)
    # the network page lists the invitation for its editors
    assert "Metallbau Celle GmbH" in client.get(network_a.get_absolute_url()).content.decode()

    # the company sees it on its dashboard and its invitation list
    tasks = open_tasks(company_admin)
    assert any(network_a.name in task.title for task in tasks)
    client.force_login(company_admin)
    page = client.get(reverse("networks:invitation_list")).content.decode()
    assert network_a.name in page and "Annehmen" in page
    response = client.post(reverse("networks:invitation_accept", args=[invitation.pk]))
    assert response.status_code == 302

    membership = Membership.objects.get(network=network_a, organization=company)
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED
    assert invitation.membership == membership
    assert _actions(invitation) == ["networks.invitation.created", "networks.invitation.accepted"]
    entry = AuditEntry.objects.get(action="networks.membership.created", object_id=membership.pk)
    assert entry.user == company_admin
    assert not any(network_a.name in task.title for task in open_tasks(company_admin))

    access.forget(coordinator_a)
    visible = Person.objects.visible_to(coordinator_a)
    assert visible.filter(user=company_admin).exists()  # a contact of a member
    assert not visible.filter(pk=employee.pk).exists()  # not every employee
    # answered once is answered
    again = client.post(reverse("networks:invitation_decline", args=[invitation.pk]))
    assert again.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.ACCEPTED


def test_declining_leaves_the_organization_outside(
    client, coordinator_a, network_a, company, company_admin
):
    client.force_login(coordinator_a)
    _invite(client, network_a, company)
    invitation = Invitation.objects.get(network=network_a, organization=company)
    client.force_login(company_admin)
    client.post(reverse("networks:invitation_decline", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert not Membership.objects.filter(network=network_a, organization=company).exists()
    assert "networks.invitation.declined" in _actions(invitation)


@pytest.mark.parametrize("who", ["coordinator", "colleague", "outsider", "anonymous"])
def test_only_the_organization_answers(
    client, coordinator_a, colleague, outsider, network_a, company, company_admin, who
):
    client.force_login(coordinator_a)
    _invite(client, network_a, company)
    invitation = Invitation.objects.get(network=network_a, organization=company)
    client.logout()
    actor = {"coordinator": coordinator_a, "colleague": colleague, "outsider": outsider}.get(who)
    if actor is not None:
        client.force_login(actor)
    response = client.post(reverse("networks:invitation_accept", args=[invitation.pk]))
    expected = {"coordinator": 403, "colleague": 403, "outsider": 404, "anonymous": 302}[who]
    assert response.status_code == expected
    api = client_for(actor).post(f"invitations/{invitation.pk}/accept", {})
    assert api.status_code == {"coordinator": 403, "colleague": 403, "outsider": 404}.get(who, 401)
    assert not Membership.objects.filter(network=network_a, organization=company).exists()


def test_inviting_needs_the_right_to_edit_the_network(client, member_b, network_a, company):
    client.force_login(member_b)
    assert _invite(client, network_a, company).status_code == 404
    response = client_for(member_b).post(
        "invitations", {"network": network_a.pk, "organization": company.pk}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_invitation_over_the_api(coordinator_a, network_a, company, company_admin):
    api = client_for(coordinator_a)
    created = api.post("invitations", {"network": network_a.pk, "organization": company.pk})
    assert created.status_code == 201 and created.json()["status"] == "pending"
    twice = api.post("invitations", {"network": network_a.pk, "organization": company.pk})
    assert twice.status_code == 422
    invitation_id = created.json()["id"]
    listed = client_for(company_admin).get("invitations").json()["items"]
    assert [item["id"] for item in listed] == [invitation_id]
    accepted = client_for(company_admin).post(f"invitations/{invitation_id}/accept", {})
    assert accepted.status_code == 200 and accepted.json()["membership"]
    assert Membership.objects.filter(network=network_a, organization=company).exists()


def test_withdrawing_an_invitation(client, coordinator_a, network_a, company, company_admin):
    client.force_login(coordinator_a)
    _invite(client, network_a, company)
    invitation = Invitation.objects.get(network=network_a, organization=company)
    client.post(reverse("networks:invitation_withdraw", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.WITHDRAWN
    client.force_login(company_admin)
    client.post(reverse("networks:invitation_accept", args=[invitation.pk]))
    assert not Membership.objects.filter(network=network_a, organization=company).exists()


def test_administrator_adds_only_organizations_without_users(
    client, superuser, network_a, company, company_admin
):
    client.force_login(superuser)
    without_users = factories.organization("Stiftung ohne Konto")
    _invite(client, network_a, without_users)
    membership = Membership.objects.get(network=network_a, organization=without_users)
    assert AuditEntry.objects.get(
        action="networks.membership.created", object_id=membership.pk
    ).data == {"directly": True}
    # an organization with users is invited even by the administrator
    _invite(client, network_a, company)
    assert not Membership.objects.filter(network=network_a, organization=company).exists()
    assert Invitation.objects.filter(network=network_a, organization=company).exists()
    api = client_for(superuser)
    refused = api.post("members", {"network": network_a.pk, "organization": company.pk})
    assert refused.status_code == 403
    other = factories.organization("Verein ohne Konto")
    assert api.post("members", {"network": network_a.pk, "organization": other.pk}).status_code == (
        201
    )
    # and the administrator cannot consent in the company's place
    invitation = Invitation.objects.get(network=network_a, organization=company)
    assert api.post(f"invitations/{invitation.pk}/accept", {}).status_code == 403
