"""Key figures on the dashboard per role: the coordinator's survey, the provider's unmet
demand, the examiner's claims, the company's offers and events."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests import factories
from verbund.core.models import Organization, Topic
from verbund.core.services.dashboard import key_figures


def labels(user):
    return {figure.label: figure for figure in key_figures(user)}


def test_the_coordinator_sees_response_rate_and_open_gaps(client, survey_world):
    figures = labels(survey_world.nora)
    rate = figures["Rücklauf der laufenden Bedarfsumfrage"]
    # 8 answered of 9 invitations
    assert (rate.value, rate.unit) == (89, "%")
    gaps = figures["Offene Lücken (Bedarf ohne Angebot, 12 Monate)"]
    assert gaps.value >= 1 and gaps.warn
    assert gaps.url == reverse("needs:gaps", args=[survey_world.wave_a.pk]) + "?horizon=12"
    client.force_login(survey_world.nora)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Rücklauf der laufenden Bedarfsumfrage" in html and "89 %" in html
    # Without needs.manage: no survey figures at all
    assert "Rücklauf der laufenden Bedarfsumfrage" not in labels(survey_world.viktor)
    assert not labels(survey_world.outsider)


def test_a_provider_sees_unmet_demand_near_it(survey_world, districts):
    provider = factories.organization(
        "VHS Holzminden", kind=Organization.Kind.PROVIDER, region=districts.holzminden
    )
    survey_world.network_a.memberships.create(organization=provider)
    paula = factories.user("paula", organization=provider)
    factories.grant(paula, ["courses.edit_own"], organization=provider, name="Kurse")
    figure = labels(paula)["Ungedeckter Bedarf in Ihrer Nähe"]
    assert figure.value >= 1 and figure.url.startswith(reverse("needs:provider_gaps"))


def test_a_company_sees_offers_for_its_needs_and_events(client, survey_world, topics):
    from tests.needs.conftest import make_response
    from verbund.courses.models import Offer, Run
    from verbund.events.models import Event, Registration

    company = factories.organization("Hesterberg", kind=Organization.Kind.COMPANY)
    bernd = factories.user("bernd", organization=company)
    response = make_response(
        survey_world.wave_a, "Hesterberg", survey_world.network_a.regions.first(), topics.it
    )
    response.organization = company
    response.save()
    provider = factories.organization("Anbieter", kind=Organization.Kind.PROVIDER)
    offer = Offer.objects.create(
        provider=provider, external_id="x1", title="IT-Sicherheit", description="x"
    )
    offer.topics.add(topics.it)
    Run.objects.create(offer=offer, start_date=timezone.localdate() + datetime.timedelta(days=20))
    # Issue 25: the search for a topic finds its narrower topics too; the figure did not
    # ("23 Angebote" linked to "65 Angebote gefunden").
    narrower = Topic.objects.create(
        code="it-test-unterthema", parent=topics.it, label_de="U", label_en="U", label_fr="U"
    )
    deeper = Offer.objects.create(
        provider=provider, external_id="x2", title="Netzwerke", description="x"
    )
    deeper.topics.add(narrower)
    Run.objects.create(offer=deeper, start_date=timezone.localdate() + datetime.timedelta(days=20))
    start = timezone.now() + datetime.timedelta(days=10)
    open_event, other = (
        Event.objects.create(
            organization=provider,
            title=title,
            start=start,
            end=start + datetime.timedelta(hours=2),
            capacity=20,
        )
        for title in ("Wirtschaft trifft Wirtschaft", "Forum")
    )
    Registration.objects.create(
        event=open_event, user=bernd, name="Bernd", email="b@example.org", status="confirmed"
    )
    figures = labels(bernd)
    offers = figures["Angebote zu Ihrem gemeldeten Bedarf"]
    assert offers.value == 2 and "topic=it" in offers.url
    assert figures["Ihre Anmeldungen zu kommenden Veranstaltungen"].value == 1
    assert figures["Veranstaltungen mit offener Anmeldung"].value == 2
    client.force_login(bernd)
    assert client.get(offers.url).status_code == 200
    # A provider's or an outsider's dashboard has no company figures
    assert "Angebote zu Ihrem gemeldeten Bedarf" not in labels(survey_world.outsider)
