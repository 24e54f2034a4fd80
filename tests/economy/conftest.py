"""A small business-climate world: two IHKs run a joint panel; another network runs its own.

``ilse`` (IHK Braunschweig) and ``lena`` (IHK Lüneburg-Wolfsburg) run the joint survey
(``economy.manage`` for the network), ``viktor`` may only
read results (``economy.view``), ``fremd`` runs another network's survey, ``outsider``
belongs nowhere. 14 firms of IHK Braunschweig and 7 of IHK Lüneburg-Wolfsburg answered
the open wave; two construction firms are too few for a cell of their own.
"""

from types import SimpleNamespace

import pytest

from tests import factories
from verbund.core.models import Organization
from verbund.economy.models import Answer, Invitation, PanelFirm, Wave
from verbund.needs.services.waves import new_token

IHK = Organization.Kind.IHK


def answered(wave, firm, lage="gut", erwartungen="gleich", **fields):
    Invitation.objects.get_or_create(wave=wave, firm=firm, defaults={"token": new_token()})
    return Answer.objects.create(
        wave=wave,
        firm=firm,
        chamber=firm.chamber,
        district=firm.district,
        wz=firm.wz,
        employees=firm.employees,
        lage=lage,
        erwartungen=erwartungen,
        status=Answer.Status.SUBMITTED,
        **fields,
    )


@pytest.fixture
def world(db):
    bs = factories.organization("IHK Braunschweig", kind=IHK, short_name="IHK Braunschweig")
    lw = factories.organization(
        "IHK Lüneburg-Wolfsburg", kind=IHK, short_name="IHK Lüneburg-Wolfsburg"
    )
    network = factories.network("Kammerkooperation BS – LG-WOB", lead=bs, is_public=True)
    network.memberships.create(organization=lw, role="lead")
    other_chamber = factories.organization("IHK Hannover", kind=IHK)
    other = factories.network("Andere Kooperation", lead=other_chamber, is_public=False)
    braunschweig = factories.region("Braunschweig", code="03101")
    wolfsburg = factories.region("Wolfsburg", code="03103")
    network.regions.add(braunschweig, wolfsburg)
    wave = Wave.objects.create(network=network, year=2018, season=3, status=Wave.Status.OPEN)
    earlier = Wave.objects.create(network=network, year=2018, season=2, status="closed")
    other_wave = Wave.objects.create(network=other, year=2018, season=3)
    firms = []
    for number in range(21):
        chamber, district = (bs, braunschweig) if number < 14 else (lw, wolfsburg)
        wz = "F" if number in (0, 1) else ("C" if number % 2 else "G")
        firms.append(
            PanelFirm.objects.create(
                network=network,
                name=f"Betrieb {number:02d} GmbH",
                chamber=chamber,
                district=district,
                wz=wz,
                employees=1200 if number == 5 else 40 + number,
                email=f"firma{number}@example.org",
            )
        )
    for number, firm in enumerate(firms):
        answered(
            wave, firm, lage="gut" if number % 3 else "schlecht", risiken=["fachkraeftemangel"]
        )
        answered(earlier, firm, lage="befriedigend", erwartungen="besser")
    ilse = factories.user("ilse", organization=bs)
    factories.grant(ilse, ["economy.manage"], network=network)
    lena = factories.user("lena", organization=lw)  # economist of IHK Lüneburg-Wolfsburg
    factories.grant(lena, ["economy.manage"], network=network)
    viktor = factories.user("viktor")
    factories.grant(viktor, ["economy.view"], network=network)
    fremd = factories.user("fremd", organization=other_chamber)
    factories.grant(fremd, ["economy.manage"], organization=other_chamber)
    return SimpleNamespace(
        bs=bs, lw=lw, network=network, other=other, wave=wave, earlier=earlier,
        other_wave=other_wave, firms=firms, braunschweig=braunschweig, ilse=ilse, lena=lena,
        viktor=viktor, fremd=fremd, outsider=factories.user("outsider"),
        other_chamber=other_chamber,
    )  # fmt: skip
