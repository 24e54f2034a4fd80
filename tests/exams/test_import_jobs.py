"""Large sittings files are imported by a background job (not inside a 30 s request)."""

import io

from django.urls import reverse

from tests import factories
from tests.exams.test_imports import csv_of, good_row
from verbund.core.models import Job
from verbund.exams.models import Candidate, Sitting
from verbund.exams.views import periods as period_views


def post_import(client, period, content: bytes):
    upload = io.BytesIO(content)
    upload.name = "termine.csv"
    return client.post(reverse("exams:sittings_import", args=[period.pk]), {"file": upload})


def test_a_large_file_is_imported_by_a_job_and_its_page_shows_the_report(
    client, pool_a, planner, monkeypatch
):
    # A low threshold keeps the test fast; the job runs the same service as the page.
    monkeypatch.setattr(period_views, "BACKGROUND_IMPORT_BYTES", 100)
    client.force_login(planner)
    response = post_import(
        client, pool_a.period, csv_of(good_row(pool_a, "N1"), good_row(pool_a, "N2"))
    )
    job = Job.objects.get(kind="exams.import_sittings")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.result == {
        "created": 2,
        "errors": [],
        "more_errors": 0,
    }
    assert Sitting.objects.filter(period=pool_a.period, code__in=["N1", "N2"]).count() == 2
    page = client.get(job.result_url)
    assert page.status_code == 200 and "2 Prüfungstermine importiert." in page.content.decode()


def test_a_bad_large_file_writes_nothing_and_reports_its_rows(client, pool_a, planner):
    client.force_login(planner)
    before = Sitting.objects.count(), Candidate.objects.count()
    good = [good_row(pool_a, f"N{n}", day="2027-06-01") for n in range(3000)]
    bad = "N9999;UNBEKANNT;2611;2027-06-02;Celle;52.6;10.1;1;1;1;"
    content = csv_of(*good, bad)
    assert len(content) > period_views.BACKGROUND_IMPORT_BYTES
    response = post_import(client, pool_a.period, content)
    job = Job.objects.get(kind="exams.import_sittings")
    assert response.status_code == 302 and job.result["created"] == 0
    assert [(e["line"], e["column"]) for e in job.result["errors"]] == [(3002, "ausschuss")]
    assert (Sitting.objects.count(), Candidate.objects.count()) == before
    page = client.get(job.result_url).content.decode()
    assert "Nichts importiert" in page and "3002" in page


def test_another_planner_cannot_open_the_job_or_its_report(
    client, chambers, pool_a, planner, monkeypatch
):
    monkeypatch.setattr(period_views, "BACKGROUND_IMPORT_BYTES", 100)
    client.force_login(planner)
    post_import(client, pool_a.period, csv_of(good_row(pool_a)))
    job = Job.objects.get(kind="exams.import_sittings")
    colleague = factories.user("jana", organization=chambers.a)
    factories.grant(colleague, ["exams.plan"], organization=chambers.a, name="Zweite")
    client.force_login(colleague)
    assert client.get(job.get_absolute_url()).status_code == 404
    page = client.get(job.result_url)
    assert page.status_code == 200 and "importiert." not in page.content.decode()
