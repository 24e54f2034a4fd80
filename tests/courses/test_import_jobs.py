"""Large catalog imports run as a background job with a polled page (issue 10)."""

import io

import pytest
from django.urls import reverse

from tests import factories
from tests.courses.test_import import GOOD, csv_bytes
from verbund.courses.models import ImportJob, Offer
from verbund.courses.services import import_jobs


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(import_jobs, "BACKGROUND_BYTES", 10)  # every test file is "large"


def _upload(client, provider, rows=GOOD):
    upload = io.BytesIO(csv_bytes(provider, rows))
    upload.name = "angebote.csv"
    return client.post(reverse("courses:import"), {"provider": provider.pk, "file": upload})


def test_large_file_becomes_a_job_and_its_page_shows_the_report(
    client, staff_a, provider_a, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, provider_a)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "done" and job.data == b"" and job.rows_checked == len(GOOD)
    assert Offer.objects.count() == 2
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Gespeichert: 2 neu" in page and "hx-trigger" not in page  # finished: no polling
    partial = client.get(reverse("courses:import_job_progress", args=[job.pk]))
    assert partial.status_code == 200


def test_a_queued_job_polls_and_writes_nothing_yet(client, staff_a, provider_a, small_threshold):
    client.force_login(staff_a)
    _upload(client, provider_a)  # the on-commit enqueue never runs inside this test
    job = ImportJob.objects.get()
    assert job.status == "queued" and not Offer.objects.exists()
    assert "hx-trigger" in client.get(job.get_absolute_url()).content.decode()


def test_a_job_with_errors_reports_them(
    client, staff_a, provider_a, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, provider_a, [GOOD[0].replace(";praesenz;", ";vor Ort;")])
    job = ImportJob.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Nichts gespeichert" in page and "„vor Ort“ ist unbekannt" in page


def test_job_pages_belong_to_who_started_them(client, staff_a, provider_a, small_threshold):
    client.force_login(staff_a)
    _upload(client, provider_a)
    job = ImportJob.objects.get()
    client.logout()
    assert client.get(job.get_absolute_url()).status_code == 302
    client.force_login(factories.user("fremd"))
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("courses:import_job_progress", args=[job.pk])).status_code == 404


def test_participant_numbers_beyond_the_column_are_row_errors(client, staff_a, provider_a):
    from tests.courses.test_import import HEADER

    rows = [GOOD[0] + ";" + str(2**61)]
    client.force_login(staff_a)
    upload = io.BytesIO(csv_bytes(provider_a, rows, header=HEADER + ";max_participants"))
    upload.name = "angebote.csv"
    response = client.post(reverse("courses:import"), {"provider": provider_a.pk, "file": upload})
    assert response.status_code == 400 and "höchstens 32767" in response.content.decode()
    assert not Offer.objects.exists()
