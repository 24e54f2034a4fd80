"""Journey: an advisor of a regional office records a counselling case and follows it up."""

import datetime
import re

from playwright.sync_api import expect

from tests.advice.conftest import advice_world  # noqa: F401 - fixture
from tests.browser.conftest import login
from tests.needs.conftest import districts, topics  # noqa: F401 - fixtures


def test_advisor_records_a_case_and_finds_it_in_the_follow_ups(page, advice_world):  # noqa: F811
    login(page, "tobias")
    page.goto("/beratung/")
    page.get_by_role("link", name="Büro Holzminden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Büro Holzminden")
    expect(page.get_by_role("link", name=re.compile("Digitalisierung im Büro"))).to_be_visible()

    page.get_by_role("link", name="Fall erfassen").click()
    page.get_by_role("button", name="Speichern").click()  # nothing filled in
    expect(page.get_by_role("alert").first).to_be_visible()
    assert "/faelle/neu/" in page.url  # nothing saved, the form is shown again

    page.get_by_label("Anliegen", exact=False).first.fill("Nachfolge in der Werkstatt")
    follow_up = datetime.date.today() + datetime.timedelta(days=5)
    page.get_by_label("Wiedervorlage", exact=False).first.fill(follow_up.isoformat())
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nachfolge in der Werkstatt")
    expect(page.get_by_role("link", name="Bedarf erfassen")).to_be_visible()

    page.goto("/beratung/wiedervorlagen/")
    expect(page.get_by_role("link", name=re.compile("Nachfolge in der Werkstatt"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Digitalisierung im Büro"))).to_be_visible()


def test_a_visitor_without_counselling_rights_sees_no_advice_section(page, advice_world):  # noqa: F811
    login(page, "mara")  # manages the offices, counsels nobody: no case notes for her
    page.goto(advice_world.case_a.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Digitalisierung im Büro")
