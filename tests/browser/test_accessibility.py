"""axe-core on the main page of every role: no serious or critical violation."""

import pytest

from tests import factories
from tests.browser.axe import axe_violations
from tests.browser.conftest import login
from tests.browser.test_events import evening, forum  # noqa: F401 - fixtures

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


def _violations(page, pages_by_user: dict) -> dict:
    """axe on each page, signed in as its user (None: anonymous)."""
    failures = {}
    for username, paths in pages_by_user.items():
        if username:
            login(page, username)
        for path in paths:
            response = page.goto(path)
            assert response.status < 400, (username, path, response.status)
            failures[f"{username} {path}"] = axe_violations(page)
        page.context.clear_cookies()
    return failures


@pytest.mark.parametrize("width", WIDTHS)
def test_main_pages_have_no_serious_axe_violation(axe_page, org_a, network_a, width):
    _roles(org_a, network_a)
    page = axe_page(width)
    failures = {}
    page.goto("/konto/login/")
    failures.update({"/konto/login/": axe_violations(page)})
    failures.update(_violations(page, MAIN_PAGES))
    page.goto("/gibt-es-nicht/")
    failures["404"] = axe_violations(page)
    assert not {where: found for where, found in failures.items() if found}


@pytest.fixture
def events_pages(evening, forum):  # noqa: F811 - the fixtures of test_events
    """The full evening event gets a waiting entry, the forum an accepted meeting and a
    published schedule: the pages of both journeys, for organisers and participants."""
    from django.contrib.auth import get_user_model

    from verbund.events.services import agenda, matchmaking
    from verbund.events.services import registration as registrations

    event, people = forum
    waiting = registrations.register(evening, name="Bernd Brüggemann", email="b@example.org")
    request = matchmaking.send_request(people["lena"], people["julien"].profile, message="Hallo")
    matchmaking.answer(request, people["julien"], accept=True)
    organiser = get_user_model().objects.get(username="henrik")
    run = agenda.start_run(event, organiser, time_limit=2)
    agenda.publish(matchmaking.setup_for(event), final=False, user=organiser)
    return {
        None: ["/veranstaltungen/", evening.get_absolute_url(), waiting.get_absolute_url()],
        "ines": [f"/veranstaltungen/{evening.pk}/anmeldungen/"],
        "henrik": [
            f"/veranstaltungen/{event.pk}/b2b/",
            f"/veranstaltungen/b2b/laeufe/{run.pk}/",
            f"/veranstaltungen/{event.pk}/b2b/tischplan/",
        ],
        "lena": [
            f"/veranstaltungen/{event.pk}/b2b/",
            f"/veranstaltungen/b2b/profile/{people['julien'].profile.pk}/",
            f"/veranstaltungen/{event.pk}/b2b/meine-termine/",
        ],
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_events_pages_have_no_serious_axe_violation(axe_page, events_pages, width):
    failures = _violations(axe_page(width), events_pages)
    assert not {where: found for where, found in failures.items() if found}
