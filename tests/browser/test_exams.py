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


def test_compare_goals_keep_one_and_publish_after_preview(page, pool, tmp_path):
    login(page, "sevgi")
    page.goto(pool.period.get_absolute_url())
    page.get_by_label("Rechenzeit je Plan").select_option("10")
    page.get_by_role("button", name="Pläne aller Ziele vergleichen").click()
    table = page.locator("#tradeoff")
    expect(table).to_contain_text("Kurze Anfahrt zuerst")
    expect(table).to_contain_text("Ausgewogen")
    page.screenshot(path=str(tmp_path / "tradeoff.png"), full_page=True)
    page.locator("#keep-travel").click()
    expect(page.get_by_role("status").first).to_contain_text("Plan übernommen")
    expect(page.get_by_text("unveröffentlichte Änderungen")).to_be_visible()
    assert Assignment.objects.filter(sitting__period=pool.period).count() == 9
    page.get_by_role("link", name="Veröffentlichen …").click()
    page.get_by_role("button", name="Jetzt veröffentlichen und benachrichtigen").click()
    expect(page.get_by_role("status").first).to_contain_text("Plan veröffentlicht")


def test_availability_week_calendar_on_a_phone(browser, live_server, pool, tmp_path):
    context = browser.new_context(
        locale="de-DE", base_url=live_server.url, viewport={"width": 375, "height": 740}
    )
    phone = context.new_page()
    answer = pool.period.availabilities.first()
    phone.goto(f"/pruefungen/verfuegbarkeit/{answer.token}/")
    calendar = phone.locator("#availability-calendar")
    expect(calendar).to_contain_text("KW 19")
    # the calendar fits the phone's width: no horizontal scrolling needed
    width = calendar.evaluate("table => table.getBoundingClientRect().width")
    assert width <= 375
    phone.screenshot(path=str(tmp_path / "calendar.png"), full_page=True)
    phone.get_by_label("Montag, 10.05.2027").uncheck()
    phone.get_by_role("button", name="Speichern").click()
    expect(phone.get_by_role("status").first).to_contain_text("gespeichert")
    answer.refresh_from_db()
    assert "2027-05-10" not in answer.dates
    context.close()
