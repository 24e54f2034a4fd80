"""Contracts from a plan: versions, approvals by every party, PDF, permissions."""

import pytest
from django.urls import reverse

from verbund.apprenticeship.models import Contract, ContractApproval
from verbund.apprenticeship.services import contracts, rotation


@pytest.fixture
def run(profile, stations, planner, verbund):
    return rotation.start_run(verbund, profile.occupation, planner, 2026, time_limit=3)


@pytest.mark.django_db
def test_contracts_versions_and_approvals(
    client, run, planner, home_user, partner_user, stranger_user
):
    client.force_login(planner)
    response = client.post(reverse("apprenticeship:contracts_from_run", args=[run.pk]))
    assert response.status_code == 302
    cooperation = Contract.objects.get(kind="cooperation")
    assert Contract.objects.filter(kind="addendum").count() == 1
    parties = set(cooperation.parties.values_list("name", flat=True))
    assert parties == {"Hesterberg Testwerk", "Partnerwerk Hagen"}
    url = cooperation.get_absolute_url()
    pdf = client.get(reverse("apprenticeship:contract_pdf", args=[cooperation.pk, 1]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # each party approves for itself only
    client.force_login(home_user)
    home_org = home_user.person.organization
    partner_org = partner_user.person.organization
    assert (
        client.post(
            reverse("apprenticeship:contract_approve", args=[cooperation.pk]),
            {"organization": partner_org.pk},
        ).status_code
        == 403
    )
    client.post(
        reverse("apprenticeship:contract_approve", args=[cooperation.pk]),
        {"organization": home_org.pk},
    )
    assert "Zustimmung von 1 Partei fehlt" in client.get(url).content.decode()
    client.force_login(partner_user)
    client.post(
        reverse("apprenticeship:contract_approve", args=[cooperation.pk]),
        {"organization": partner_org.pk},
    )
    assert "von allen Parteien angenommen" in client.get(url).content.decode()
    # a change is a new version that needs every approval again
    client.force_login(planner)
    client.post(
        reverse("apprenticeship:contract_amend", args=[cooperation.pk]),
        {"reason": "Neue Station", "run": run.pk},
    )
    cooperation.refresh_from_db()
    assert cooperation.current.number == 2 and not contracts.status(cooperation.current)["complete"]
    assert ContractApproval.objects.count() == 2  # the approvals of version 1 stay
    # strangers see nothing
    client.force_login(stranger_user)
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("apprenticeship:contract_pdf", args=[cooperation.pk, 1])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("apprenticeship:contract_amend", args=[cooperation.pk]), {"reason": "x"}
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_only_planners_create_and_amend(client, run, home_user, partner_user):
    client.force_login(partner_user)
    assert client.post(reverse("apprenticeship:contracts_from_run", args=[run.pk])).status_code in (
        403,
        404,
    )
    made = contracts.create_from_run(run, home_user)
    assert (
        client.post(
            reverse("apprenticeship:contract_amend", args=[made[0].pk]),
            {"reason": "x", "run": run.pk},
        ).status_code
        == 403
    )
    assert client.get(made[0].get_absolute_url()).status_code == 200  # a party sees it
    anonymous = client.__class__()
    assert anonymous.get(made[0].get_absolute_url()).status_code == 302


@pytest.mark.django_db
def test_funding_export(client, run, planner, stranger_user):
    client.force_login(planner)
    response = client.get(reverse("apprenticeship:funding_export", args=[run.pk]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Betrieb;Förderprogramm") and "Hesterberg Testwerk" in text
    assert "Nordrhein-Westfalen" in text
    client.force_login(stranger_user)
    assert client.get(reverse("apprenticeship:funding_export", args=[run.pk])).status_code == 404


@pytest.mark.django_db
def test_a_verbund_member_that_is_no_party_sees_neither_plan_nor_contract(
    client, run, planner, home_user, partner_user, verbund
):
    """Issue 24: every member of a Verbund opened every contract, PDF and rotation plan."""
    from tests import factories
    from verbund.networks.models import Membership

    bystander = factories.organization("Nachbarbetrieb GmbH", city="Hagen", lat=51.35, lon=7.46)
    Membership.objects.create(network=verbund, organization=bystander)
    member = factories.user("nora", organization=bystander)
    factories.grant(
        member,
        ["apprenticeship.manage_training", "apprenticeship.plan_rotation"],
        organization=bystander,
    )
    home, partner = home_user.person.organization, partner_user.person.organization
    assert set(run.labels["parties"]) == {f"O{home.pk}", f"O{partner.pk}"}
    contracts.create_from_run(run, planner)
    urls = [run.get_absolute_url()]
    for contract in Contract.objects.all():
        urls += [
            contract.get_absolute_url(),
            reverse("apprenticeship:contract_pdf", args=[contract.pk, 1]),
        ]
    client.force_login(member)
    assert [client.get(url).status_code for url in urls] == [404] * len(urls)
    client.force_login(partner_user)
    assert [client.get(url).status_code for url in urls] == [200] * len(urls)
