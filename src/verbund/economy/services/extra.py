"""The chambers' extra questions and the free texts, summarised for a report.

Choice questions become counts and weighted shares per option, numbers pooled figures
(firms, weighted mean, sum); both are protected like every other table of the survey: no
cell of fewer than five firms, the dominance rule, and for a single choice complementary
suppression (one hidden option could otherwise be got back from the others). The weights
are the DIHK weights of ``method.weight``. Free texts are not figures: they are read by the
economists of the wave's chambers only and reach a published report only as the quotes
the economists choose (``Report.quotes``).
"""

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from verbund.economy import choices, method
from verbund.economy.models import Answer, ExtraQuestion, Wave
from verbund.needs.services import suppression

Kind = ExtraQuestion.Kind
MAX_TEXTS = 200  # free texts listed per question on the page (newest first)


def _rows(wave: Wave, chamber_id: int | None):
    rows = Answer.objects.filter(wave=wave, status=Answer.Status.SUBMITTED)
    if chamber_id is not None:
        rows = rows.filter(chamber_id=chamber_id)
    rows = rows.exclude(extra_answers={})
    return list(
        rows.values_list("firm_id", "chamber_id", "employees", "extra_answers", "free_text")
    )


def _reason_label(cell: suppression.Cell) -> str:
    code = method._reason(cell)
    return str(choices.SUPPRESSION_REASONS.get(code, code)) if code else ""


def _choice_summary(question: ExtraQuestion, answered: list) -> dict:
    """``answered``: [(firm, employees, value)]; a value is an option index or a list of them."""
    labels = question.option_labels("de")
    multiple = question.kind == Kind.MULTI
    total_weight = sum(method.weight(employees) for _firm, employees, _value in answered)
    chosen: dict[str, list] = defaultdict(list)
    for firm, employees, value in answered:
        for option in value if isinstance(value, list) else [value]:
            chosen[str(option)].append((firm, employees))
    options = [str(i) for i in range(len(labels))]
    if multiple:  # firms tick several options: every option is a table of its own
        tables = {
            option: suppression.protected_table(
                ((str(f), ("x",), e or 0, 1) for f, e in chosen[option]), ("x",)
            ).grand_total
            for option in options
        }
        cells = tables
    else:  # one option per firm: complementary suppression across the options
        table = suppression.protected_table(
            (
                (str(firm), (str(value),), employees or 0, 1)
                for firm, employees, value in answered
                if str(value) in options
            ),
            ("option",),
        )
        cells = {option: table.cells.get((option,)) for option in options}
    rows = []
    for option, label in zip(options, labels, strict=True):
        cell = cells.get(option)
        firms = chosen[option]
        if cell is None or not firms:  # nobody chose it: a true zero discloses nobody
            rows.append({"label": label, "hidden": False, "firms": 0, "share": 0.0})
            continue
        if cell.hidden:
            rows.append(
                {"label": label, "hidden": True, "reason": _reason_label(cell), "firms": None}
            )
            continue
        weight = sum(method.weight(employees) for _f, employees in firms)
        rows.append(
            {
                "label": label,
                "hidden": False,
                "firms": len(firms),
                "share": method.round1(100 * weight / total_weight) if total_weight else None,
            }
        )
    return {"options": rows}


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def _number_summary(answered: list) -> dict:
    values = [(firm, employees, _number(value)) for firm, employees, value in answered]
    values = [(f, e, v) for f, e, v in values if v is not None]
    total = sum((v for _f, _e, v in values), Decimal(0))
    largest = max((abs(v) for _f, _e, v in values), default=Decimal(0))
    cell = suppression.Cell(("all",), len(values), int(abs(total)), 0, int(largest))
    if len(values) < suppression.MIN_COMPANIES or suppression.is_sensitive(cell):
        few = len(values) < suppression.MIN_COMPANIES
        reason = method.REASON_FEW if few else method.REASON_DOMINANT
        return {"hidden": True, "reason": str(choices.SUPPRESSION_REASONS.get(reason, reason))}
    weights = sum(method.weight(e) for _f, e, _v in values)
    weighted = sum((method.weight(e) * v for _f, e, v in values), Decimal(0))
    return {
        "hidden": False,
        "firms": len(values),
        "mean": method.round1(float(weighted / weights)),
        "sum": method.round1(float(total)),
    }


def extra_figures(wave: Wave, chamber_id: int | None = None, rows=None) -> list[dict]:
    """The protected summary of every choice and number question of the wave."""
    questions = wave.extra_questions.select_related("chamber").exclude(kind=Kind.TEXT)
    if chamber_id is not None:
        questions = questions.filter(chamber_id=chamber_id)
    questions = list(questions)
    if not questions:  # most waves: no answer needs to be read
        return []
    rows = _rows(wave, chamber_id) if rows is None else rows
    result = []
    for question in questions:
        key = str(question.pk)
        answered = [
            (firm, employees, answers[key])
            for firm, chamber, employees, answers, _text in rows
            if chamber == question.chamber_id and answers and answers.get(key) not in (None, "")
        ]
        summary = {
            "question": question.text_de,
            "chamber": str(question.chamber.short_name or question.chamber),
            "kind": question.kind,
            "answered": len(answered),
        }
        if question.kind == Kind.NUMBER:
            summary.update(_number_summary(answered))
        else:
            summary.update(_choice_summary(question, answered))
        result.append(summary)
    return result


def free_texts(wave: Wave, chamber_ids) -> list[dict]:
    """The free texts (standard question and text extra questions) of firms of ``chamber_ids``.

    For the economists of those chambers only: never part of a snapshot or a public page.
    """
    rows = (
        Answer.objects.filter(wave=wave, status=Answer.Status.SUBMITTED, chamber_id__in=chamber_ids)
        .order_by("-submitted_at", "-pk")
        .values_list("chamber_id", "extra_answers", "free_text")
    )
    questions = list(
        wave.extra_questions.filter(kind=Kind.TEXT, chamber_id__in=chamber_ids).select_related(
            "chamber"
        )
    )
    groups = [{"question": "", "texts": []}] + [
        {"question": q.text_de, "chamber": str(q.chamber.short_name or q.chamber), "texts": []}
        for q in questions
    ]
    for _chamber, answers, text in rows:
        if text.strip() and len(groups[0]["texts"]) < MAX_TEXTS:
            groups[0]["texts"].append(text.strip())
        for group, question in zip(groups[1:], questions, strict=True):
            value = (answers or {}).get(str(question.pk))
            if value and str(value).strip() and len(group["texts"]) < MAX_TEXTS:
                group["texts"].append(str(value).strip())
    return [group for group in groups if group["texts"]]
