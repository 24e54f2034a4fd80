"""The plan per sitting is grouped by day and paginated by whole days."""

import datetime

import pytest
from django.conf import settings

from verbund.exams.models import Sitting
from verbund.exams.views.periods import DAYS_PER_PAGE


@pytest.fixture
def long_period(pool_a):
    """Twelve more days in June, two sittings on the last one: 15 days in all."""
    first = pool_a.sittings[0]
    days = [datetime.date(2027, 6, 1) + datetime.timedelta(days=n) for n in range(12)]
    for index, day in enumerate(days + [days[-1]]):
        Sitting.objects.create(
            period=pool_a.period,
            code=f"J{index:02}",
            board=first.board,
            occupation=first.occupation,
            date=day,
            place="Wolfsburg",
            lat=52.42,
            lon=10.79,
        )
    return pool_a.period


def _page(client, period, query=""):
    response = client.get(period.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_sittings_are_grouped_under_a_heading_per_day(client, pool_a, planner):
    client.force_login(planner)
    page = _page(client, pool_a.period)
    assert "Montag, 10. Mai 2027" in page and "Dienstag, 11. Mai 2027" in page
    heading = page.index('id="day-2027-05-10"')
    next_heading = page.index('id="day-2027-05-11"')
    assert heading < page.index(">SA0<") < next_heading < page.index(">SA1<")


def test_pages_hold_whole_days(client, long_period, planner):
    client.force_login(planner)
    first = _page(client, long_period)
    second = _page(client, long_period, "?page=2")
    assert first.count('id="day-') == DAYS_PER_PAGE == 10
    assert second.count('id="day-') == 5
    assert "Seite 1 von 2" in first and "Seite 2 von 2" in second
    # both sittings of the last day are on the same page
    assert ">J11<" in second and ">J12<" in second and ">J11<" not in first
    assert "Samstag, 12. Juni 2027" in second


@pytest.mark.parametrize("number", ["abc", "²", "0", "-3", "1" * 30, ""])
def test_an_odd_page_number_shows_the_first_days(client, long_period, planner, number):
    client.force_login(planner)
    page = _page(client, long_period, f"?page={number}")
    assert "Seite 1 von 2" in page and 'id="day-2027-05-10"' in page


def test_a_page_past_the_end_shows_the_last_days(client, long_period, planner):
    client.force_login(planner)
    assert "Seite 2 von 2" in _page(client, long_period, "?page=9")


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Monday, May 10, 2027"), ("fr", "lundi 10 mai 2027")],
)
def test_day_headings_are_translated(client, pool_a, planner, language, heading):
    client.force_login(planner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert heading in _page(client, pool_a.period)
