"""The gap report is computed by a background job, never inside a web request (seconds at a
million offers); pages show the stored report or poll the job."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tests.needs.conftest import make_response
from verbund.core.models import Job
from verbund.core.services import tokens
from verbund.needs.services import gap_store

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
KIND = gap_store.KIND


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """The worker closes "old" connections between tasks (our test's own on PostgreSQL)."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def gap_url(wave, query="?horizon=6"):
    return reverse("needs:gaps", args=[wave.pk]) + query


def test_the_page_shows_a_stored_report_and_computes_it_only_once(client, survey_world):
    client.force_login(survey_world.nora)
    first = client.get(gap_url(survey_world.wave_a))
    assert first.status_code == 200 and "Stand:" in first.content.decode()
    assert Job.objects.filter(kind=KIND).count() == 1
    # Another reader of the same wave gets the stored report: no second computation.
    client.force_login(survey_world.viktor)
    again = client.get(gap_url(survey_world.wave_a))
    assert again.status_code == 200
    assert Job.objects.filter(kind=KIND).count() == 1
    assert again.context["total"] == first.context["total"]
    # The XLSX export uses the same stored report.
    assert client.get(reverse("needs:gaps_xlsx", args=[survey_world.wave_a.pk])).status_code == 200
    assert Job.objects.filter(kind=KIND).count() == 1


def test_a_new_answer_makes_the_stored_report_stale(client, survey_world, districts, topics):
    client.force_login(survey_world.nora)
    client.get(gap_url(survey_world.wave_a))
    first = Job.objects.get(kind=KIND)
    make_response(survey_world.wave_a, "Spät GmbH", districts.holzminden, topics.digital)
    client.get(gap_url(survey_world.wave_a))
    # computed anew; the outdated report is not kept (one stored report per wave and options)
    assert Job.objects.filter(kind=KIND).count() == 1
    assert Job.objects.get(kind=KIND).pk != first.pk


@override_settings(TASKS=DATABASE_TASKS)
def test_queued_the_page_polls_the_job_and_shows_the_report_once_the_worker_ran(
    client, survey_world, django_capture_on_commit_callbacks
):
    client.force_login(survey_world.nora)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get(gap_url(survey_world.wave_a))
    page = waiting.content.decode()
    job = Job.objects.get(kind=KIND)
    assert waiting.status_code == 200 and job.status == Job.Status.QUEUED
    assert "wird berechnet" in page
    assert reverse("core:job_progress", args=[job.pk]) in page  # the fragment polls
    # A reload while it waits follows the same job.
    with django_capture_on_commit_callbacks(execute=True):
        client.get(gap_url(survey_world.wave_a))
    assert Job.objects.filter(kind=KIND).count() == 1
    call_command("worker", batch=True)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result["rows"]
    assert job.result_url == gap_url(survey_world.wave_a)
    done = client.get(gap_url(survey_world.wave_a))
    assert "wird berechnet" not in done.content.decode()
    assert done.context["total"] >= 1


@override_settings(TASKS=DATABASE_TASKS)
def test_queued_the_api_answers_202_until_the_report_is_stored(
    client, survey_world, django_capture_on_commit_callbacks
):
    _token, plaintext = tokens.create_token(survey_world.nora, "pytest")
    headers = {"Authorization": f"Bearer {plaintext}"}
    url = f"/api/v1/needs/waves/{survey_world.wave_a.pk}/gaps?horizon=6"
    with django_capture_on_commit_callbacks(execute=True):
        pending = client.get(url, headers=headers)
    assert pending.status_code == 202 and pending.json()["status"] == "queued"
    call_command("worker", batch=True)
    ready = client.get(url, headers=headers)
    assert ready.status_code == 200 and "rows" in ready.json()


def test_refresh_computes_anew(client, survey_world):
    client.force_login(survey_world.nora)
    client.get(gap_url(survey_world.wave_a))
    response = client.post(reverse("needs:gaps_refresh", args=[survey_world.wave_a.pk]))
    job = Job.objects.filter(kind=KIND).latest("pk")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert "requested_at" in job.params and job.status == Job.Status.DONE
    assert Job.objects.filter(kind=KIND).count() == 1  # the older report was replaced


def test_refresh_permissions(client, survey_world):
    url = reverse("needs:gaps_refresh", args=[survey_world.wave_a.pk])
    response = client.post(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(survey_world.outsider)
    assert client.post(url).status_code == 404
    client.force_login(survey_world.viktor)  # may read the report, so may refresh it
    assert client.post(url).status_code == 302
    client.force_login(survey_world.nora)
    other = reverse("needs:gaps_refresh", args=[survey_world.wave_b.pk])
    assert client.post(other).status_code == 404
    assert client.get(url).status_code == 405
    assert not Job.objects.filter(kind=KIND, params__wave=survey_world.wave_b.pk).exists()


def test_a_stored_report_is_not_reused_for_other_options(survey_world):
    wave = survey_world.wave_a
    joint = gap_store.params_for(wave, by_target_group=False)
    split = gap_store.params_for(wave, by_target_group=True)
    gap_store.report_for(wave, joint, survey_world.nora, "/")
    gap_store.report_for(wave, split, survey_world.nora, "/")
    assert gap_store.stored(joint) is not None
    assert gap_store.stored(split) is not None  # another option's report stays
    assert gap_store.stored(joint).job.pk != gap_store.stored(split).job.pk
    near = gap_store.params_for(wave, by_target_group=False, districts={1})
    assert gap_store.stored(near) is None
