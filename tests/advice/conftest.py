"""Advisory offices of network A (hosted by a district) and B; named advisors.

``tobias`` counsels in A's office (``advice.counsel`` for the host organization),
``anna`` is listed as advisor of A's office without any team, ``mara`` manages offices of
network A (``advice.manage``), ``outsider`` belongs nowhere.
"""

import datetime
from types import SimpleNamespace

import pytest

from tests import factories
from tests.needs.conftest import districts, topics  # noqa: F401 - shared fixtures
from verbund.advice.models import Advisor, Case, CaseNeed, Office


@pytest.fixture
def advice_world(org_a, org_b, network_a, network_b, outsider, districts, topics):  # noqa: F811
    host = factories.organization("Landkreis Holzminden", kind="district")
    office_a = Office.objects.create(
        network=network_a, name="Büro Holzminden", host=host, city="Holzminden"
    )
    office_a.districts.set([districts.holzminden])
    office_b = Office.objects.create(network=network_b, name="Büro Braunschweig", host=org_b)
    tobias = factories.user("tobias", organization=host)
    factories.grant(tobias, ["advice.counsel"], organization=host)
    anna = factories.user("anna")
    Advisor.objects.create(office=office_a, user=anna)
    mara = factories.user("mara", organization=org_a)
    factories.grant(mara, ["advice.manage"], network=network_a)
    company = factories.organization(
        "Tischlerei Holz", region=districts.holzminden, size_class="1-9", wz_section="C"
    )
    today = datetime.date.today()
    case_a = Case.objects.create(
        office=office_a,
        advisor=tobias,
        organization=company,
        district=districts.holzminden,
        subject="Digitalisierung im Büro",
        follow_up_on=today + datetime.timedelta(days=2),
    )
    CaseNeed.objects.create(
        case=case_a, topic=topics.it, target_group="older", employees=3, urgency=6
    )
    case_b = Case.objects.create(office=office_b, subject="Fall B")
    return SimpleNamespace(
        office_a=office_a,
        office_b=office_b,
        tobias=tobias,
        anna=anna,
        mara=mara,
        outsider=outsider,
        case_a=case_a,
        case_b=case_b,
        company=company,
        network_a=network_a,
    )
