"""Issue 25: every dashboard listed all public networks' activities, internal ones too."""

from django.urls import reverse

from tests import factories


def test_dashboard_lists_only_the_users_own_networks_activities(
    client, org_a, org_b, network_a, member_b, outsider
):
    public = factories.network("Kooperation der Kammern", lead=org_b, is_public=True)
    factories.activity(public, title="Gemeinsame Präsidialsitzung")
    factories.activity(network_a, title="Treffen der Partnerschaft")
    guest = factories.user("gast", organization=factories.organization("Tischlerei"))
    taking_part = factories.activity(public, title="Ausbildungsforum", days_ahead=20)
    taking_part.organizations.add(org_a)
    member_a = factories.user("adam", organization=org_a)

    client.force_login(guest)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Gemeinsame Präsidialsitzung" not in html
    # The public network's page still shows its activities to a reader.
    assert "Gemeinsame Präsidialsitzung" in client.get(public.get_absolute_url()).content.decode()

    client.force_login(member_b)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Gemeinsame Präsidialsitzung" in html
    assert "Treffen der Partnerschaft" not in html

    client.force_login(member_a)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Treffen der Partnerschaft" in html and "Ausbildungsforum" in html
    assert "Gemeinsame Präsidialsitzung" not in html
