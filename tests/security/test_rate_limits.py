"""Abuse of the public views (issue 24, part 6): rate limits for anonymous clients, the
seat hold of registrations without an account, public PDFs rendered once per version."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.events.conftest import make_event
from verbund.core.services import rate_limits
from verbund.events.models import Registration
from verbund.events.services import registration as registrations

LIMITED = override_settings(RATE_LIMITS_ENABLED=True)


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_event(db):
    return make_event(factories.organization("Gastgeber GmbH"), capacity=30)


def _register(client, event, number):
    return client.post(
        event.get_absolute_url(),
        {"name": f"Bot {number}", "email": f"bot{number}@example.org", "seats": 1},
    )


@LIMITED
def test_one_anonymous_client_cannot_book_all_seats(client, public_event):
    """The probe booked all 30 seats in 0.8 s. Now five per address, and those only held."""
    codes = [_register(client, public_event, number).status_code for number in range(30)]
    assert codes[:5] == [302] * 5 and set(codes[5:]) == {429}
    assert Registration.objects.count() == 5
    assert set(Registration.objects.values_list("status", flat=True)) == {"offered"}
    assert registrations.availability(public_event).seats_left == 25
    # nobody confirms: the holds lapse and the seats are free again
    Registration.objects.update(offer_expires_at=timezone.now() - timezone.timedelta(minutes=1))
    registrations.expire_offers()
    assert registrations.availability(public_event).seats_left == 30
    # another address is not affected by the first one's limit
    other = Client(REMOTE_ADDR="192.0.2.44")
    assert _register(other, public_event, 99).status_code == 302


@LIMITED
def test_the_api_limits_anonymous_registrations_too(client, public_event):
    url = f"/api/v1/events/{public_event.pk}/registrations"
    codes = [
        client.post(
            url, {"name": "Bot", "email": f"b{n}@example.org"}, content_type="application/json"
        ).status_code
        for n in range(8)
    ]
    assert codes == [201] * 5 + [429] * 3
    answer = client.post(
        url, {"name": "Bot", "email": "b9@example.org"}, content_type="application/json"
    ).json()
    assert "Zu viele Anfragen" in answer["detail"]


@LIMITED
def test_signed_in_users_are_not_limited_and_confirmed_at_once(client, public_event):
    client.force_login(factories.user("betrieb"))
    codes = {_register(client, public_event, number).status_code for number in range(8)}
    assert codes == {302}
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed"}


@LIMITED
@override_settings(RATE_LIMITS={"courses.search": (3, 60)})
def test_course_search_limit_answers_a_german_429_page(client, db):
    codes = [
        client.get(reverse("courses:search"), {"q": "Schweißen"}).status_code for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]
    refused = client.get(reverse("courses:search"))
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    page = refused.content.decode()
    assert "Zu viele Anfragen" in page and 'lang="de"' in page
    api = client.get("/api/v1/courses/search")
    assert api.status_code == 429 and "Zu viele Anfragen" in api.json()["detail"]


def test_limits_are_off_unless_switched_on(client, db):
    assert {client.get(reverse("courses:search")).status_code for _ in range(70)} == {200}


@LIMITED
def test_a_window_counts_per_scope_and_key():
    assert rate_limits.hit("a", "1.2.3.4", count=2, per=60) == 0
    assert rate_limits.hit("a", "1.2.3.4", count=2, per=60) == 0
    # The third hit in the window is refused: the answer is the wait in seconds.
    retry_after = rate_limits.hit("a", "1.2.3.4", count=2, per=60)
    assert 0 < retry_after <= 60
    assert rate_limits.hit("b", "1.2.3.4", count=2, per=60) == 0
    assert rate_limits.hit("a", "5.6.7.8", count=2, per=60) == 0


def _version(world, number, title):
    from verbund.economy.models import Report, ReportVersion

    report, _new = Report.objects.get_or_create(
        wave=world.wave, chamber=None, defaults={"title": "Konjunkturbericht"}
    )
    return ReportVersion.objects.create(report=report, number=number, snapshot={"title": title})


def test_the_public_pdf_is_rendered_once_per_version(
    client, world, monkeypatch, settings, tmp_path
):
    """30 anonymous requests rendered the PDF 30 times (~2 s each); now once per version."""
    from verbund.economy.services import documents

    settings.MEDIA_ROOT = tmp_path
    rendered = []

    def fake_pdf(snapshot):
        rendered.append(snapshot["title"])
        return b"%PDF-" + snapshot["title"].encode()

    monkeypatch.setattr(documents, "pdf", fake_pdf)
    first, second = _version(world, 1, "Herbst"), _version(world, 2, "Herbst, korrigiert")
    for _request in range(5):
        response = client.get(reverse("economy:version_pdf", args=[first.pk]))
        assert response.content == b"%PDF-Herbst"
    assert rendered == ["Herbst"]
    response = client.get(reverse("economy:version_pdf", args=[second.pk]))
    assert response.content == b"%PDF-Herbst, korrigiert"
    assert rendered == ["Herbst", "Herbst, korrigiert"]
