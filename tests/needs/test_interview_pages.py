"""The wave page lists interviews 50 per page; an odd page number shows the first page."""

import pytest
from django.urls import reverse

from verbund.needs.models import Response


@pytest.fixture
def interviews(survey_world, org_a):
    return Response.objects.bulk_create(
        Response(
            wave=survey_world.wave_a,
            organization=org_a,
            kind=Response.Kind.INTERVIEW,
            company_key=f"o{n}",
        )
        for n in range(51)
    )


def _listed(client, wave, query=""):
    response = client.get(reverse("needs:wave_detail", args=[wave.pk]) + query)
    assert response.status_code == 200
    page = response.content.decode()
    urls = [reverse("needs:response_detail", args=[row.pk]) for row in Response.objects.all()]
    return page, {url for url in urls if f'href="{url}"' in page}


def test_interviews_are_paginated(client, survey_world, interviews):
    client.force_login(survey_world.nora)
    first, on_first = _listed(client, survey_world.wave_a)
    second, on_second = _listed(client, survey_world.wave_a, "?page=2")
    assert len(on_first) == 50 and len(on_second) == 1
    assert not on_first & on_second
    assert "Seite 1 von 2" in first and "Seite 2 von 2" in second
    assert "51 Einträge" in first


@pytest.mark.parametrize("page", ["abc", "²", "0", "-1", "99999999999999999999999", ""])
def test_an_odd_page_number_shows_the_first_page(client, survey_world, interviews, page):
    client.force_login(survey_world.nora)
    text, listed = _listed(client, survey_world.wave_a, f"?page={page}")
    assert "Seite 1 von 2" in text and len(listed) == 50


def test_a_page_past_the_end_shows_the_last_page(client, survey_world, interviews):
    client.force_login(survey_world.nora)
    text, listed = _listed(client, survey_world.wave_a, "?page=7")
    assert "Seite 2 von 2" in text and len(listed) == 1


def test_viewers_see_no_interview_list(client, survey_world, interviews):
    client.force_login(survey_world.viktor)
    _, listed = _listed(client, survey_world.wave_a)
    assert not listed


def test_counts_on_the_wave_page_use_singular_and_plural(client, survey_world):
    client.force_login(survey_world.nora)
    Response.objects.filter(wave=survey_world.wave_a).exclude(
        pk=Response.objects.filter(wave=survey_world.wave_a).first().pk
    ).update(status=Response.Status.DRAFT)
    text = client.get(survey_world.wave_a.get_absolute_url()).content.decode()
    assert "1 hat geantwortet" in text and "7 zwischengespeichert" in text
    dashboard = client.get(reverse("needs:dashboard", args=[survey_world.wave_a.pk]))
    assert "Antwort von 1 Betrieb, davon 0 Interviews." in dashboard.content.decode()
