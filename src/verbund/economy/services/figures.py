"""The figures of a wave from the database: the same ``method`` functions the CLI uses.

Answers are read as plain rows (``values_list``), turned into ``method.FirmAnswer`` and
pooled; the result is a JSON-ready dict that the page, the PDF, the XLSX, the API and the
frozen report versions all share. Hidden cells carry ``None`` and the reason, never a
number.
"""

from django.db.models import Case, Count, Max, Q, Sum, Value, When
from django.utils.translation import gettext as _

from verbund.core.models import Organization, Region
from verbund.economy import choices, method
from verbund.economy.models import Answer, Wave
from verbund.economy.services import protection

ANSWER_FIELDS = (
    "firm_id",
    "chamber_id",
    "district_id",
    "wz",
    "employees",
    "lage",
    "erwartungen",
    "exporte",
    "investitionen",
    "beschaeftigung",
    "risiken",
)


def firm_answers(waves, chamber_id: int | None = None) -> dict[int, list[method.FirmAnswer]]:
    """The submitted answers of ``waves`` (ids or a queryset), grouped by wave id."""
    rows = Answer.objects.filter(wave__in=waves, status=Answer.Status.SUBMITTED)
    if chamber_id is not None:
        rows = rows.filter(chamber_id=chamber_id)
    result: dict[int, list[method.FirmAnswer]] = {}
    for wave_id, *row in rows.values_list("wave_id", *ANSWER_FIELDS).order_by("wave_id", "pk"):
        firm, chamber, district, wz, employees, lage, erw, exp, inv, emp, risks = row
        result.setdefault(wave_id, []).append(
            method.FirmAnswer(
                str(firm),
                str(chamber),
                str(district or ""),
                wz,
                employees,
                lage,
                erw,
                exp,
                inv,
                emp,
                tuple(risks or ()),
            )  # fmt: skip
        )
    return result


def _labels(dimension: str, groups) -> dict[str, str]:
    if dimension == "sector":
        return {key: str(choices.SECTOR_LABELS.get(key, key)) for key in groups}
    if dimension == "size":
        return {key: str(choices.SIZE_LABELS.get(key, key)) for key in groups}
    ids = [int(key) for key in groups if key.isdigit()]
    if dimension == "chamber":
        names = {
            str(pk): short or name
            for pk, short, name in Organization.objects.filter(pk__in=ids).values_list(
                "pk", "short_name", "name"
            )
        }
    else:
        names = {
            str(pk): name
            for pk, name in Region.objects.filter(pk__in=ids).values_list("pk", "name")
        }
    return {key: names.get(key, _("ohne Angabe")) for key in groups}


def cell_dict(cell: method.Cell, label: str) -> dict:
    if cell.suppressed:
        return {
            "group": cell.group,
            "label": label,
            "hidden": True,
            "reason": str(choices.SUPPRESSION_REASONS.get(cell.reason, cell.reason)),
            "firms": None,
            "lage": None,
            "erwartungen": None,
            "klima": None,
            "balances": dict.fromkeys(method.BALANCES),
            "risks": dict.fromkeys(method.RISKS),
        }
    figures = cell.figures
    return {
        "group": cell.group,
        "label": label,
        "hidden": False,
        "reason": "",
        "firms": figures.firms,
        "lage": method.round1(figures.lage),
        "erwartungen": method.round1(figures.erwartungen),
        "klima": method.round1(figures.klima),
        "balances": {k: method.round1(v) for k, v in figures.balances.items()},
        "risks": {k: method.round1(v) for k, v in figures.risks.items()},
    }


def tables_of(answers: list[method.FirmAnswer], dimensions=method.DIMENSIONS) -> tuple[dict, dict]:
    """``(total, {dimension: rows})`` of one wave's answers, protected."""
    total_cell, by_dimension = method.protected_tables(answers, dimensions)
    tables = {}
    for dimension, cells in by_dimension.items():
        labels = _labels(dimension, [cell.group for cell in cells])
        tables[dimension] = [cell_dict(cell, labels[cell.group]) for cell in cells]
    return cell_dict(total_cell, _("Gesamt")), tables


def _weight_expression():
    """``method.weight`` in SQL: x3 above 1,000 employees, x2 above 500."""
    return Case(
        When(employees__gt=method.VERY_LARGE_FIRM, then=Value(3)),
        When(employees__gt=method.LARGE_FIRM, then=Value(2)),
        default=Value(1),
    )


