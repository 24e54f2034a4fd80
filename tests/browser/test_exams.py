"""Browser test of the planner's round trip: solve -> lock -> re-solve -> publish."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import login
from tests.exams.conftest import make_pool
from verbund.exams.models import Assignment

pytestmark = pytest.mark.browser


@pytest.fixture
def pool(transactional_db):
    chamber = factories.organization("IHK Braunschweig", kind="ihk")
    partner = factories.organization("IHK Lüneburg-Wolfsburg", kind="ihk")
    created = make_pool("A", chamber, partner)
    planner = factories.user("sevgi", organization=chamber)
    factories.grant(planner, ["exams.plan"], organization=chamber)
    return created


def test_solve_lock_resolve_publish(page, pool):
    login(page, "sevgi")
    page.goto(pool.period.get_absolute_url())
    page.get_by_label("Rechenzeit je Plan").select_option("10")
    page.get_by_role("button", name="Prüfer zuordnen").click()
    progress = page.locator("#run-progress")
    expect(progress).to_contain_text("Fertig")
    expect(progress).to_contain_text("100 %")
    page.get_by_role("link", name="Zum Plan").click()
    expect(page.get_by_role("heading", name="Plan je Prüfungstermin")).to_be_visible()
    assert Assignment.objects.filter(sitting__period=pool.period).count() == 9

    page.get_by_role("link", name=pool.sittings[0].code, exact=True).click()
    chosen = Assignment.objects.filter(sitting=pool.sittings[0]).order_by("group").first()
    row = page.locator(f"#assignment-{chosen.pk}")
    row.get_by_role("button", name="Sperren").click()
    expect(page.locator(f"#assignment-{chosen.pk}")).to_contain_text("gesperrt")

    page.goto(pool.period.get_absolute_url())
    page.get_by_label("Rechenzeit je Plan").select_option("10")
    page.get_by_role("button", name=re.compile("Neu planen")).click()
    expect(page.locator("#run-progress")).to_contain_text("Fertig")
    chosen.refresh_from_db()
    assert chosen.locked

    page.get_by_role("link", name="Zum Plan").click()
    expect(page.get_by_text("unveröffentlichte Änderungen")).to_be_visible()
    page.get_by_role("link", name="Veröffentlichen …").click()
    expect(page.locator("#publish-preview")).to_contain_text("Neue Termine")
    page.get_by_role("button", name="Jetzt veröffentlichen und benachrichtigen").click()
    expect(page.get_by_role("status").first).to_contain_text("Plan veröffentlicht")
    assert not Assignment.objects.filter(sitting__period=pool.period, published=False).exists()
