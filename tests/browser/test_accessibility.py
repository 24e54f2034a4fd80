"""axe-core on the main page of every role: no serious or critical violation."""

import pytest

from tests import factories
from tests.browser.axe import axe_violations
from tests.browser.conftest import login

WIDTHS = (1366, 390)


@pytest.fixture
def axe_page(browser, live_server):
    contexts = []

    def open_page(width):
        context = browser.new_context(
            locale="de-DE",
            base_url=live_server.url,
            bypass_csp=True,  # axe is injected as a script; the app's CSP would refuse it
            viewport={"width": width, "height": 900},
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def _roles(org_a, network_a):
    """One account per kind of role, with the permission that role holds in the demo."""
    accounts = {"gast": factories.user("gast8")}
    for username, perms in {
        "koordination8": ["networks.edit", "organizations.edit", "teams.manage"],
        "pruefung8": ["exams.plan", "exams.compensation"],
        "anbieter8": ["courses.edit_own"],
        "beratung8": ["advice.counsel"],
        "bedarf8": ["needs.manage"],
    }.items():
        account = factories.user(username, organization=org_a)
        factories.grant(account, perms, organization=org_a, name=username)
        accounts[username] = account
    return accounts


MAIN_PAGES = {
    "gast8": ["/", "/kurse/"],
    "koordination8": ["/", "/netzwerke/", "/organisationen/"],
    "pruefung8": ["/pruefungen/", "/pruefungen/entschaedigung/antraege/"],
    "anbieter8": ["/kurse/meine/"],
    "beratung8": ["/beratung/"],
    "bedarf8": ["/bedarf/"],
}


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_have_no_serious_axe_violation(axe_page, org_a, network_a, width):
    _roles(org_a, network_a)
    page = axe_page(width)
    failures = {}
    page.goto("/konto/login/")
    failures.update({"/konto/login/": axe_violations(page)})
    for username, paths in MAIN_PAGES.items():
        login(page, username)
        for path in paths:
            response = page.goto(path)
            assert response.status < 400, (username, path, response.status)
            failures[f"{username} {path}"] = axe_violations(page)
        page.context.clear_cookies()
    page.goto("/gibt-es-nicht/")
    failures["404"] = axe_violations(page)
    assert not {where: found for where, found in failures.items() if found}


@pytest.fixture
def events_pages(transactional_db):
    """A full evening event with a waiting list and a B2B forum with a published
    schedule: the pages of both journeys, for the organiser and for a participant."""
    from tests.events.conftest import make_event
    from verbund.events.models import Event
    from verbund.events.services import agenda, matchmaking
    from verbund.events.services import registration as registrations

    agency = factories.organization("EN-Agentur", kind="district", city="Ennepetal")
    organiser = factories.user("ines8", organization=agency)
    factories.grant(organiser, ["events.manage"], organization=agency)
    evening = make_event(agency, capacity=1)
    registrations.register(evening, name="Anna Althoff", email="anna@example.org")
    waiting = registrations.register(evening, name="Bernd Brüggemann", email="b@example.org")
    forum = make_event(agency, title="Wirtschaftsforum Harz", kind=Event.Kind.B2B, capacity=50)
    setup = matchmaking.setup_for(forum)
    setup.morning_slots, setup.afternoon_slots, setup.tables = 3, 2, 2
    setup.save()
    people = {}
    for username, company in (("lena8", "Hasseröder Brauerei GmbH"), ("julien8", "LISI")):
        organization = factories.organization(company)
        user = factories.user(username, organization=organization)
        people[username] = matchmaking.join(forum, user, company=company, organization=organization)
    request = matchmaking.send_request(people["lena8"], people["julien8"].profile, message="Hallo")
    matchmaking.answer(request, people["julien8"], accept=True)
    run = agenda.start_run(forum, organiser, time_limit=2)
    agenda.publish(matchmaking.setup_for(forum), final=False, user=organiser)
    return {
        None: [
            "/veranstaltungen/",
            evening.get_absolute_url(),
            waiting.get_absolute_url(),
        ],
        "ines8": [
            f"/veranstaltungen/{evening.pk}/anmeldungen/",
            f"/veranstaltungen/{forum.pk}/b2b/",
            f"/veranstaltungen/b2b/laeufe/{run.pk}/",
            f"/veranstaltungen/{forum.pk}/b2b/tischplan/",
        ],
        "lena8": [
            f"/veranstaltungen/{forum.pk}/b2b/",
            f"/veranstaltungen/b2b/profile/{people['julien8'].profile.pk}/",
            f"/veranstaltungen/{forum.pk}/b2b/meine-termine/",
        ],
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_events_pages_have_no_serious_axe_violation(axe_page, events_pages, width):
    page = axe_page(width)
    failures = {}
    for username, paths in events_pages.items():
        if username:
            login(page, username)
        for path in paths:
            response = page.goto(path)
            assert response.status < 400, (username, path, response.status)
            failures[f"{username} {path}"] = axe_violations(page)
        page.context.clear_cookies()
    assert not {where: found for where, found in failures.items() if found}
