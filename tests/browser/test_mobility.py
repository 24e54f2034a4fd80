"""Browser test of a stay abroad: application -> match -> learning agreement -> grant
statement (French PDF)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import login
from tests.mobility.conftest import make_partnership
from verbund.core.models import Occupation, Organization
from verbund.mobility.models import Stay

pytestmark = pytest.mark.browser


@pytest.fixture
def partnership(transactional_db):
    chamber = factories.organization("Handwerkskammer Hannover", kind=Organization.Kind.HWK)
    occupation, _ = Occupation.objects.get_or_create(
        code="25212", defaults={"name": "Kfz-Mechatroniker/-in"}
    )
    planner = factories.user("malte", organization=chamber)
    factories.grant(planner, ["mobility.plan"], organization=chamber)
    return make_partnership("A", chamber, occupation)


def test_application_match_agreement_grant_statement(page, partnership, tmp_path):
    login(page, "malte")
    page.goto(partnership.project.get_absolute_url())
    page.get_by_role("link", name="Bewerbung erfassen").click()
    page.get_by_label("Vorname").fill("Mehmet")
    page.get_by_label("Nachname").fill("Yıldız")
    page.get_by_label("Ausbildungsberuf").select_option(label="Kfz-Mechatroniker/-in")
    # The company is searched in the directory (organization search field), then picked.
    page.get_by_role("combobox", name="Ausbildungsbetrieb").fill("Autohaus")
    page.get_by_role("option", name=re.compile("Autohaus A")).click()
    page.get_by_label("Wohnort (Abreiseort)").fill("Hannover")
    page.get_by_label("Frühester Beginn").fill("2027-04-01")
    page.get_by_label("Spätestes Ende").fill("2027-06-30")
    page.get_by_label("Gewünschte Dauer (Tage)").fill("21")
    page.get_by_label("Niveau Französisch").select_option("B1")
    page.get_by_label("Umweltfreundliche Anreise").check()
    page.get_by_label("Ausbildungsbeginn").fill("2025-08-01")
    page.get_by_label("Ausbildungsende").fill("2029-01-31")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name="Bewerbung von Mehmet Yıldız")).to_be_visible()
    page.get_by_role("button", name="Einwilligung der/des Teilnehmenden erfassen").click()
    page.get_by_role("button", name="Freigabe des Ausbildungsbetriebs erfassen").click()
    expect(page.locator("#application-status")).to_contain_text("freigegeben")

    page.goto(partnership.project.get_absolute_url())
    page.get_by_label("Höchste Rechenzeit in Sekunden").fill("1")
    page.get_by_role("button", name="Plätze zuteilen").click()
    expect(page.locator("#run-progress")).to_contain_text("Fertig")
    page.get_by_role("link", name="Zum Projekt").click()
    page.get_by_role("link", name="Mehmet Yıldız").last.click()
    expect(page.locator("#grant-total")).to_contain_text("€")
    stay = Stay.objects.get(person__first_name="Mehmet")
    expect(page.locator("#grant-total")).to_contain_text(
        f"{stay.grant_total:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    )

    page.get_by_role("link", name="Lernvereinbarung anlegen").click()
    page.get_by_label("Lernergebnisse").fill("Fehlerdiagnose an Fahrzeugen")
    page.get_by_label("Aufgaben während des Aufenthalts").fill("Servicewerkstatt")
    page.get_by_label("Betreuung entsendende Einrichtung").fill("Malte Behrens")
    page.get_by_label("Mentor/in aufnehmende Einrichtung").fill("Claire Martin")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("button", name="Zur Unterschrift vorlegen").click()
    for party in ("entsendende Einrichtung", "aufnehmende Einrichtung", "Teilnehmer/in"):
        page.get_by_role("button", name=f"Unterschrift {party}").click()
    expect(page.locator(".agreement-status").first).to_have_text("Unterschrieben")
    page.screenshot(path=str(tmp_path / "stay.png"), full_page=True)

    href = page.locator("#grant-fr").get_attribute("href")
    assert href.endswith("/grant-statement/fr.pdf")
    # fetched with Django's client: the browser's own PDF viewer is not under test here
    client = Client()
    client.force_login(get_user_model().objects.get(username="malte"))
    response = client.get(href)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
