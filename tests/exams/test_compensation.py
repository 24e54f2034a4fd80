"""Compensation: every started hour, cap per day, travel, allowance; claim and approval."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from verbund.core.models import AuditEntry
from verbund.exams.models import Assignment, Claim, RateTable
from verbund.exams.services import compensation, plan_edits, planning


def rates(**fields):
    values = {
        "hourly_loss": Decimal("25.00"),
        "cap_hours_per_day": 10,
        "travel_per_km": Decimal("0.42"),
        "daily_allowance": Decimal("14.00"),
    }
    values.update(fields)
    return RateTable(year=2027, **values)


@pytest.mark.parametrize(
    "hours,paid",
    [
        ("0", 0),
        ("0.25", 1),
        ("1", 1),
        ("2.01", 3),
        ("7.5", 8),
        ("9.99", 10),
        ("10", 10),
        ("13", 10),
    ],
)
def test_every_started_hour_counts_up_to_the_cap(hours, paid):
    amounts = compensation.compute(rates(), Decimal(hours), Decimal("0"))
    assert amounts.hours_paid == paid
    assert amounts.loss == Decimal("25.00") * paid


def test_cap_comes_from_the_rate_table():
    amounts = compensation.compute(rates(cap_hours_per_day=8), Decimal("9"), Decimal("0"))
    assert amounts.hours_paid == 8


def test_travel_and_allowance():
    amounts = compensation.compute(rates(), Decimal("3.5"), Decimal("57.5"))
    assert amounts.travel == Decimal("24.15")
    assert amounts.allowance == Decimal("14.00")
    assert amounts.total == Decimal("100.00") + Decimal("24.15") + Decimal("14.00")


@pytest.fixture
def published(pool_a, planner, examiner_user):
    planning.start_run(pool_a.period, planner, time_limit=1)
    plan_edits.publish(pool_a.period, planner)
    return Assignment.objects.filter(examiner__person__user=examiner_user).first()


def test_claim_before_the_sitting_is_refused(published, examiner_user):
    with pytest.raises(compensation.CompensationError):
        compensation.submit(published, Decimal("5"), Decimal("10"), examiner_user)


def test_claim_approve_and_export(client, published, examiner_user, accountant, planner):
    sitting = published.sitting
    sitting.date = datetime.date.today() - datetime.timedelta(days=1)
    sitting.save(update_fields=["date"])
    RateTable.objects.get_or_create(
        chamber=sitting.board.chamber,
        year=sitting.date.year,
        defaults={
            "hourly_loss": Decimal("25.00"),
            "travel_per_km": Decimal("0.42"),
            "daily_allowance": Decimal("14.00"),
        },
    )
    client.force_login(examiner_user)
    response = client.post(
        reverse("exams:claim_create", args=[published.pk]), {"hours": "6.5", "km": "40"}
    )
    assert response.status_code == 302
    claim = Claim.objects.get(assignment=published)
    assert claim.total == Decimal("175.00") + Decimal("16.80") + Decimal("14.00")

    # The planner has no compensation permission; the accountant approves.
    client.force_login(planner)
    assert client.get(reverse("exams:claim_list")).status_code == 403
    client.force_login(accountant)
    listing = client.get(reverse("exams:claim_list")).content.decode()
    assert "205,80\xa0€" in listing and "6,50" in listing and " EUR" not in listing
    assert (
        client.post(reverse("exams:claim_decide", args=[claim.pk]), {"approve": "1"}).status_code
        == 302
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED
    assert AuditEntry.objects.filter(action="exams.claim.approved").exists()
    export = client.get(reverse("exams:claim_export", args=["csv"]))
    assert "205.80" in export.content.decode()
    assert client.get(reverse("exams:claim_export", args=["xlsx"])).status_code == 200


def test_rejection_needs_a_reason_the_examiner_reads(client, published, examiner_user, accountant):
    """Issue 25: a claim could be rejected with one click and no reason."""
    sitting = published.sitting
    sitting.date = datetime.date.today() - datetime.timedelta(days=1)
    sitting.save(update_fields=["date"])
    RateTable.objects.get_or_create(
        chamber=sitting.board.chamber,
        year=sitting.date.year,
        defaults={
            "hourly_loss": Decimal("25.00"),
            "travel_per_km": Decimal("0.42"),
            "daily_allowance": Decimal("14.00"),
        },
    )
    client.force_login(examiner_user)
    client.post(reverse("exams:claim_create", args=[published.pk]), {"hours": "6.5", "km": "40"})
    claim = Claim.objects.get(assignment=published)
    client.force_login(accountant)
    listing = client.get(reverse("exams:claim_list")).content.decode()
    assert 'name="reason"' in listing and "data-confirm=" in listing
    url = reverse("exams:claim_decide", args=[claim.pk])
    client.post(url, {"approve": "0", "reason": "  "})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUBMITTED
    client.post(url, {"approve": "0", "reason": "Sitzung dauerte nur eine Stunde."})
    claim.refresh_from_db()
    assert claim.status == Claim.Status.REJECTED
    assert claim.rejection_reason == "Sitzung dauerte nur eine Stunde."
    entry = AuditEntry.objects.get(action="exams.claim.rejected")
    assert entry.data["reason"] == "Sitzung dauerte nur eine Stunde."
    client.force_login(examiner_user)
    assert (
        "Sitzung dauerte nur eine Stunde."
        in client.get(reverse("exams:my_sittings")).content.decode()
    )


def test_claim_forms_cancel_link_leads_to_the_examiners_page(client, published, examiner_user):
    """Issue 25: "Abbrechen" on the claim form led to a 404 (the planner's page)."""
    client.force_login(examiner_user)
    html = client.get(reverse("exams:claim_create", args=[published.pk])).content.decode()
    cancel = re.search(r'<a class="button secondary" href="([^"]+)">Abbrechen</a>', html)
    assert cancel.group(1) == reverse("exams:my_sittings")
    assert client.get(cancel.group(1)).status_code == 200


def test_other_examiner_cannot_claim(client, published, member):
    client.force_login(member)
    response = client.get(reverse("exams:claim_create", args=[published.pk]))
    assert response.status_code == 404


def test_a_published_plan_is_never_called_not_planned(client, pool_a, planner):
    """Issue 25: "Herbstprüfung 2026" read both "noch nicht geplant" and "veröffentlicht"
    (assigned by hand, published, never computed)."""
    from django.utils import timezone

    period = pool_a.period
    type(period).objects.filter(pk=period.pk).update(solved_at=None, published_at=timezone.now())
    client.force_login(planner)
    page = client.get(reverse("exams:period_detail", args=[period.pk])).content.decode()
    assert "veröffentlicht am" in page
    assert "noch nicht geplant" not in page