def series_of(waves: list[Wave], chamber_id: int | None = None) -> list[dict]:
    """The overall figures of every wave, counted by the database in one query.

    Only the totals per wave are needed, so the answers are counted per (lage,
    erwartungen, weight) in SQL and pooled with ``method.tally_from_counts``: the same
    weighted shares as answer by answer, without loading hundreds of thousands of rows.
    """
    rows = Answer.objects.filter(wave__in=[w.pk for w in waves], status=Answer.Status.SUBMITTED)
    if chamber_id is not None:
        rows = rows.filter(chamber_id=chamber_id)
    counts: dict[int, list] = {}
    sizes: dict[int, list[int]] = {}
    for wave_id, lage, erwartungen, answer_weight, count, staff, top in (
        rows.annotate(answer_weight=_weight_expression())
        .values_list("wave_id", "lage", "erwartungen", "answer_weight")
        .annotate(count=Count("pk"), staff=Sum("employees"), top=Max("employees"))
        .order_by()
    ):
        counts.setdefault(wave_id, []).append((lage, erwartungen, answer_weight, count))
        size = sizes.setdefault(wave_id, [0, 0, 0])
        size[0] += count
        size[1] += staff or 0
        size[2] = max(size[2], top or 0)
    hidden = _hidden_series_totals(waves, chamber_id)
    series = []
    for wave in waves:
        firms, staff, top = sizes.get(wave.pk, (0, 0, 0))
        tally = method.tally_from_counts(counts.get(wave.pk, []), firms)
        reason = method.protected_count(firms, staff, top)
        if not reason and wave.pk in hidden:
            reason = method.REASON_SECONDARY
        series.append(
            cell_dict(method.Cell(wave.label, method.figures_of(tally), reason), wave.label)
        )
    return series


def _hidden_series_totals(waves: list[Wave], chamber_id: int | None) -> set[int]:
    """The waves whose total (joint or of ``chamber_id``) the set of reports must hide."""
    per_wave: dict[int, list] = {}
    for wave_id, chamber, count, staff, top in (
        Answer.objects.filter(wave__in=[w.pk for w in waves], status=Answer.Status.SUBMITTED)
        .values_list("wave_id", "chamber_id")
        .annotate(count=Count("pk"), staff=Sum("employees"), top=Max("employees"))
        .order_by()
    ):
        per_wave.setdefault(wave_id, []).append((str(chamber), count, staff or 0, top or 0))
    mine = protection.TOTAL if chamber_id is None else str(chamber_id)
    return {wave_id for wave_id, rows in per_wave.items() if mine in protection.hidden_totals(rows)}


def _hide(row: dict, reason: str = method.REASON_SECONDARY) -> dict:
    """``row`` (a ``cell_dict``) hidden by the published set: no number is left in it."""
    if row["hidden"]:
        return row
    return cell_dict(method.Cell(row["group"], None, reason), row["label"])


def _protect_together(total, tables, hidden, chamber_id):
    """Hide what the joint and per-chamber reports must hide together (``protection``)."""
    mine = protection.TOTAL if chamber_id is None else str(chamber_id)
    if (protection.TOTALS, protection.TOTAL, mine) in hidden:
        total = _hide(total)
    for dimension, rows in tables.items():
        for index, row in enumerate(rows):
            if dimension == "chamber":
                key = (protection.TOTALS, protection.TOTAL, row["group"])
            else:
                key = (dimension, row["group"], mine)
            if key in hidden:
                rows[index] = _hide(row)
    return total, tables


def report_figures(wave: Wave, chamber_id: int | None = None) -> dict:
    """Everything a report shows: this wave's tables and the climate over all earlier waves.

    Joint (``chamber_id`` None) and per-chamber figures are protected together, so that
    no difference of the two gives a hidden part back (``protection``).
    """
    waves = list(
        Wave.objects.filter(network_id=wave.network_id)
        .filter(Q(year__lt=wave.year) | Q(year=wave.year, season__lte=wave.season))
        .order_by("year", "season")
    )
    everyone = firm_answers([wave.pk]).get(wave.pk, [])
    hidden = protection.hidden_cells(everyone, method.DIMENSIONS)
    answers = everyone
    if chamber_id is not None:
        answers = [answer for answer in everyone if answer.chamber == str(chamber_id)]
    dimensions = [d for d in method.DIMENSIONS if not (chamber_id and d == "chamber")]
    total, tables = _protect_together(*tables_of(answers, dimensions), hidden, chamber_id)
    series = series_of(waves, chamber_id)
    if total["hidden"]:  # this wave's point of the series is the same figure as the total
        series = [_hide(point) if point["group"] == wave.label else point for point in series]
    return {"wave": wave.label, "total": total, "tables": tables, "series": series}
