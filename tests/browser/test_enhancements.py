"""Progressive enhancements of verbund.js: focus after htmx swaps, searchable selects."""

from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import login
from tests.browser.test_courses import courses  # noqa: F401 - the indexed offers fixture


def test_focus_stays_on_the_changed_control_after_htmx_swap(page, courses):  # noqa: F811
    page.goto("/kurse/")
    page.get_by_label("Umkreis").focus()  # as a person choosing with the keyboard
    with page.expect_response(lambda response: "radius=25" in response.url):
        page.get_by_label("Umkreis").select_option("25")
    expect(page.locator("#radius")).to_be_focused()
    page.get_by_label("Online").focus()
    with page.expect_response(lambda response: "online" in response.url):
        page.keyboard.press("Space")
    expect(page.locator("input[value=online]")).to_be_focused()


def test_long_selects_get_a_search_field(page, org_a):
    provider = factories.user("paula", organization=org_a)
    factories.grant(provider, ["courses.edit_own"], organization=org_a, name="Kurse")
    login(page, "paula")
    page.goto("/kurse/angebote/neu/")
    search = page.locator("input.select-filter[aria-controls=id_topics]")
    expect(search).to_have_accessible_name("Liste durchsuchen")
    search.fill("schweiß")
    visible = page.locator("#id_topics option:not([hidden])")
    expect(visible.first).to_contain_text("Schweiß")
    assert visible.count() < page.locator("#id_topics option").count()


def test_organization_search_picks_a_match_by_keyboard(page, coordinator_a, network_a, org_b):
    from verbund.networks.models import Invitation

    login(page, "anika")
    page.goto(f"/netzwerke/{network_a.pk}/mitglieder/neu/")
    search = page.get_by_role("combobox", name="Organisation")
    search.fill("Braunsch")
    expect(page.get_by_role("option", name="IHK Braunschweig")).to_be_visible()
    search.press("ArrowDown")
    expect(page.get_by_role("option", name="IHK Braunschweig")).to_be_focused()
    page.keyboard.press("Enter")
    expect(search).to_have_value("IHK Braunschweig")
    expect(search).to_be_focused()
    page.get_by_role("button", name="Einladen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(network_a.name)
    assert Invitation.objects.filter(network=network_a, organization=org_b).exists()


def test_typing_in_the_search_form_is_never_replaced(page, courses):  # noqa: F811
    """Issue 25: leaving "Suchbegriff" reloaded the form while the place was being typed,
    and "31785 Hameln" became "1785 Hameln". Typed fields search only when submitted."""
    requests = []

    def slow(route):
        requests.append(route.request.url)
        page.wait_for_timeout(400)  # a reply that arrives while the person types
        route.continue_()

    page.goto("/kurse/")
    page.route("**/kurse/?*", slow)
    page.get_by_label("Suchbegriff").fill("Schweißen")
    page.keyboard.press("Tab")
    page.keyboard.type("31785 Hameln", delay=30)
    page.wait_for_timeout(800)
    expect(page.get_by_label("Ort, PLZ oder Koordinaten")).to_have_value("31785 Hameln")
    assert requests == []
    with page.expect_response(lambda response: "place=31785" in response.url):
        page.keyboard.press("Enter")
    expect(page.get_by_label("Suchbegriff")).to_have_value("Schweißen")
