"""Journey: a coordinator logs in, walks a network, and records an activity."""

import re

from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import login


def test_coordinator_walks_network_and_adds_activity(page, coordinator_a, network_a, org_b):
    factories.activity(network_a, title="Delegationsbesuch Le Havre", days_ahead=20)
    login(page, "anika")
    expect(page.get_by_role("heading", name=re.compile("Willkommen"))).to_be_visible()

    page.get_by_role("link", name="Kammerpartnerschaft Hannover–Normandie").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kammerpartnerschaft Hannover–Normandie"
    )
    expect(page.get_by_role("link", name="Delegationsbesuch Le Havre")).to_be_visible()

    page.get_by_role("link", name="Aktivität hinzufügen").click()
    page.get_by_label("Art").select_option("workshop")
    page.get_by_label("Titel").fill("Workshop Pädagogische Innovationen")
    page.get_by_label("Beginn", exact=True).fill("2027-03-10")
    page.get_by_label("Ende", exact=True).fill("2027-03-09")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Das Ende liegt vor dem Beginn.")

    page.get_by_label("Ende", exact=True).fill("2027-03-11")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workshop Pädagogische Innovationen")
    expect(page.get_by_text("Aktivität: angelegt")).to_be_visible()

    breadcrumbs = page.get_by_role("navigation", name="Brotkrumen")
    breadcrumbs.get_by_role("link", name="Kammerpartnerschaft Hannover–Normandie").click()
    expect(page.get_by_role("link", name="Workshop Pädagogische Innovationen")).to_be_visible()


def test_language_switch_to_english(page, coordinator_a):
    login(page, "anika")
    page.get_by_label("Sprache").select_option("en")
    page.get_by_role("button", name="Wechseln").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
