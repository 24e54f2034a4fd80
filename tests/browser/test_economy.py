"""Journey: a firm answers the business-climate wave by its personal link; the department
then creates the joint report, publishes it and downloads the PDF."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.economy.conftest import world  # noqa: F401 - fixture
from verbund.economy.models import Answer, Report, ReportVersion


def test_wave_answers_report_pdf(page, world):  # noqa: F811
    firm = world.firms[4]
    Answer.objects.filter(wave=world.wave, firm=firm).delete()
    invitation = world.wave.invitations.get(firm=firm)
    page.goto(invitation.survey_path())
    expect(page.get_by_role("heading", level=1)).to_have_text("Konjunkturumfrage Herbst 2018")
    page.get_by_role("group", name="Wie beurteilen Sie Ihre aktuelle Geschäftslage?").get_by_label(
        "gut", exact=True
    ).check()
    page.get_by_role("button", name="Absenden").click()
    expect(page.get_by_text("mindestens die Fragen zur Lage")).to_be_visible()
    page.get_by_role(
        "group", name=re.compile("in den nächsten zwölf Monaten entwickeln")
    ).get_by_label("besser", exact=True).check()
    page.get_by_label("Fachkräftemangel").check()
    page.get_by_label("Was möchten Sie uns noch mitteilen?").fill("Uns fehlen Elektriker.")
    page.get_by_role("button", name="Absenden").click()
    expect(page.get_by_text("Vielen Dank!").first).to_be_visible()
    answer = Answer.objects.get(wave=world.wave, firm=firm)
    assert answer.status == "submitted" and answer.risiken == ["fachkraeftemangel"]

    login(page, "ilse")
    page.goto(world.wave.get_absolute_url())
    expect(page.get_by_text("21 Antworten abgeschickt")).to_be_visible()
    page.get_by_label("Bericht für").select_option(label="Gemeinsamer Bericht aller Kammern")
    page.get_by_role("button", name="Bericht anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gemeinsamer Konjunkturbericht Herbst 2018"
    )
    expect(page.get_by_role("row", name=re.compile("^Bau"))).to_contain_text("•")
    chart = page.get_by_role("img", name=re.compile("Liniendiagramm"))
    expect(chart).to_be_visible()
    assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 0
    # free texts are for the chambers' economists only, never in the published report
    expect(page.get_by_role("heading", name="Freitexte der Betriebe (nur intern)")).to_be_visible()
    expect(page.get_by_text("Uns fehlen Elektriker.")).to_be_visible()
    # the joint report appears once both chambers have released it
    page.get_by_role("button", name="Freigeben und veröffentlichen").click()
    expect(
        page.get_by_text("Es fehlt noch die Freigabe von: IHK Lüneburg-Wolfsburg").first
    ).to_be_visible()
    assert not ReportVersion.objects.exists()
    login(page, "lena")
    page.goto(Report.objects.get(chamber=None).get_absolute_url())
    page.get_by_role("button", name="Freigeben und veröffentlichen").click()
    expect(page.get_by_text("Fassung 1 veröffentlicht.")).to_be_visible()
    expect(page.get_by_text("Uns fehlen Elektriker.")).to_have_count(0)
    link = page.get_by_role("link", name="PDF herunterladen")
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body()[:4] == b"%PDF"
    assert ReportVersion.objects.get().snapshot["figures"]["total"]["firms"] == 21
