"""Browser tests: registration -> waiting list -> promotion, and B2B request -> accept ->
schedule -> agenda."""

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import login
from tests.events.conftest import make_event
from verbund.events.models import Event, Registration
from verbund.events.services import matchmaking
from verbund.events.services import registration as registrations

pytestmark = pytest.mark.browser


@pytest.fixture
def evening(transactional_db):
    agency = factories.organization("EN-Agentur", kind="district", city="Ennepetal")
    organiser = factories.user("ines", organization=agency)
    factories.grant(organiser, ["events.manage"], organization=agency)
    event = make_event(agency, capacity=2)
    registrations.register(event, name="Anna Althoff", email="anna@example.org", seats=2)
    return event


def test_register_wait_and_get_promoted(page, evening):
    page.goto(evening.get_absolute_url())
    expect(page.locator("#seats")).to_contain_text("0 von 2 frei")
    page.get_by_label("Name").fill("Bernd Brüggemann")
    page.get_by_label("E-Mail", exact=True).fill("bernd@example.org")
    page.get_by_label("Organisation").fill("ABC Umformtechnik")
    page.get_by_role("button", name="Auf die Warteliste").click()
    # without an account the personal link goes only by mail (issue 24)
    expect(page.get_by_text("Platz 1 der Warteliste")).to_be_visible()
    manage_url = Registration.objects.get(email="bernd@example.org").get_absolute_url()
    page.goto(manage_url)
    expect(page.locator("#status")).to_contain_text("Warteliste: Platz 1")

    login(page, "ines")
    page.goto(f"/veranstaltungen/{evening.pk}/anmeldungen/")
    row = page.get_by_role("row", name="Anna Althoff")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    row.get_by_role("button", name="Stornieren").click()
    expect(page.get_by_text("die Warteliste rückt nach")).to_be_visible()
    assert asked and "Anna Althoff" in asked[0]  # cancelling asks first (issue 25)
    assert Registration.objects.get(email="bernd@example.org").status == "offered"

    page.goto(manage_url)
    expect(page.locator("#status")).to_contain_text("Platz angeboten")
    page.get_by_role("button", name="Platz verbindlich annehmen").click()
    expect(page.locator("#status")).to_contain_text("Bestätigt")
    assert Registration.objects.get(email="bernd@example.org").status == "confirmed"


@pytest.fixture
def forum(transactional_db):
    district = factories.organization("Landkreis Harz", kind="district")
    organiser = factories.user("henrik", organization=district)
    factories.grant(organiser, ["events.manage"], organization=district)
    event = make_event(district, title="Wirtschaftsforum Harz", kind=Event.Kind.B2B, capacity=50)
    setup = matchmaking.setup_for(event)
    setup.morning_slots, setup.afternoon_slots, setup.tables = 3, 2, 2
    setup.save()
    people = {}
    for username, company in (("lena", "Hasseröder Brauerei GmbH"), ("julien", "LISI Automotive")):
        organization = factories.organization(company)
        user = factories.user(username, organization=organization, first_name=username.title())
        people[username] = matchmaking.join(event, user, company=company, organization=organization)
    return event, people


def test_request_accept_schedule_agenda(page, forum):
    event, people = forum
    login(page, "lena")
    page.goto(f"/veranstaltungen/{event.pk}/b2b/")
    page.get_by_role("link", name="LISI Automotive").click()
    page.get_by_label("Nachricht").fill("Bonjour, parlons export !")
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.get_by_text("Gesprächsanfrage gesendet.")).to_be_visible()

    login(page, "julien")
    page.goto(f"/veranstaltungen/{event.pk}/b2b/")
    page.get_by_role("button", name="Annehmen").click()
    expect(page.get_by_text("Antwort gespeichert.")).to_be_visible()

    login(page, "henrik")
    page.goto(f"/veranstaltungen/{event.pk}/b2b/")
    page.get_by_role("button", name="Terminplan berechnen").click()
    expect(page.locator("#run-progress")).to_contain_text("Fertig")
    expect(page.locator("#run-scheduled")).to_contain_text("1 / 1")
    page.get_by_role("link", name="Zur Kooperationsbörse").click()
    page.get_by_role("button", name="Vorläufig veröffentlichen").click()
    expect(page.locator("#agenda-state")).to_contain_text("Vorläufig veröffentlicht")

    login(page, "lena")
    page.goto(f"/veranstaltungen/{event.pk}/b2b/meine-termine/")
    expect(page.locator("#agenda")).to_contain_text("LISI Automotive")
