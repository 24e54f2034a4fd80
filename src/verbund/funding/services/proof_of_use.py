"""The figures of the zahlenmäßiger Nachweis (numerical proof of use), computed in one place.

The batch command (``verbund networks proof-of-use``), the budget page, the PDF and the XLSX
all call :func:`compute`; it is pure (plain data in, plain data out) so that it can be
checked by hand and by an independent implementation. The rules are those of
``shared/domain/funding.md`` (ANBest-P Nr. 1.2, kinds of financing, co-financing):

- per line, the eligible amount is the actual spending, at most 120 % of the planned amount,
  and a line without a planned amount is not eligible at all;
- an overrun is eligible only as far as savings on other lines offset it, so the eligible
  total never exceeds the planned total; when the savings do not cover every overrun they
  are shared among the overrunning lines in proportion to their (capped) overruns;
- the grant follows the kind of financing and never exceeds the approved maximum;
- the part of the eligible total the grant does not carry is split between the co-funders
  by their key; ``balance`` = paid - grant (positive: the network pays back).

Amounts are ``Decimal`` throughout and rounded half up to the cent at the end. Where an
amount is divided (savings shared between lines, the co-funders' key), the cents are handed
out by the largest-remainder method so that the parts always add up to the whole: rounding
each part on its own could bill the districts a cent more or less than the rest. Whenever
rounding each part on its own already adds up, both methods give the same cents.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
OVERRUN_FACTOR = Decimal("1.2")  # ANBest-P Nr. 1.2: a line may exceed its plan by 20 %
SHARE_TOLERANCE = Decimal("0.000001")  # shares typed as 0.142857 for a seventh still add up


class Financing:
    """Kinds of financing (Finanzierungsart) by their interface codes."""

    SHARE = "anteil"  # Anteilsfinanzierung
    DEFICIT = "fehlbedarf"  # Fehlbedarfsfinanzierung
    FIXED = "festbetrag"  # Festbetragsfinanzierung
    ALL = (SHARE, DEFICIT, FIXED)


class ProofError(ValueError):
    """The input cannot be computed; the message names the item in German."""


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    planned: Decimal


@dataclass(frozen=True)
class Expenditure:
    line: str
    amount: Decimal
    date: datetime.date
    receipt: str = ""


@dataclass(frozen=True)
class Cofunder:
    name: str
    share: Decimal


@dataclass(frozen=True)
class ProofInput:
    financing: str
    lines: tuple[Line, ...]
    expenditures: tuple[Expenditure, ...]
    share: Decimal | None = None
    max_grant: Decimal | None = None
    fixed_amount: Decimal | None = None
    own_funds: Decimal = Decimal(0)
    third_party_funds: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    cofunders: tuple[Cofunder, ...] = ()


@dataclass(frozen=True)
class LineFigures:
    key: str
    label: str
    planned: Decimal
    actual: Decimal
    eligible: Decimal
    # What the 20 % rule allows at most on this line (0 for a line without a plan).
    ceiling: Decimal
    # Spending above the plan that savings elsewhere make eligible.
    offset_overrun: Decimal

    @property
    def not_eligible(self) -> Decimal:
        return self.actual - self.eligible

    @property
    def deviation(self) -> Decimal:
        return self.actual - self.planned

    @property
    def left(self) -> Decimal:
        """What may still be spent on this line before the 20 % ceiling (never negative)."""
        return max(self.ceiling - self.actual, Decimal(0))


@dataclass(frozen=True)
class CofunderFigures:
    name: str
    share: Decimal
    amount: Decimal


@dataclass(frozen=True)
class ProofResult:
    lines: tuple[LineFigures, ...]
    planned_total: Decimal
    actual_total: Decimal
    eligible_total: Decimal
    grant: Decimal
    paid: Decimal
    cofunders: tuple[CofunderFigures, ...] = field(default=())

    @property
    def balance(self) -> Decimal:
        """Paid minus due: positive is a refund (Rückforderung), negative a final payment."""
        return self.paid - self.grant

    @property
    def cofunded(self) -> Decimal:
        """The part of the eligible total the grant does not carry (split by the key)."""
        return self.eligible_total - self.grant

    @property
    def refund(self) -> Decimal:
        """What the network pays back (0 if nothing)."""
        return max(self.balance, Decimal(0))

    @property
    def final_payment(self) -> Decimal:
        """What the funder still pays (0 if nothing)."""
        return max(-self.balance, Decimal(0))

    @property
    def savings(self) -> Decimal:
        return sum((max(line.planned - line.actual, Decimal(0)) for line in self.lines), Decimal(0))

    def as_interface(self) -> dict:
        """The JSON object of the batch interface, exactly its keys (amounts as Decimal)."""
        return {
            "lines": [
                {
                    "key": line.key,
                    "planned": line.planned,
                    "actual": line.actual,
                    "eligible": line.eligible,
                    "not_eligible": line.not_eligible,
                }
                for line in self.lines
            ],
            "eligible_total": self.eligible_total,
            "grant": self.grant,
            "paid": self.paid,
            "balance": self.balance,
            "cofunders": [{"name": c.name, "amount": c.amount} for c in self.cofunders],
        }


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def split_by_key(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """``total`` (whole cents) split by ``weights`` so that the cents add up to ``total``.

    Largest remainder: every part is first cut down to the cent, the cents left over go to
    the parts with the largest cut-off remainder (the earlier one on a tie).
    """
    weight_sum = sum(weights, Decimal(0))
    if total == 0 or weight_sum == 0:
        return [Decimal("0.00") for _weight in weights]
    exact = [total * weight / weight_sum for weight in weights]
    floors = [amount.quantize(CENT, rounding=ROUND_DOWN) for amount in exact]
    left_cents = int(((total - sum(floors, Decimal(0))) / CENT).to_integral_value(ROUND_HALF_UP))
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in order[:left_cents]:
        floors[index] += CENT
    return floors


def _eligible_lines(lines, actual_by_line) -> list[LineFigures]:
    capped = {}
    for line in lines:
        actual = actual_by_line.get(line.key, Decimal(0))
        ceiling = line.planned * OVERRUN_FACTOR if line.planned > 0 else Decimal(0)
        capped[line.key] = (actual, ceiling, min(actual, ceiling))
    overruns = {
        key: max(eligible - line.planned, Decimal(0))
        for line in lines
        for key, (_actual, _ceiling, eligible) in [(line.key, capped[line.key])]
    }
    savings = sum(
        (max(line.planned - capped[line.key][0], Decimal(0)) for line in lines), Decimal(0)
    )
    total_overrun = sum(overruns.values(), Decimal(0))
    if total_overrun <= savings:
        offset = overruns
    else:
        keys = [line.key for line in lines]
        shared = split_by_key(cents(savings), [overruns[key] for key in keys])
        offset = dict(zip(keys, shared, strict=True))
    figures = []
    for line in lines:
        actual, ceiling, eligible = capped[line.key]
        if overruns[line.key] > 0:
            eligible = line.planned + offset[line.key]
        figures.append(
            LineFigures(
                key=line.key,
                label=line.label,
                planned=cents(line.planned),
                actual=cents(actual),
                eligible=cents(eligible),
                ceiling=cents(ceiling),
                offset_overrun=cents(offset[line.key]),
            )
        )
    return figures


def _grant(data: ProofInput, eligible_total: Decimal) -> Decimal:
    if data.financing == Financing.SHARE:
        grant = eligible_total * data.share
    elif data.financing == Financing.DEFICIT:
        grant = eligible_total - data.own_funds - data.third_party_funds
    else:
        grant = min(data.fixed_amount, eligible_total)
    if data.max_grant is not None:
        grant = min(grant, data.max_grant)
    return cents(max(grant, Decimal(0)))


def compute(data: ProofInput) -> ProofResult:
    """The zahlenmäßiger Nachweis of ``data`` (see the module's docstring for the rules)."""
    actual_by_line: dict[str, Decimal] = {}
    for expenditure in data.expenditures:
        actual_by_line[expenditure.line] = (
            actual_by_line.get(expenditure.line, Decimal(0)) + expenditure.amount
        )
    lines = _eligible_lines(data.lines, actual_by_line)
    eligible_total = sum((line.eligible for line in lines), Decimal(0))
    grant = _grant(data, eligible_total)
    rest = eligible_total - grant
    amounts = split_by_key(rest, [cofunder.share for cofunder in data.cofunders])
    cofunders = tuple(
        CofunderFigures(name=cofunder.name, share=cofunder.share, amount=amount)
        for cofunder, amount in zip(data.cofunders, amounts, strict=True)
    )
    return ProofResult(
        lines=tuple(lines),
        planned_total=sum((line.planned for line in lines), Decimal(0)),
        actual_total=sum((line.actual for line in lines), Decimal(0)),
        eligible_total=eligible_total,
        grant=grant,
        paid=cents(data.paid),
        cofunders=cofunders,
    )


# --- reading the batch interface's JSON -------------------------------------------------


def _amount(value, where: str, *, allow_none=False, negative=False) -> Decimal | None:
    if value is None:
        if allow_none:
            return None
        raise ProofError(_("%(where)s: Betrag fehlt.") % {"where": where})
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise ProofError(
            _("%(where)s: »%(value)s« ist kein Betrag.") % {"where": where, "value": value}
        )
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ProofError(
            _("%(where)s: »%(value)s« ist kein Betrag.") % {"where": where, "value": value}
        ) from None
    if not amount.is_finite():
        raise ProofError(
            _("%(where)s: »%(value)s« ist kein Betrag.") % {"where": where, "value": value}
        )
    if amount < 0 and not negative:
        raise ProofError(_("%(where)s: Der Betrag darf nicht negativ sein.") % {"where": where})
    if abs(amount) >= Decimal("1e12"):
        raise ProofError(_("%(where)s: Der Betrag ist unrealistisch groß.") % {"where": where})
    return amount


def _require(mapping: dict, key: str, where: str):
    if not isinstance(mapping, dict):
        raise ProofError(_("%(where)s: ein JSON-Objekt wird erwartet.") % {"where": where})
    if key not in mapping:
        raise ProofError(
            _("%(where)s: Das Feld »%(field)s« fehlt.") % {"where": where, "field": key}
        )
    return mapping[key]


def _list(value, where: str) -> list:
    if not isinstance(value, list):
        raise ProofError(_("%(where)s: eine Liste wird erwartet.") % {"where": where})
    return value


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ProofError(_("%(where)s: Text fehlt.") % {"where": where})
    if "\x00" in value:
        raise ProofError(_("%(where)s: unzulässiges Zeichen.") % {"where": where})
    return value.strip()


def _lines(raw) -> tuple[Line, ...]:
    lines = []
    seen = set()
    for number, item in enumerate(_list(raw, _("Positionen")), start=1):
        where = _("Position %(number)s") % {"number": number}
        key = _text(_require(item, "key", where), where + " (key)")
        where = _("Position %(number)s (»%(key)s«)") % {"number": number, "key": key}
        if key in seen:
            raise ProofError(_("%(where)s: Der Schlüssel kommt doppelt vor.") % {"where": where})
        seen.add(key)
        label = _text(_require(item, "label", where), where + " (label)")
        planned = _amount(_require(item, "planned", where), where + " (planned)")
        lines.append(Line(key=key, label=label, planned=planned))
    if not lines:
        raise ProofError(_("Positionen: Der Finanzierungsplan braucht mindestens eine Position."))
    return tuple(lines)


def _expenditures(raw, line_keys) -> tuple[Expenditure, ...]:
    expenditures = []
    for number, item in enumerate(_list(raw, _("Ausgaben")), start=1):
        receipt = item.get("receipt") if isinstance(item, dict) else None
        receipt = str(receipt).strip() if receipt not in (None, "") else ""
        if receipt:
            where = _("Ausgabe %(number)s (Beleg %(receipt)s)") % {
                "number": number,
                "receipt": receipt,
            }
        else:
            where = _("Ausgabe %(number)s") % {"number": number}
        line = _text(_require(item, "line", where), where + " (line)")
        if line not in line_keys:
            raise ProofError(
                _("%(where)s: Die Position »%(line)s« steht nicht im Finanzierungsplan.")
                % {"where": where, "line": line}
            )
        amount = _amount(_require(item, "amount", where), where + " (amount)")
        raw_date = _require(item, "date", where)
        try:
            date = datetime.date.fromisoformat(str(raw_date))
        except ValueError:
            raise ProofError(
                _("%(where)s: »%(value)s« ist kein Datum (JJJJ-MM-TT).")
                % {"where": where, "value": raw_date}
            ) from None
        expenditures.append(Expenditure(line=line, amount=amount, date=date, receipt=receipt))
    return tuple(expenditures)


def _cofunders(raw) -> tuple[Cofunder, ...]:
    cofunders = []
    for number, item in enumerate(_list(raw, _("Kofinanzierer")), start=1):
        where = _("Kofinanzierer %(number)s") % {"number": number}
        name = _text(_require(item, "name", where), where + " (name)")
        where = _("Kofinanzierer %(number)s (%(name)s)") % {"number": number, "name": name}
        share = _amount(_require(item, "share", where), where + " (share)")
        cofunders.append(Cofunder(name=name, share=share))
    if cofunders:
        total = sum((cofunder.share for cofunder in cofunders), Decimal(0))
        if abs(total - 1) > SHARE_TOLERANCE:
            raise ProofError(
                _("Kofinanzierer: Die Anteile ergeben zusammen %(total)s statt 1.")
                % {"total": total}
            )
    return tuple(cofunders)


def read_input(data: dict) -> ProofInput:
    """The batch interface's input object as a :class:`ProofInput`, or ``ProofError``."""
    if not isinstance(data, dict):
        raise ProofError(_("Die Datei muss ein JSON-Objekt enthalten."))
    financing = _require(data, "financing", _("Eingabe"))
    if financing not in Financing.ALL:
        raise ProofError(
            _("financing: »%(value)s« ist keine Finanzierungsart (anteil, fehlbedarf, festbetrag).")
            % {"value": financing}
        )
    share = fixed_amount = None
    if financing == Financing.SHARE:
        share = _amount(_require(data, "share", _("Eingabe")), "share")
        if share > 1:
            raise ProofError(_("share: Der Förderanteil liegt zwischen 0 und 1."))
    if financing == Financing.FIXED:
        fixed_amount = _amount(_require(data, "fixed_amount", _("Eingabe")), "fixed_amount")
    max_grant = _amount(data.get("max_grant"), "max_grant", allow_none=True)
    if financing != Financing.FIXED and max_grant is None:
        raise ProofError(_("max_grant: Der bewilligte Höchstbetrag fehlt."))
    lines = _lines(_require(data, "lines", _("Eingabe")))
    expenditures = _expenditures(
        _require(data, "expenditures", _("Eingabe")), {line.key for line in lines}
    )
    income = _require(data, "income", _("Eingabe"))
    own = _amount(_require(income, "own", "income"), "income.own")
    third_party = _amount(_require(income, "third_party", "income"), "income.third_party")
    paid = _amount(_require(data, "paid", _("Eingabe")), "paid")
    cofunders = _cofunders(_require(data, "cofunders", _("Eingabe")))
    return ProofInput(
        financing=financing,
        lines=lines,
        expenditures=expenditures,
        share=share,
        max_grant=max_grant,
        fixed_amount=fixed_amount,
        own_funds=own,
        third_party_funds=third_party,
        paid=paid,
        cofunders=cofunders,
    )


def to_json(value, indent: int = 2, _level: int = 0) -> str:
    """JSON with every ``Decimal`` written with two decimals (``650000.00``), as specified."""
    import json

    pad = " " * (indent * (_level + 1))
    end = " " * (indent * _level)
    if isinstance(value, Decimal):
        return f"{cents(value):.2f}"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [
            f"{pad}{json.dumps(key, ensure_ascii=False)}: {to_json(item, indent, _level + 1)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = [f"{pad}{to_json(item, indent, _level + 1)}" for item in value]
        return "[\n" + ",\n".join(items) + "\n" + end + "]"
    return json.dumps(value, ensure_ascii=False)
