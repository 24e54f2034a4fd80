"""Budget against spending of a stored financing plan, with the code of the batch interface.

The receipts are summed per line by the database (one aggregate query, however many
receipts a plan has), then ``proof_of_use.compute`` applies the rules. The budget page, the
proof of use (page, PDF, XLSX) and the co-funder bills all read ``figures(plan)``.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from verbund.funding.models import BudgetLine, FinancingPlan, FundsCall, Receipt
from verbund.funding.services import proof_of_use
from verbund.funding.services.proof_of_use import (
    Cofunder,
    Expenditure,
    ProofInput,
    ProofResult,
    cents,
)
from verbund.funding.services.simplified_costs import flat_rate_costs

# A line is flagged once its spending reaches this part of what the 20 % rule allows.
WARN_AT = Decimal("0.9")


@dataclass(frozen=True)
class LineWarning:
    line: str
    level: str  # "warn" (close to the limit) or "error" (past it)
    text: str


@dataclass(frozen=True)
class Budget:
    plan: FinancingPlan
    result: ProofResult
    warnings: tuple[LineWarning, ...]
    called: Decimal
    received: Decimal
    until: datetime.date | None

    @property
    def open_calls(self) -> Decimal:
        return self.called - self.received


def _spent_by_line(plan, until) -> dict[int, Decimal]:
    receipts = Receipt.objects.filter(plan=plan)
    if until is not None:
        receipts = receipts.filter(date__lte=until)
    rows = receipts.values("line_id").annotate(total=Sum("amount")).order_by()
    return {row["line_id"]: row["total"] or Decimal(0) for row in rows}


def plan_input(plan: FinancingPlan, *, until: datetime.date | None = None) -> ProofInput:
    """The plan and its receipts (up to ``until``) as the batch interface's input."""
    lines = list(plan.lines.all())
    spent = _spent_by_line(plan, until)
    proof_lines = tuple(
        proof_of_use.Line(key=line.key, label=line.label, planned=line.planned) for line in lines
    )
    expenditures = [
        Expenditure(line=line.key, amount=spent[line.pk], date=plan.period_end)
        for line in lines
        if line.kind != BudgetLine.Kind.FLAT_RATE and spent.get(line.pk)
    ]
    flat_lines = [line for line in lines if line.kind == BudgetLine.Kind.FLAT_RATE]
    calls = FundsCall.objects.filter(plan=plan)
    if until is not None:
        calls = calls.filter(received_on__lte=until)
    paid = calls.aggregate(total=Sum("received_amount"))["total"] or Decimal(0)
    data = ProofInput(
        financing=plan.financing,
        lines=proof_lines,
        expenditures=tuple(expenditures),
        share=plan.share,
        max_grant=plan.max_grant,
        fixed_amount=plan.fixed_amount,
        own_funds=plan.own_funds,
        third_party_funds=plan.third_party_funds,
        paid=paid,
        cofunders=tuple(
            Cofunder(name=cofunder.name, share=Decimal(str(cofunder.share_percent)) / 100)
            for cofunder in plan.cofunders.all()
        ),
    )
    if flat_lines and plan.flat_rate_percent:
        # The flat rate is a share of the *eligible* direct staff costs: compute those first.
        staff_keys = {line.key for line in lines if line.kind == BudgetLine.Kind.STAFF}
        first = proof_of_use.compute(data)
        eligible_staff = sum(
            (line.eligible for line in first.lines if line.key in staff_keys), Decimal(0)
        )
        flat = flat_rate_costs(eligible_staff, plan.flat_rate_percent)
        data = ProofInput(
            **{
                **data.__dict__,
                "expenditures": data.expenditures
                + (Expenditure(line=flat_lines[0].key, amount=flat, date=plan.period_end),),
            }
        )
    return data


def _warnings(result: ProofResult) -> tuple[LineWarning, ...]:
    warnings = []
    for line in result.lines:
        if line.planned == 0 and line.actual > 0:
            warnings.append(
                LineWarning(
                    line.key,
                    "error",
                    _("%(line)s: Ausgaben ohne geplanten Betrag sind nicht förderfähig.")
                    % {"line": line.label},
                )
            )
        elif line.actual > line.ceiling:
            warnings.append(
                LineWarning(
                    line.key,
                    "error",
                    _("%(line)s liegt über der 20-%%-Grenze: %(amount)s € sind nicht förderfähig.")
                    % {"line": line.label, "amount": _money(line.actual - line.ceiling)},
                )
            )
        elif line.not_eligible > 0:
            warnings.append(
                LineWarning(
                    line.key,
                    "error",
                    _(
                        "%(line)s: Die Überschreitung ist nicht durch Einsparungen bei anderen "
                        "Positionen gedeckt; %(amount)s € sind nicht förderfähig."
                    )
                    % {"line": line.label, "amount": _money(line.not_eligible)},
                )
            )
        elif (
            line.planned > 0
            and line.actual >= line.ceiling * WARN_AT
            and line.actual > line.planned
        ):
            warnings.append(
                LineWarning(
                    line.key,
                    "warn",
                    _(
                        "%(line)s nähert sich der 20-%%-Grenze: noch %(amount)s € bis zur "
                        "Höchstgrenze."
                    )
                    % {"line": line.label, "amount": _money(line.left)},
                )
            )
    return tuple(warnings)


def _money(amount: Decimal) -> str:
    from verbund.core.services.numbers import format_number

    return format_number(cents(amount), 2)


def figures(plan: FinancingPlan, *, until: datetime.date | None = None) -> Budget:
    """Budget against spending of ``plan``, from its receipts up to ``until`` (all if None)."""
    result = proof_of_use.compute(plan_input(plan, until=until))
    calls = plan.calls.all()
    called = sum((call.amount for call in calls), Decimal(0))
    received = sum((call.received_amount or Decimal(0) for call in calls), Decimal(0))
    return Budget(
        plan=plan,
        result=result,
        warnings=_warnings(result),
        called=cents(called),
        received=cents(received),
        until=until,
    )
