"""A walk that fails the build (issue 25): each role's main pages at 1366 and 390 px.

See ``tests/browser/walk.py`` for the checks (no horizontal scroll on a phone, no raw code
or English word, every visible link answers 200, every mass action asks first).
"""

from tests import factories
from tests.browser.conftest import login
from tests.browser.test_courses import courses  # noqa: F401 - the indexed offers fixture
from tests.browser.walk import walk
from tests.needs.conftest import districts, survey_world, topics  # noqa: F401 - fixtures
from verbund.courses.models import Offer


def test_visitor_walk_search_offer_legal_pages(browser, live_server, courses):  # noqa: F811
    offer = Offer.objects.order_by("pk").first()
    paths = ["/kurse/", "/kurse/?q=Schweißen&place=Holzminden", offer.get_absolute_url()]
    paths += ["/veranstaltungen/", "/impressum/", "/datenschutz/", "/barrierefreiheit/"]
    assert walk(browser, live_server.url, paths) == []


def test_coordinator_walk(browser, live_server, coordinator_a, network_a, org_b):
    factories.activity(network_a, title="Treffen der Partnerschaft")
    paths = ["/", network_a.get_absolute_url(), "/netzwerke/", "/organisationen/"]
    problems = walk(browser, live_server.url, paths, login=lambda page: login(page, "anika"))
    assert problems == []


def test_needs_coordinator_walk(browser, live_server, survey_world, topics):  # noqa: F811
    """Issue 25: the needs analysis (616 px) and the wave comparison (534 px) on a phone."""
    from django.urls import reverse

    wave = survey_world.wave_a
    paths = [
        reverse("needs:wave_detail", args=[wave.pk]),
        reverse("needs:invitation_list", args=[wave.pk]),
        reverse("needs:dashboard", args=[wave.pk]),
        reverse("needs:compare", args=[wave.pk]),
    ]
    username = survey_world.nora.get_username()
    problems = walk(browser, live_server.url, paths, login=lambda page: login(page, username))
    assert problems == [], "\n".join(problems)
