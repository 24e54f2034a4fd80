"""Contacts per case and the office's quarterly figures for the funder."""

import datetime

import pytest
from django.urls import reverse

from tests import factories
from verbund.advice.models import Case, Contact, Recommendation
from verbund.advice.services import statistics

pytestmark = pytest.mark.django_db


def _contacts(world):
    other = factories.organization("Bäckerei Korn", region=world.case_a.district)
    case_2 = Case.objects.create(
        office=world.office_a,
        organization=other,
        district=world.case_a.district,
        subject="Nachfolge",
        opened_on=datetime.date(2026, 4, 2),
    )
    Case.objects.filter(pk=world.case_a.pk).update(opened_on=datetime.date(2026, 2, 10))
    for case, date, channel, minutes in (
        (world.case_a, datetime.date(2026, 2, 10), "visit", 90),
        (world.case_a, datetime.date(2026, 3, 3), "phone", 20),
        (world.case_a, datetime.date(2026, 4, 20), "video", 30),
        (case_2, datetime.date(2026, 4, 2), "office", 45),
    ):
        Contact.objects.create(case=case, date=date, channel=channel, minutes=minutes)
    return case_2


def test_quarterly_figures_by_hand(advice_world):
    _contacts(advice_world)
    q1, q2, q3, q4, year = statistics.quarterly(advice_world.office_a, 2026)
    assert (q1.cases, q1.contacts, q1.minutes, q1.companies) == (1, 2, 110, 1)
    assert q1.by_channel == {"visit": 1, "phone": 1, "video": 0, "office": 0}
    # Q2: the new case of the bakery, and a video call with the carpenter (opened in Q1).
    assert (q2.cases, q2.contacts, q2.minutes, q2.companies) == (1, 2, 75, 2)
    assert (q3.contacts, q4.contacts) == (0, 0)
    assert (year.cases, year.contacts, year.hours, year.companies) == (2, 4, 3.1, 2)
    assert year.companies_by_district == {"Landkreis Holzminden": 2}
    assert q1.period.label == "1. Quartal 2026"
    assert q4.period.end == datetime.date(2026, 12, 31)


def test_referrals_count_recommendations_of_the_period(advice_world):
    from tests.courses.conftest import make_offer

    provider = factories.organization("VHS Holzminden", kind="provider")
    offer = make_offer(provider, "Excel im Büro")
    recommendation = Recommendation.objects.create(case=advice_world.case_a, offer=offer)
    day = recommendation.created_at.date()
    assert statistics.figures([advice_world.office_a], day, day).referrals == 1


def test_advisor_records_a_contact_and_reads_the_statistics(client, advice_world):
    client.force_login(advice_world.tobias)
    response = client.post(
        reverse("advice:contact_create", args=[advice_world.case_a.pk]),
        {"date": "2026-05-05", "channel": "phone", "minutes": "25", "note": "Rückruf"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.created_by == advice_world.tobias
    page = client.get(advice_world.case_a.get_absolute_url()).content.decode()
    assert "Telefon" in page and "Rückruf" in page
    stats = client.get(
        reverse("advice:office_statistics", args=[advice_world.office_a.pk]) + "?jahr=2026"
    )
    assert stats.status_code == 200
    assert "2. Quartal 2026" in stats.content.decode()


def test_a_contact_needs_a_duration_within_reason(client, advice_world):
    client.force_login(advice_world.tobias)
    response = client.post(
        reverse("advice:contact_create", args=[advice_world.case_a.pk]),
        {"date": "2026-05-05", "channel": "phone", "minutes": "9999"},
    )
    assert response.status_code == 400
    assert not Contact.objects.exists()


def test_who_may_record_contacts_and_read_statistics(client, advice_world):
    contact_url = reverse("advice:contact_create", args=[advice_world.case_a.pk])
    stats_url = reverse("advice:office_statistics", args=[advice_world.office_a.pk])
    assert client.get(stats_url).status_code == 302  # anonymous: to the login
    client.force_login(advice_world.outsider)
    assert client.get(contact_url).status_code == 404
    assert client.get(stats_url).status_code == 404
    client.force_login(advice_world.mara)  # manages the offices: figures yes, cases no
    assert client.get(stats_url).status_code == 200
    assert (
        client.post(
            contact_url, {"date": "2026-05-05", "channel": "phone", "minutes": "5"}
        ).status_code
        == 404
    )
    other = reverse("advice:office_statistics", args=[advice_world.office_b.pk])
    assert client.get(other).status_code in (403, 404)
    assert not Contact.objects.exists()


def test_statistics_year_parameter_is_bounded(client, advice_world):
    client.force_login(advice_world.tobias)
    url = reverse("advice:office_statistics", args=[advice_world.office_a.pk])
    for value in ("abc", "99999", "1800", "-1"):
        assert client.get(url, {"jahr": value}).status_code == 200
