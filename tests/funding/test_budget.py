import datetime
from decimal import Decimal

import pytest

from tests import factories
from verbund.core.services.access import Refused
from verbund.funding.models import BudgetLine, Receipt
from verbund.funding.services import budget, receipts

pytestmark = pytest.mark.django_db


def test_budget_applies_the_20_percent_rule_and_splits_the_rest(plan):
    figures = budget.figures(plan)
    lines = {line.key: line for line in figures.result.lines}
    # 115,000 on a 100,000 line: 15,000 over, offset by the 100,000 not spent on Sachausgaben.
    assert lines["personal"].eligible == Decimal("115000.00")
    assert figures.result.grant == Decimal("80500.00")  # 70 %
    assert [c.amount for c in figures.result.cofunders] == [Decimal("17250.00")] * 2
    assert figures.received == Decimal("50000.00")
    assert figures.result.final_payment == Decimal("30500.00")
    assert [w.level for w in figures.warnings] == ["warn"]  # 115,000 of at most 120,000


def test_a_line_past_its_20_percent_is_flagged_as_not_eligible(plan, treasurer):
    staff = plan.lines.get(key="personal")
    receipts.book(
        plan,
        {
            "number": "B-2",
            "date": datetime.date(2026, 5, 1),
            "line": staff,
            "amount": Decimal("10000"),
            "payee": "PSG",
        },
        treasurer,
    )
    figures = budget.figures(plan)
    assert figures.warnings[0].level == "error"
    assert "5.000,00" in figures.warnings[0].text


def test_interim_figures_count_receipts_up_to_the_date(plan):
    figures = budget.figures(plan, until=datetime.date(2026, 3, 30))
    assert figures.result.actual_total == 0
    assert figures.result.paid == 0


def test_staff_hours_give_the_amount(plan, treasurer):
    staff = plan.lines.get(key="personal")
    receipt = receipts.book(
        plan,
        {
            "number": "B-3",
            "date": datetime.date(2026, 6, 30),
            "line": staff,
            "amount": None,
            "payee": "Koordinatorin",
            "staff_hours": Decimal("100"),
            "annual_gross_costs": Decimal("55000"),
        },
        treasurer,
    )
    assert receipt.amount == Decimal("3197.67")


def test_flat_rate_line_is_computed_from_eligible_staff_costs(plan):
    plan.flat_rate_percent = Decimal("40")
    plan.save()
    BudgetLine.objects.create(
        plan=plan, key="rest", label="Restkosten", kind="flat_rate", planned=50000
    )
    lines = {line.key: line for line in budget.figures(plan).result.lines}
    assert lines["rest"].actual == Decimal("46000.00")  # 40 % of 115,000
    assert lines["rest"].eligible == Decimal("46000.00")


def test_receipts_cannot_be_deleted_within_the_retention_period(plan, treasurer):
    receipt = Receipt.objects.get(number="B-1")
    with pytest.raises(Refused, match="31.12.2037"):
        receipts.delete(receipt, treasurer)
    assert Receipt.objects.filter(pk=receipt.pk).exists()


CSV = (
    "Belegnummer;Datum;Betrag;Position;Empfänger;Zweck\n"
    "B-10;31.03.2026;1.290,50;sach;Druckerei Hahn;Flyer\n"
    "B-11;2026-04-02;80;Sachausgaben;Bahn;Fahrkarte\n"
)


def test_import_is_all_or_nothing_and_names_every_bad_row(plan, treasurer):
    bad = CSV + "B-12;32.13.2026;-5;reise;;\n"
    report = receipts.import_file(plan, "belege.csv", bad.encode("utf-8"), treasurer)
    assert not report.ok
    reasons = [str(error) for error in report.errors]
    assert any("Zeile 4, Datum" in reason for reason in reasons)
    assert any("Zeile 4, Betrag" in reason for reason in reasons)
    assert any("Zeile 4, Position" in reason for reason in reasons)
    assert any("Zeile 4, Empfänger" in reason for reason in reasons)
    assert plan.receipts.count() == 1


def test_import_books_german_numbers_and_dates(plan, treasurer):
    report = receipts.import_file(plan, "belege.csv", CSV.encode("cp1252"), treasurer)
    assert report.ok and report.created == 2
    assert plan.receipts.get(number="B-10").amount == Decimal("1290.50")


def test_import_refuses_a_receipt_number_twice(plan, treasurer):
    report = receipts.import_file(plan, "b.csv", CSV.replace("B-11", "B-1").encode(), treasurer)
    assert any("schon erfasst" in str(error) for error in report.errors)


def test_a_receipt_cannot_be_booked_on_another_plans_line(plan, treasurer, network_b):
    other = factories.network("Anderes Netz")
    from verbund.funding.models import FinancingPlan

    other_plan = FinancingPlan.objects.create(
        network=other,
        year=2026,
        funder="Land",
        period_start=plan.period_start,
        period_end=plan.period_end,
        project_end=plan.project_end,
        financing="festbetrag",
        fixed_amount=1000,
    )
    foreign = BudgetLine.objects.create(plan=other_plan, key="x", label="X", planned=10)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        receipts.book(
            plan,
            {
                "number": "B-9",
                "date": datetime.date(2026, 1, 2),
                "line": foreign,
                "amount": Decimal(1),
                "payee": "X",
            },
            treasurer,
        )
