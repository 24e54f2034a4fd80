"""Receipts (Belege): booked by hand or imported from CSV/XLSX, kept for ten years.

Every receipt is written through ``core.services.editing`` (validated, audited). An import
goes through the one reading layer (``core.services.tabular``) and is all-or-nothing: every
bad row is reported with its line, column and reason, and nothing is written unless every
row is valid. A receipt cannot be deleted before the end of the retention period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import access, editing, tabular
from verbund.core.services.tabular import RowError
from verbund.funding.models import BudgetLine, FinancingPlan, Receipt
from verbund.funding.services.simplified_costs import staff_costs

# Column names accepted in an import (lower case), first the canonical one.
COLUMNS = {
    "number": ("belegnummer", "beleg", "nummer", "receipt"),
    "date": ("datum", "belegdatum", "date"),
    "amount": ("betrag", "amount"),
    "line": ("position", "ausgabenposition", "line"),
    "payee": ("empfänger", "empfaenger", "zahlungsempfänger", "payee"),
    "purpose": ("zweck", "verwendungszweck", "purpose"),
}
REQUIRED = ("number", "date", "amount", "line", "payee")


def booking_lines(plan: FinancingPlan):
    """Lines a receipt may be booked on (the flat rate is computed, never booked)."""
    return plan.lines.exclude(kind=BudgetLine.Kind.FLAT_RATE)


def book(plan: FinancingPlan, data: dict, user, receipt: Receipt | None = None) -> Receipt:
    """Create or change a receipt of ``plan``; staff hours give the amount (ESF Art. 55)."""
    receipt = receipt or Receipt(plan=plan, entered_by=user)
    data = dict(data)
    line = data.get("line")
    if line is not None and (line.plan_id != plan.pk or line.kind == BudgetLine.Kind.FLAT_RATE):
        raise ValidationError({"line": _("Auf diese Position können keine Belege gebucht werden.")})
    hours, annual = data.get("staff_hours"), data.get("annual_gross_costs")
    if (hours is None) != (annual is None):
        raise ValidationError(
            _("Für Personalkosten nach Stundensatz braucht es Stunden und Jahresbruttokosten.")
        )
    if hours is not None:
        data["amount"] = staff_costs(annual, hours)
    if data.get("amount") is None:
        raise ValidationError({"amount": _("Bitte einen Betrag angeben.")})
    # The file is set on the row, and only its name goes into the audit entry.
    upload = data.pop("file", None)
    extra = None
    if upload:
        receipt.file = upload
        extra = {"file": upload.name}
    elif upload is False:  # "clear" ticked in the form
        receipt.file = ""
        extra = {"file": ""}
    return editing.save_changes(receipt, data, user, "funding.receipt", extra_audit=extra)


def may_delete(receipt: Receipt) -> bool:
    return timezone.localdate() > receipt.plan.retention_until


def delete(receipt: Receipt, user) -> None:
    """Delete a receipt only after its retention period (10 years after the project's end)."""
    if not may_delete(receipt):
        raise access.Refused(
            _(
                "Belege werden bis %(date)s aufbewahrt und können bis dahin nicht gelöscht "
                "werden. Ein falscher Beleg wird berichtigt, nicht gelöscht."
            )
            % {"date": receipt.plan.retention_until.strftime("%d.%m.%Y")}
        )
    editing.delete_object(receipt, user, "funding.receipt")


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    lowered = [name.strip().lower() for name in header]
    found, errors = {}, []
    for name, spellings in COLUMNS.items():
        for spelling in spellings:
            if spelling in lowered:
                found[name] = lowered.index(spelling)
                break
        else:
            if name in REQUIRED:
                errors.append(RowError(1, spellings[0].capitalize(), _("Die Spalte fehlt.")))
    return found, errors


def import_file(
    plan: FinancingPlan, filename: str, content: bytes, user, *, dry_run: bool = False
) -> ImportReport:
    """Import receipts from a CSV/XLSX file: all rows or none."""
    report = ImportReport(dry_run=dry_run)
    try:
        table = tabular.read_table(filename, content)
    except tabular.FileError as error:
        report.errors.append(RowError(0, "", str(error)))
        return report
    columns, report.errors = _columns(table.header)
    if report.errors:
        return report
    lines = {}
    for line in booking_lines(plan):
        lines[line.key.lower()] = line
        lines[line.label.lower()] = line
    known_numbers = set(plan.receipts.values_list("number", flat=True))
    parsed = []
    for number, cells in table.rows:
        report.rows += 1

        def cell(name, cells=cells):
            index = columns.get(name)
            return (
                tabular.cell_text(cells[index]) if index is not None and index < len(cells) else ""
            )

        row, problems = _parse_row(number, cell, lines, known_numbers)
        report.errors.extend(problems)
        if not problems:
            known_numbers.add(row["number"])
            parsed.append(row)
    if report.errors or dry_run:
        return report
    with transaction.atomic():
        for row in parsed:
            book(plan, row, user)
            report.created += 1
    return report


def _parse_row(number, cell, lines, known_numbers):
    problems = []
    row = {}
    receipt_number = cell("number")
    if not receipt_number:
        problems.append(RowError(number, _("Belegnummer"), _("fehlt")))
    elif receipt_number in known_numbers:
        problems.append(
            RowError(number, _("Belegnummer"), _("%(n)s ist schon erfasst") % {"n": receipt_number})
        )
    row["number"] = receipt_number[:40]
    try:
        row["date"] = tabular.parse_date(cell("date"))
    except ValueError:
        problems.append(
            RowError(number, _("Datum"), _("»%(v)s« ist kein Datum") % {"v": cell("date")})
        )
    try:
        amount = tabular.parse_decimal(cell("amount"))
        if amount < 0 or amount >= Decimal("1e12"):
            raise ValueError(amount)
        row["amount"] = amount.quantize(Decimal("0.01"))
    except (ValueError, ArithmeticError):
        problems.append(
            RowError(number, _("Betrag"), _("»%(v)s« ist kein Betrag") % {"v": cell("amount")})
        )
    line = lines.get(cell("line").lower())
    if line is None:
        problems.append(
            RowError(
                number,
                _("Position"),
                _("»%(v)s« ist keine Position des Plans") % {"v": cell("line")},
            )
        )
    row["line"] = line
    row["payee"] = cell("payee")[:200]
    if not row["payee"]:
        problems.append(RowError(number, _("Empfänger"), _("fehlt")))
    row["purpose"] = cell("purpose")[:300]
    return row, problems
