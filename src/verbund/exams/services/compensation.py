"""Compensation of examiners (JVEG-based chamber rules): compute, claim, approve, export.

Every *started* hour counts (2.25 h -> 3 h), travel and waiting time included, capped at
the chamber's hours per day; travel per km; a daily allowance per exam day. Rates come
from the chamber's RateTable of the sitting's year, never from code.
"""

import csv
import io
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.core.services.spreadsheet import csv_row, xlsx_row
from verbund.exams.models import Assignment, Claim, RateTable

CENT = Decimal("0.01")


class CompensationError(Exception):
    pass


@dataclass(frozen=True)
class Amounts:
    hours_paid: int
    loss: Decimal
    travel: Decimal
    allowance: Decimal

    @property
    def total(self) -> Decimal:
        return self.loss + self.travel + self.allowance


def compute(rates: RateTable, hours: Decimal, km: Decimal) -> Amounts:
    """The compensation for one exam day."""
    started = math.ceil(Decimal(hours)) if hours > 0 else 0
    paid = min(started, rates.cap_hours_per_day)
    return Amounts(
        hours_paid=paid,
        loss=(rates.hourly_loss * paid).quantize(CENT, ROUND_HALF_UP),
        travel=(rates.travel_per_km * Decimal(km)).quantize(CENT, ROUND_HALF_UP),
        allowance=rates.daily_allowance.quantize(CENT, ROUND_HALF_UP),
    )


def rates_for(assignment) -> RateTable:
    sitting = assignment.sitting
    rates = RateTable.objects.filter(
        chamber=sitting.board.chamber_id, year=sitting.date.year
    ).first()
    if rates is None:
        raise CompensationError(
            _("Für %(chamber)s sind für %(year)s keine Entschädigungssätze hinterlegt.")
            % {"chamber": sitting.board.chamber, "year": sitting.date.year}
        )
    return rates


def submit(assignment, hours, km, user) -> Claim:
    if assignment.declined or not assignment.published:
        raise CompensationError(_("Für diesen Einsatz kann keine Entschädigung beantragt werden."))
    if assignment.sitting.date > timezone.localdate():
        raise CompensationError(_("Eine Abrechnung ist erst nach dem Prüfungstag möglich."))
    rates = rates_for(assignment)
    amounts = compute(rates, Decimal(hours), Decimal(km))
    with transaction.atomic():
        # lock, recount, write: one claim per assignment even when submitted twice at once
        Assignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if Claim.objects.filter(assignment=assignment.pk).exists():
            raise CompensationError(ALREADY_CLAIMED())
        try:
            with transaction.atomic():
                claim = _create_claim(assignment, hours, km, amounts, rates)
        except IntegrityError as error:  # SQLite: the unique assignment decides
            raise CompensationError(ALREADY_CLAIMED()) from error
        audit.record(claim, "exams.claim.submitted", user=user, data={"total": str(claim.total)})
    return claim


def ALREADY_CLAIMED() -> str:  # noqa: N802 - a message, translated at call time
    return _("Für diesen Einsatz liegt bereits ein Antrag vor.")


def _create_claim(assignment, hours, km, amounts, rates) -> Claim:
    return Claim.objects.create(
        assignment=assignment,
        hours=hours,
        km=km,
        loss_amount=amounts.loss,
        travel_amount=amounts.travel,
        allowance_amount=amounts.allowance,
        total=amounts.total,
        currency=rates.currency,
    )


def decide(claim, approve: bool, user, reason: str = "") -> Claim:
    """Approve or reject once: a conditional update, so a second decision (also one made
    at the same moment in another window) is refused instead of overwriting the first.
    A rejection needs a reason (the examiner reads it)."""
    status = Claim.Status.APPROVED if approve else Claim.Status.REJECTED
    reason = "" if approve else reason.strip()
    if not approve and not reason:
        raise CompensationError(_("Bitte begründen Sie die Ablehnung."))
    now = timezone.now()
    with transaction.atomic():
        decided = Claim.objects.filter(pk=claim.pk, status=Claim.Status.SUBMITTED).update(
            status=status, decided_at=now, decided_by=user, rejection_reason=reason
        )
        if not decided:
            raise CompensationError(_("Über diesen Antrag wurde bereits entschieden."))
        claim.status, claim.decided_at, claim.decided_by = status, now, user
        claim.rejection_reason = reason
        data = {"total": str(claim.total)}
        if reason:
            data["reason"] = reason
        audit.record(claim, f"exams.claim.{status}", user=user, data=data)
    return claim


EXPORT_HEADER = [
    "Antrag",
    "Prüfer/in",
    "Termin",
    "Datum",
    "Stunden",
    "km",
    "Verdienstausfall",
    "Fahrtkosten",
    "Tagegeld",
    "Summe",
    "Währung",
]


def export_rows(claims):
    for claim in claims:
        sitting = claim.assignment.sitting
        yield [
            claim.pk,
            claim.assignment.examiner.person.full_name,
            sitting.code,
            sitting.date.isoformat(),
            str(claim.hours),
            str(claim.km),
            str(claim.loss_amount),
            str(claim.travel_amount),
            str(claim.allowance_amount),
            str(claim.total),
            claim.currency,
        ]


def export_csv(claims) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(EXPORT_HEADER)
    writer.writerows(csv_row(row) for row in export_rows(claims))
    return buffer.getvalue()


def export_xlsx(claims) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Auszahlung"
    sheet.append(EXPORT_HEADER)
    for row in export_rows(claims):
        sheet.append(xlsx_row(sheet, [*row[:4], *(Decimal(v) for v in row[4:10]), row[10]]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
