"""A small survey world: network A runs a wave, network B another; named people.

``nora`` runs A's surveys (``needs.manage`` for network A), ``viktor`` may only look at
A's analysis (``needs.view``), ``outsider`` belongs nowhere. Six companies per district
answered A's wave, so that some cells pass the privacy threshold.
"""

import datetime
from types import SimpleNamespace

import pytest

from tests import factories
from verbund.core.models import Topic
from verbund.needs.models import Invitation, Need, Response, Wave
from verbund.needs.services.waves import new_token


def make_response(
    wave, company, district, topic, employees=2, target_group="skilled", urgency=6, **fields
):
    invitation = Invitation.objects.create(
        wave=wave,
        company_name=company,
        district=district,
        token=new_token(),
        email=f"{company[:8]}@example.org",
    )
    response = Response.objects.create(
        wave=wave,
        invitation=invitation,
        company_key=f"i{invitation.pk}",
        district=district,
        sector=fields.pop("sector", "C"),
        size_class=fields.pop("size_class", "10-49"),
        status=Response.Status.SUBMITTED,
    )
    Need.objects.create(
        response=response,
        topic=topic,
        employees=employees,
        target_group=target_group,
        urgency=urgency,
        **fields,
    )
    return response


@pytest.fixture
def districts(db):
    return SimpleNamespace(
        holzminden=factories.region("Landkreis Holzminden", code="03255", lat=51.83, lon=9.45),
        vechta=factories.region("Landkreis Vechta", code="03460", lat=52.73, lon=8.29),
    )


@pytest.fixture
def topics(db):
    return SimpleNamespace(
        digital=Topic.objects.get(code="digitalisierung"),
        it=Topic.objects.get(code="it"),
        work=Topic.objects.get(code="neue-arbeitsformen"),
    )


@pytest.fixture
def survey_world(org_a, org_b, network_a, network_b, districts, topics, outsider):
    network_a.regions.set([districts.holzminden, districts.vechta])
    nora = factories.user("nora", organization=org_a)
    factories.grant(nora, ["needs.manage"], network=network_a)
    viktor = factories.user("viktor", organization=org_a)
    factories.grant(viktor, ["needs.view"], network=network_a)
    today = datetime.date.today()
    wave_a = Wave.objects.create(
        network=network_a,
        title="Bedarf 2026",
        status=Wave.Status.OPEN,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=30),
    )
    wave_b = Wave.objects.create(network=network_b, title="Bedarf BS", status=Wave.Status.OPEN)
    for n in range(6):
        make_response(
            wave_a, f"Holz {n} GmbH", districts.holzminden, topics.digital, employees=2 + n
        )
    for n in range(2):
        make_response(wave_a, f"Vechta {n} KG", districts.vechta, topics.work, employees=3)
    invitation_a = Invitation.objects.create(
        wave=wave_a, company_name="Neu GmbH", token=new_token(), email="neu@example.org"
    )
    invitation_b = Invitation.objects.create(
        wave=wave_b, company_name="Andere AG", token=new_token(), email="b@example.org"
    )
    return SimpleNamespace(
        nora=nora,
        viktor=viktor,
        outsider=outsider,
        wave_a=wave_a,
        wave_b=wave_b,
        invitation_a=invitation_a,
        invitation_b=invitation_b,
        network_a=network_a,
    )
