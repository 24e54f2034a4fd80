"""Journey: a visitor searches courses, narrows by place and radius, opens an offer."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.courses.conftest import make_offer
from verbund.core.models import Organization
from verbund.courses.services import indexing


@pytest.fixture
def courses(transactional_db, settings, tmp_path):
    settings.INDEX_DIR = tmp_path / "index"
    provider = Organization.objects.create(
        name="Kreisvolkshochschule Holzminden", kind="provider", city="Holzminden",
        email="kurse@kvhs-holzminden.example",
    )  # fmt: skip
    make_offer(provider, "Schweißen für Einsteiger", runs=((20, "Holzminden"),))
    make_offer(provider, "Schweißtechnik Aufbaukurs", runs=((40, "Vechta"),))
    make_offer(provider, "Excel kompakt", runs=((15, None),), format="online")
    indexing.rebuild()
    yield
    indexing.forget_index(settings.INDEX_DIR / "courses")


def test_search_filter_by_place_and_open_offer(page, courses):
    page.goto("/kurse/")
    expect(page.get_by_role("heading", name="3 Angebote gefunden")).to_be_visible()

    page.get_by_label("Suchbegriff").fill("schweissen")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("heading", name="2 Angebote gefunden")).to_be_visible()
    expect(page.locator(".results mark").first).to_be_visible()

    page.get_by_label("Ort, PLZ oder Koordinaten").fill("Holzminden")
    page.get_by_label("Umkreis").select_option("25")  # change: htmx updates the results
    expect(page.get_by_role("heading", name="1 Angebot gefunden")).to_be_visible()
    expect(page).to_have_url(re.compile(r"place=Holzminden"))
    expect(page.get_by_text("Schweißtechnik Aufbaukurs")).to_have_count(0)

    page.get_by_label("Umkreis").select_option("200")
    expect(page.get_by_role("heading", name="2 Angebote gefunden")).to_be_visible()

    page.get_by_role("link", name=re.compile("Schweißen für Einsteiger")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schweißen für Einsteiger")
    expect(page.get_by_text("kurse@kvhs-holzminden.example")).to_be_visible()
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "Course"
    assert data["hasCourseInstance"][0]["location"]["address"]["addressLocality"] == "Holzminden"


def test_search_works_without_javascript(browser, live_server, courses):
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server.url, locale="de-DE"
    )
    page = context.new_page()
    page.goto("/kurse/?q=Excel&place=M%C3%BCnchen&radius=5")
    expect(page.get_by_role("heading", name="1 Angebot gefunden")).to_be_visible()
    page.get_by_label("Online").check()
    page.get_by_role("button", name="Suchen").click()
    expect(page).to_have_url(re.compile(r"format=online"))
    context.close()


def test_on_a_phone_the_results_come_before_options_and_filters(browser, live_server, courses):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 390, "height": 800}
    )
    page = context.new_page()
    page.goto("/kurse/")
    heading = page.get_by_role("heading", name="3 Angebote gefunden")
    expect(heading).to_be_visible()
    # Options and filters are closed panels; the first result is on the first screen.
    expect(page.get_by_label("Umkreis")).to_be_hidden()
    expect(page.locator("#filter-panel")).not_to_have_attribute("open", "")
    first = page.locator(".results > li").first.bounding_box()
    assert first["y"] < 800
    page.get_by_text("Weitere Suchoptionen").click()
    page.get_by_label("Umkreis").select_option("50")
    expect(page).to_have_url(re.compile(r"radius=50"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
