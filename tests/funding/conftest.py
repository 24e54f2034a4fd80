import datetime
from decimal import Decimal

import pytest

from tests import factories
from verbund.funding.models import BudgetLine, Cofunder, FinancingPlan, FundsCall, Receipt


@pytest.fixture
def district(db):
    return factories.organization("Landkreis Holzminden", kind="district", city="Holzminden")


@pytest.fixture
def plan(network_a, district):
    plan = FinancingPlan.objects.create(
        network=network_a,
        year=2026,
        funder="BMAS (ESF Plus)",
        programme="Fachkräftesicherung",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        project_end=datetime.date(2027, 12, 31),
        financing=FinancingPlan.Kind.SHARE,
        share_percent=Decimal("70"),
        max_grant=Decimal("140000"),
    )
    staff = BudgetLine.objects.create(
        plan=plan, key="personal", label="Personalausgaben", kind="staff", planned=100000
    )
    BudgetLine.objects.create(plan=plan, key="sach", label="Sachausgaben", planned=100000)
    Cofunder.objects.create(
        plan=plan, name="Landkreis Holzminden", organization=district, share_percent=50
    )
    Cofunder.objects.create(plan=plan, name="Landkreis Hameln-Pyrmont", share_percent=50)
    Receipt.objects.create(
        plan=plan,
        line=staff,
        number="B-1",
        date=datetime.date(2026, 3, 31),
        amount=115000,
        payee="PSG",
    )
    FundsCall.objects.create(
        plan=plan,
        number=1,
        called_on=datetime.date(2026, 4, 1),
        amount=50000,
        received_on=datetime.date(2026, 4, 20),
        received_amount=50000,
    )
    return plan


@pytest.fixture
def treasurer(org_a, network_a):
    """Coordination of network A with funding.manage."""
    account = factories.user("fiona", organization=org_a)
    factories.grant(account, ["funding.manage"], network=network_a)
    return account


@pytest.fixture
def district_staff(district):
    return factories.user("dieter", organization=district)
