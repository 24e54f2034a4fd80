"""Every needs page as anonymous, without permission, permitted, and on another network's wave."""

import pytest
from django.urls import reverse

from verbund.core.models import Job
from verbund.needs.models import Response

WAVE_PAGES = [
    # name, expected for: outsider, viewer (needs.view), manager (needs.manage)
    ("needs:wave_detail", (404, 200, 200)),
    ("needs:wave_edit", (404, 403, 200)),
    ("needs:questionnaire", (404, 403, 200)),
    ("needs:invitation_list", (404, 403, 200)),
    ("needs:invitation_import", (404, 403, 200)),
    ("needs:interview_start", (404, 403, 200)),
    ("needs:dashboard", (404, 200, 200)),
    ("needs:chart", (404, 200, 200)),
    ("needs:export_xlsx", (404, 200, 200)),
    ("needs:compare", (404, 200, 200)),
    ("needs:gaps", (404, 200, 200)),
    ("needs:gaps_xlsx", (404, 200, 200)),
]


@pytest.mark.parametrize("name,expected", WAVE_PAGES, ids=[page[0] for page in WAVE_PAGES])
def test_wave_page_permissions(client, survey_world, name, expected):
    world = survey_world
    url = reverse(name, args=[world.wave_a.pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    for user, status in zip((world.outsider, world.viktor, world.nora), expected, strict=True):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    # another network's wave is invisible even to a manager
    assert client.get(reverse(name, args=[world.wave_b.pk])).status_code == 404


@pytest.mark.parametrize("name", ["needs:wave_list", "needs:provider_gaps"])
def test_list_pages(client, survey_world, name):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(survey_world.outsider)
    assert client.get(reverse(name)).status_code == 200


def test_wave_list_shows_only_visible_waves(client, survey_world):
    client.force_login(survey_world.nora)
    content = client.get(reverse("needs:wave_list")).content.decode()
    assert "Bedarf 2026" in content and "Bedarf BS" not in content


@pytest.mark.parametrize(
    "name", ["needs:wave_status", "needs:invitations_send", "needs:reminders_send"]
)
def test_posts_need_manage(client, survey_world, name):
    world = survey_world
    url = reverse(name, args=[world.wave_a.pk])
    client.force_login(world.viktor)
    assert client.post(url, {"status": "closed"}).status_code == 403
    client.force_login(world.nora)
    assert client.post(url, {"status": "closed"}).status_code == 302
    assert (
        client.post(reverse(name, args=[world.wave_b.pk]), {"status": "closed"}).status_code == 404
    )


def test_response_pages(client, survey_world):
    world = survey_world
    response = Response.objects.filter(wave=world.wave_a).first()
    url = reverse("needs:response_detail", args=[response.pk])
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    client.force_login(world.viktor)
    assert client.get(url).status_code == 403
    client.force_login(world.nora)
    assert client.get(url).status_code == 200
    assert client.get(url + "?empfehlen=1").status_code == 200
    assert client.get(reverse("needs:response_edit", args=[response.pk])).status_code == 200


def test_dashboard_hides_small_cells(client, survey_world):
    client.force_login(survey_world.nora)
    page = client.get(reverse("needs:dashboard", args=[survey_world.wave_a.pk])).content.decode()
    assert "Landkreis Holzminden" in page
    # Vechta has two companies: hidden, and so is the total (else Vechta = total - Holzminden)
    assert page.count("•") >= 6


def test_create_wave_and_choose_questions(client, survey_world):
    world = survey_world
    client.force_login(world.nora)
    response = client.post(
        reverse("needs:wave_create"),
        {"network": world.network_a.pk, "title": "Welle 2", "include_cases": "on"},
    )
    assert response.status_code == 302
    wave = world.network_a.needs_waves.get(title="Welle 2")
    client.post(
        reverse("needs:questionnaire", args=[wave.pk]),
        {"questions_form": "1", "questions": ["urgency"]},
    )
    wave.refresh_from_db()
    assert wave.questions == ["urgency"]
    client.post(
        reverse("needs:questionnaire", args=[wave.pk]),
        {
            "custom_form": "1",
            "kind": "choice",
            "text_de": "Ausbildung?",
            "text_en": "Training?",
            "text_fr": "Formation ?",
            "options_text": "Ja | Yes | Oui\nNein | No | Non",
            "order": 1,
        },
    )
    question = wave.custom_questions.get()
    assert question.options[1] == {"de": "Nein", "en": "No", "fr": "Non"}


def test_pdf_exports_run_as_background_jobs(client, survey_world):
    client.force_login(survey_world.nora)
    for name in ("needs:export_pdf", "needs:gaps_pdf"):
        url = reverse(name, args=[survey_world.wave_a.pk])
        assert client.get(url).status_code == 405  # a link never starts work
        response = client.post(url + "?horizon=6")
        assert response.status_code == 302
        job_page = client.get(response.url).content.decode()
        assert "herunterladen" in job_page
        job = Job.objects.get(pk=response.url.rstrip("/").split("/")[-1])
        assert job.status == Job.Status.DONE
        download = client.get(reverse("core:job_download", args=[job.pk]))
        assert download.status_code == 200
        assert b"".join(download).startswith(b"%PDF")


def test_pdf_exports_of_an_invisible_wave_start_nothing(client, survey_world):
    client.force_login(survey_world.outsider)
    for name in ("needs:export_pdf", "needs:gaps_pdf"):
        assert client.post(reverse(name, args=[survey_world.wave_a.pk])).status_code == 404
    assert not Job.objects.exists()


def test_provider_sees_gaps_in_its_region(client, survey_world, districts):
    from tests import factories

    provider = factories.organization(
        "VHS Holzminden", kind="provider", region=districts.holzminden, lat=51.83, lon=9.45
    )
    teacher = factories.user("paul", organization=provider)
    client.force_login(teacher)
    page = client.get(reverse("needs:provider_gaps") + "?horizon=6").content.decode()
    assert "Bedarf 2026" in page and "Landkreis Holzminden" in page
    assert "Landkreis Vechta" not in page  # out of reach (and too few companies)
