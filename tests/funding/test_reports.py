"""The Sachbericht: drafted from the network's records, edited, released, superseded."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import factories
from verbund.funding.models import ProgressReport
from verbund.funding.services import reports
from verbund.networks.models import Activity, Goal, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(plan, org_a, district):
    network = plan.network
    Goal.objects.create(network=network, title="Beratungsbüros aufbauen", status="in_progress")
    activity = Activity.objects.create(
        network=network,
        kind="workshop",
        title="Workshop Digitalisierung",
        start=datetime.date(2026, 5, 12),
    )
    activity.organizations.set([org_a, district])
    Activity.objects.create(
        network=network, kind="meeting", title="Vor dem Zeitraum", start=datetime.date(2025, 5, 12)
    )
    return plan


@pytest.fixture
def releaser(org_a):
    """Funding release in a team of the lead organization (org_a leads network_a)."""
    account = factories.user("rita", organization=org_a)
    factories.grant(account, ["funding.release", "funding.manage"], organization=org_a)
    return account


def test_draft_is_written_from_the_records_of_the_period(records, treasurer):
    report = reports.draft(
        records, "interim", datetime.date(2026, 1, 1), datetime.date(2026, 6, 30), treasurer
    )
    texts = {section["key"]: section["text"] for section in report.sections}
    assert "Beratungsbüros aufbauen: In Arbeit" in texts["goals"]
    assert (
        "12.05.2026 Workshop: Workshop Digitalisierung (2 beteiligte Organisationen)"
        in texts["activities"]
    )
    assert "Vor dem Zeitraum" not in texts["activities"]
    assert "fand 1 Aktivität statt" in texts["activities"]
    assert "Personalausgaben" in texts["money"]  # 15 % over plan: asks for the reason
    assert report.version == 1 and report.status == "draft"


def test_released_reports_are_frozen_and_superseded_by_a_new_version(records, treasurer, releaser):
    report = reports.draft(records, "final", records.period_start, records.period_end, treasurer)
    reports.edit(report, {"outlook": "2027: zwei weitere Büros."}, treasurer)
    with pytest.raises(PermissionDenied):
        reports.release(report, treasurer)  # coordination drafts, the lead partner releases
    reports.release(report, releaser)
    report.refresh_from_db()
    with pytest.raises(ValidationError):
        reports.edit(report, {"outlook": "anders"}, treasurer)
    successor = reports.supersede(report, treasurer)
    assert successor.version == 2 and successor.sections == report.sections
    reports.release(successor, releaser)
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.SUPERSEDED
    assert [s["text"] for s in report.sections if s["key"] == "outlook"] == [
        "2027: zwei weitere Büros."
    ]


def test_report_pages_for_coordination_and_lead(client, records, treasurer, releaser):
    client.force_login(treasurer)
    response = client.post(
        reverse("funding:report_create", args=[records.pk]),
        {"kind": "final", "period_start": "2026-01-01", "period_end": "2026-12-31"},
    )
    report = ProgressReport.objects.get()
    assert response["Location"] == report.get_absolute_url()
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Freigeben kann der federführende Partner" in page
    client.post(
        report.get_absolute_url(),
        {s["key"]: s["text"] for s in report.sections} | {"outlook": "Neu"},
    )
    assert ProgressReport.objects.get().sections[-1]["text"] == "Neu"
    assert client.get(report.get_absolute_url() + "?format=pdf").status_code == 200
    assert client.get(report.get_absolute_url() + "?format=xlsx").status_code == 200
    client.force_login(releaser)
    client.post(reverse("funding:report_release", args=[report.pk]), {})  # not confirmed
    assert ProgressReport.objects.get().status == "draft"
    client.post(reverse("funding:report_release", args=[report.pk]), {"confirm": "yes"})
    assert ProgressReport.objects.get().status == "released"


def test_others_do_not_see_reports(client, records, treasurer, member_b):
    report = reports.draft(records, "final", records.period_start, records.period_end, treasurer)
    client.force_login(member_b)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert (
        client.post(
            reverse("funding:report_release", args=[report.pk]), {"confirm": "yes"}
        ).status_code
        == 404
    )


def test_a_member_without_release_right_cannot_release(records, treasurer, org_a):
    Membership.objects.filter(network=records.network).update(role="member")
    report = reports.draft(records, "final", records.period_start, records.period_end, treasurer)
    account = factories.user("udo", organization=org_a)
    factories.grant(account, ["funding.release"], organization=org_a)
    assert not reports.may_release(account, records)  # org_a is no longer lead or sponsor
    with pytest.raises(PermissionDenied):
        reports.release(report, account)
