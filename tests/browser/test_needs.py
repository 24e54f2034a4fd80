"""Journey: a company answers the survey through its personal link; the coordinator then
sees the dashboard with the new answer counted."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.needs.conftest import districts, survey_world, topics  # noqa: F401 - fixtures
from verbund.core.services.disclosure import MAX_DEVIATION
from verbund.needs.models import Response


def test_company_answers_then_coordinator_sees_dashboard(page, survey_world, topics):  # noqa: F811
    world = survey_world
    page.goto(world.invitation_a.survey_path())
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedarf 2026")
    page.get_by_label("In welchem Landkreis liegt Ihr Betrieb?").select_option(
        label="Landkreis Holzminden"
    )
    page.get_by_label("Wirtschaftszweig (WZ 2008)").select_option("C")
    page.get_by_label("Wie viele Beschäftigte hat Ihr Betrieb?").select_option("10-49")
    page.get_by_label("Zu welchem Thema besteht Qualifizierungsbedarf?").first.select_option(
        str(topics.digital.pk)
    )
    page.get_by_label("Wie viele Beschäftigte betrifft das?").first.fill("5")
    page.get_by_label("Für welche Beschäftigtengruppe?").first.select_option("older")
    page.get_by_role("button", name="Zwischenspeichern").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()
    # progress was saved: the answers are still there after reloading the link
    page.goto(world.invitation_a.survey_path())
    expect(page.get_by_label("Wie viele Beschäftigte betrifft das?").first).to_have_value("5")
    page.get_by_role("button", name="Absenden").click()
    expect(page.get_by_text("Vielen Dank!").first).to_be_visible()
    assert Response.objects.get(invitation=world.invitation_a).status == Response.Status.SUBMITTED

    login(page, "nora")
    page.goto(f"/bedarf/wellen/{world.wave_a.pk}/auswertung/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Auswertung")
    expect(page.get_by_text(re.compile("Antworten von 9 Betrieben"))).to_be_visible()
    # Vechta has two companies: hidden, and Holzminden with it (else total - Holzminden)
    expect(page.get_by_role("row", name=re.compile("Landkreis Vechta"))).to_contain_text("•")
    page.get_by_label("Landkreis", exact=True).select_option(label="Landkreis Holzminden")
    page.get_by_label("Gruppieren nach").select_option("topic")
    page.get_by_role("button", name="Anwenden").click()
    row = page.get_by_role("row", name=re.compile("Digitalisierung"))
    # Seven companies in Holzminden now, the new one too; the published count carries the
    # cell-key noise (at most MAX_DEVIATION), so it is near 7, not necessarily 7.
    expect(row.get_by_role("cell").first).to_have_text(re.compile(r"^\s*\d+\s*$"))
    shown = int(row.get_by_role("cell").first.inner_text().strip())
    assert abs(shown - 7) <= MAX_DEVIATION
    chart = page.get_by_role("img", name=re.compile("Balkendiagramm"))
    expect(chart).to_be_visible()
    assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 0
