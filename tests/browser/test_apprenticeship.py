"""Browser test of the Verbund journey: partner search -> request -> plan -> lock ->
re-plan -> contract PDF."""

import datetime

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import login
from verbund.apprenticeship.models import Apprentice, RotationRun, Station, Trainer, TrainingProfile
from verbund.apprenticeship.services.plans import shipped_plans, store_plan
from verbund.core.models import Person
from verbund.networks.models import Membership, Network

pytestmark = pytest.mark.browser


@pytest.fixture
def verbund(transactional_db):
    plan = store_plan(next(p for p in shipped_plans() if p["code"] == "2710"))
    home = factories.organization("Hesterberg Testwerk", city="Ennepetal", lat=51.30, lon=7.36)
    partner = factories.organization("Partnerwerk Hagen", city="Hagen", lat=51.36, lon=7.47)
    network = factories.network("Verbund Test", lead=home, kind=Network.Kind.AUSBILDUNGSVERBUND)
    Membership.objects.create(network=network, organization=partner)
    covers = {p.code: dict(p.weeks) for p in plan.positions.all() if p.weeks}
    covers["9"] = {"1": 0}
    profile = TrainingProfile.objects.create(
        organization=home, occupation=plan.occupation, covers=covers
    )
    Apprentice.objects.create(
        profile=profile,
        first_name="Lena",
        last_name="Kowalski",
        start_date=datetime.date(2026, 8, 3),
    )
    trainer = Trainer.objects.create(
        organization=partner,
        person=Person.objects.create(
            first_name="Jörg", last_name="Ausbilder", organization=partner
        ),
        aevo_date=datetime.date(2015, 6, 1),
    )
    trainer.positions.add(plan.positions.get(code="9"))
    Station.objects.create(
        organization=partner,
        position=plan.positions.get(code="9"),
        name="Messraum",
        capacity=1,
        min_weeks=1,
        max_weeks=4,
        cost_per_week=180,
    )
    user = factories.user("henrike", organization=home)
    factories.grant(
        user, ["apprenticeship.manage_training", "apprenticeship.plan_rotation"], organization=home
    )
    return profile, network


def test_partner_search_request_plan_lock_replan_contract(page, verbund):
    profile, network = verbund
    login(page, "henrike")
    page.goto(profile.get_absolute_url())
    # no request may still run when the live server stops (its thread would keep a
    # database session open and PostgreSQL refuses to drop the test database)
    page.wait_for_load_state("networkidle")
    page.locator("#find-partners").click()
    expect(page.get_by_role("heading", name="Vorschlag 1: 931,31 €")).to_be_visible()
    page.get_by_role("button", name="Partnerwerk Hagen anfragen").first.click()
    expect(page.locator("#request-status")).to_contain_text("Offen")

    page.goto(f"/verbundausbildung/verbund/{network.pk}/")
    page.get_by_label("Ausbildungsberuf").select_option(label="Mechatroniker/-in")
    page.get_by_label("Ausbildungsbeginn (Jahr)").fill("2026")
    page.get_by_label("Rechenzeit (Sekunden)").fill("3")
    page.locator("#start-run").click()
    expect(page.locator("#uncovered-weeks")).to_have_text("0")
    run = RotationRun.objects.get()
    page.locator("#stay-0").get_by_label("gesperrt").check()
    page.locator("#save-stay-0").click()
    expect(page.locator("#stay-0")).to_contain_text("gesperrt")
    page.locator("#replan").click()
    expect(page.locator("#uncovered-weeks")).to_have_text("0")
    newer = RotationRun.objects.exclude(pk=run.pk).get()
    assert any(stay.get("locked") for stay in newer.plan["stays"])

    page.locator("#make-contracts").click()
    with page.expect_download() as download:
        page.locator("#contract-pdf").click()
    assert download.value.suggested_filename.endswith("-v1.pdf")
    # wait until the PDF is fully transferred: the server thread ends its request (and
    # closes its database connection) before the live server stops
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.goto(profile.get_absolute_url())
    # no request may still run when the live server stops (its thread would keep a
    # database session open and PostgreSQL refuses to drop the test database)
    page.wait_for_load_state("networkidle")
