"""Advice pages: anonymous, without permission, permitted, another network's object."""

import pytest
from django.urls import reverse

from verbund.advice.models import Case
from verbund.advice.services.cases import worklist
from verbund.core.services.dashboard import open_tasks

CASE_PAGES = ["advice:case_detail", "advice:case_edit", "advice:case_need_create"]


def test_office_list_and_detail(client, advice_world, network_a):
    world = advice_world
    assert client.get(reverse("advice:office_list")).status_code == 302
    client.force_login(world.outsider)
    assert client.get(reverse("advice:office_list")).status_code == 200
    # network A is private: its office is invisible to outsiders
    assert client.get(world.office_a.get_absolute_url()).status_code == 404
    client.force_login(world.tobias)
    page = client.get(world.office_a.get_absolute_url())
    assert page.status_code == 200 and "Digitalisierung im Büro" in page.content.decode()


def test_office_management(client, advice_world):
    world = advice_world
    create = reverse("advice:office_create")
    edit = reverse("advice:office_edit", args=[world.office_a.pk])
    client.force_login(world.tobias)
    assert client.get(create).status_code == 403
    client.force_login(world.mara)
    assert client.get(create).status_code == 200
    assert client.get(edit).status_code == 200
    assert client.get(reverse("advice:office_edit", args=[world.office_b.pk])).status_code == 404
    response = client.post(world.office_a.get_absolute_url(), {"username": "anna"})
    assert response.status_code == 302


@pytest.mark.parametrize("name", CASE_PAGES)
def test_case_pages(client, advice_world, name):
    world = advice_world
    url = reverse(name, args=[world.case_a.pk])
    assert client.get(url).status_code == 302
    for user, status in (
        (world.outsider, 404),
        (world.mara, 404),
        (world.tobias, 200),
        (world.anna, 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    assert client.get(reverse(name, args=[world.case_b.pk])).status_code == 404


def test_case_create_needs_counsel(client, advice_world):
    world = advice_world
    url = reverse("advice:case_create", args=[world.office_a.pk])
    client.force_login(world.mara)
    assert client.get(url).status_code == 403
    client.force_login(world.tobias)
    response = client.post(
        url, {"subject": "Neuer Fall", "opened_on": "2026-03-01", "outcome": "not_booked"}
    )
    assert response.status_code == 400  # not booked needs a reason
    response = client.post(
        url,
        {
            "subject": "Neuer Fall",
            "opened_on": "2026-03-01",
            "outcome": "not_booked",
            "outcome_reason": "zu teuer",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(subject="Neuer Fall")
    assert case.advisor == world.tobias and case.office == world.office_a


def test_recommend_page_and_post(client, advice_world):
    world = advice_world
    client.force_login(world.tobias)
    assert client.get(world.case_a.get_absolute_url() + "?empfehlen=1").status_code == 200
    response = client.post(reverse("advice:recommend", args=[world.case_a.pk]), {"offer": 999999})
    assert response.status_code == 404
    client.force_login(world.outsider)
    assert (
        client.post(reverse("advice:recommend", args=[world.case_a.pk]), {"offer": 1}).status_code
        == 404
    )


def test_worklist_and_dashboard_task(client, advice_world):
    world = advice_world
    assert list(worklist(world.tobias)) == [world.case_a]
    assert worklist(world.anna).count() == 0
    assert any("Digitalisierung im Büro" in task.title for task in open_tasks(world.tobias))
    client.force_login(world.tobias)
    assert client.get(reverse("advice:worklist")).status_code == 200


def test_case_needs_count_in_analysis(advice_world):
    from tests.needs.conftest import make_response
    from verbund.needs.models import Wave
    from verbund.needs.services import analysis

    wave = Wave.objects.create(network=advice_world.network_a, title="W", status=Wave.Status.CLOSED)
    make_response(
        wave, "Betrieb", advice_world.case_a.district, advice_world.case_a.needs.get().topic
    )
    rows = analysis.contributions(wave, ("district",), analysis.Filters())
    assert {row[0] for row in rows} == {f"o{advice_world.company.pk}", rows[0][0]} or len(rows) == 2
    assert sum(row[2] for row in rows) == 3 + 2
    wave.include_cases = False
    assert (
        sum(row[2] for row in analysis.contributions(wave, ("district",), analysis.Filters())) == 2
    )


def test_erasing_the_person_anonymises_the_case(advice_world, org_a):
    from tests import factories
    from verbund.core.services.privacy import erase_person, export_person

    person = factories.user("kim", organization=org_a).person
    advice_world.case_a.person = person
    advice_world.case_a.notes = "vertraulich"
    advice_world.case_a.save()
    assert "advice.Case" in export_person(person)["records"]
    erase_person(person, advice_world.mara)
    advice_world.case_a.refresh_from_db()
    assert advice_world.case_a.notes == "" and advice_world.case_a.person is None


def test_stored_reasons_of_a_recommendation_are_shown_in_the_readers_language(client, advice_world):
    from tests import factories
    from verbund.advice.models import Recommendation
    from verbund.courses.models import Offer
    from verbund.needs.services.matching import _reason

    world = advice_world
    offer = Offer.objects.create(
        provider=factories.organization("Anbieter", kind="provider"),
        external_id="r1",
        title="Kurs",
        description="x",
    )
    reasons = [
        _reason("topic", 5, "Thema passt genau"),
        _reason("place", 3, "%(km)s km entfernt", km=12),
    ]
    Recommendation.objects.create(
        case=world.case_a, offer=offer, score=8, reasons=[r.source for r in reasons]
    )
    client.force_login(world.tobias)
    client.cookies["django_language"] = "en"
    page = client.get(world.case_a.get_absolute_url()).content.decode()
    assert "12 km away" in page and "km entfernt" not in page and '{"t"' not in page


def test_case_form_shows_the_privacy_notice(client, advice_world):
    from verbund.core.legal_models import LegalText

    LegalText.objects.create(key="hinweis-advice", title="Datenschutz", body="Zweck: Beratung")
    client.force_login(advice_world.tobias)
    url = reverse("advice:case_create", args=[advice_world.office_a.pk])
    assert "Zweck: Beratung" in client.get(url).content.decode()


def test_case_shows_the_advisor_by_name_not_login(client, advice_world):
    client.force_login(advice_world.tobias)
    html = client.get(advice_world.case_a.get_absolute_url()).content.decode()
    assert "Tobias Test" in html  # issue 25: was the login name "tobias"
    assert ">tobias<" not in html
