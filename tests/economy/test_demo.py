"""The demo's joint survey: waves from 2016, the first joint report of autumn 2018 published."""

import io

import pytest
from django.contrib.auth import authenticate
from django.db import transaction
from django.urls import reverse

from verbund.core.demo import load_demo
from verbund.core.demo.logins import DEMO_PASSWORD
from verbund.economy.models import Answer, ReportVersion, Wave


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        assert load_demo(io.StringIO()) is True
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db):
    return Wave.objects.filter(network__short_name="IHK BS – IHK LG-WOB")


def test_waves_from_2016_and_one_open_now(demo):
    first = demo.order_by("year", "season").first()
    assert (first.year, first.season) == (2016, 1)
    assert demo.filter(status="open").count() == 1
    assert Answer.objects.filter(wave__in=demo).count() > 5000


def test_first_joint_report_of_autumn_2018_is_published_and_plausible(demo):
    # Seed 003: the joint report is for "IV. Quartal 2018" (issue 25: only seasons existed).
    version = ReportVersion.objects.get(
        report__wave__year=2018, report__wave__season=14, report__chamber=None
    )
    assert str(version.report.wave) == "IV. Quartal 2018"
    total = version.snapshot["figures"]["total"]
    assert 200 <= total["firms"] <= 260
    assert 105 < total["klima"] < 135  # a good year, expectations cooling
    assert version.snapshot["texts"]["summary"].startswith("Die Wirtschaft")
    series = version.snapshot["figures"]["series"]
    assert series[0]["label"] == "Jahresbeginn 2016" and series[-1]["label"] == "IV. Quartal 2018"


def test_the_slump_of_spring_2020_shows(demo):
    latest = ReportVersion.objects.filter(report__chamber=None).order_by("-published_at").first()
    series = {row["label"]: row["klima"] for row in latest.snapshot["figures"]["series"]}
    assert series["Frühsommer 2020"] < 90 < series["IV. Quartal 2018"]


def test_konjunktur_login_runs_the_open_wave_and_reads_the_pdf(demo, client):
    user = authenticate(username="konjunktur", password=DEMO_PASSWORD)
    client.force_login(user)
    wave = demo.get(status="open")
    assert client.get(reverse("economy:invitation_list", args=[wave.pk])).status_code == 200
    version = ReportVersion.objects.filter(report__chamber=None).first()
    assert client.get(reverse("economy:version_pdf", args=[version.pk])).content[:4] == b"%PDF"
