"""Analysis of a wave: needs by district, sector, size class, topic and target group.

The database aggregates (one ``values().annotate()`` query per source, grouped by company
and the wanted dimensions); ``suppression`` then applies the privacy rules, so the
dashboard, the exports and the API all get the same protected numbers.

Besides the wave's submitted responses, other apps add needs through ``demand_source``
(the advisory offices register their cases' needs there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Min, Sum

from verbund.core.models import Organization, Region, Topic
from verbund.core.services import disclosure
from verbund.core.services.params import parse_id
from verbund.needs import choices
from verbund.needs.models import Need, Response, Wave
from verbund.needs.services.suppression import (
    TOTAL,
    RecordKeys,
    Table,
    composition_withheld,
    protected_table,
    roll_up,
    suppress,
)

# Dimension -> field of a survey Need.
NEED_FIELDS = {
    "district": "response__district",
    "sector": "response__sector",
    "size": "response__size_class",
    "topic": "topic",
    "target_group": "target_group",
}
_SOURCES: list[Callable] = []


def demand_source(function: Callable) -> Callable:
    """Register ``function(wave, dims, filters) -> iterable of (company, key, employees, needs)``."""
    _SOURCES.append(function)
    return function


@dataclass(frozen=True)
class Filters:
    district: int | None = None
    sector: str = ""
    size: str = ""
    topic: int | None = None
    target_group: str = ""

    @classmethod
    def from_mapping(cls, data) -> Filters:
        def number(name):
            return parse_id(data.get(name))

        return cls(
            district=number("district"),
            sector=str(data.get("sector") or "")[:1],
            size=str(data.get("size") or "")[:10],
            topic=number("topic"),
            target_group=str(data.get("target_group") or "")[:12],
        )

    def active(self) -> dict:
        return {name: value for name, value in asdict(self).items() if value not in (None, "")}


def apply_filters(queryset, filters: Filters, fields: dict[str, str]):
    conditions = {fields[name]: value for name, value in filters.active().items()}
    return queryset.filter(**conditions)


def survey_contributions(wave: Wave, dims: tuple[str, ...], filters: Filters):
    needs = Need.objects.filter(response__wave=wave, response__status=Response.Status.SUBMITTED)
    needs = apply_filters(needs, filters, NEED_FIELDS)
    fields = [NEED_FIELDS[dim] for dim in dims]
    rows = (
        needs.values_list("response__company_key", *fields)
        .annotate(employees=Sum("employees"), count=Count("pk"))
        .order_by()
    )
    # Straight from the cursor: grouped keys and integer sums need no per-row conversion.
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(5000):
            for company, *key, employees, count in chunk:
                yield company, tuple(key), employees, count


def contributions(wave: Wave, dims: tuple[str, ...], filters: Filters) -> list[tuple]:
    rows = list(survey_contributions(wave, dims, filters))
    if wave.include_cases:
        for source in _SOURCES:
            rows.extend(source(wave, dims, filters))
    return rows


def record_keys(wave: Wave) -> RecordKeys:
    """The cell-key method's record key of every company in ``wave``.

    A company's key is the one stored with its (first-keyed) response; companies known
    only from other sources (advice cases) get a keyed hash, fixed per wave.
    """
    stored = dict(
        Response.objects.filter(wave=wave)
        .values_list("company_key")
        .annotate(key=Min("record_key"))
        .order_by()
    )

    def lookup(company: str) -> float:
        key = stored.get(company)
        if key is None:
            key = disclosure.derived_record_key(f"{wave.pk}:{company}", settings.SECRET_KEY)
        return key

    return lookup


def table(wave: Wave, dims: tuple[str, ...], filters: Filters | None = None) -> Table:
    """The protected table of ``wave`` grouped by ``dims`` under ``filters``."""
    return protected_table(
        contributions(wave, dims, filters or Filters()), dims, record_key=record_keys(wave)
    )


# Labels --------------------------------------------------------------------------------


def labeller(dim: str, values) -> dict:
    values = {value for value in values if value not in (None, "", TOTAL)}
    if dim == "district":
        return {region.pk: region.name for region in Region.objects.filter(pk__in=values)}
    if dim == "topic":
        return {topic.pk: topic.label for topic in Topic.objects.filter(pk__in=values)}
    options = {
        "sector": Organization.WzSection.choices,
        "size": Organization.SizeClass.choices,
        "target_group": choices.TargetGroup.choices,
    }[dim]
    return {value: str(label) for value, label in options}


def labelled_rows(result: Table) -> list[dict]:
    """Rows for pages, exports and the API; hidden cells carry no numbers at all."""
    labels = [
        labeller(dim, {cell.key[i] for cell in result.cells.values()})
        for i, dim in enumerate(result.dims)
    ]
    rows = []
    for cell in result.cells.values():
        names = [
            str(labels[i].get(value, "–")) if value != TOTAL else ""
            for i, value in enumerate(cell.key)
        ]
        rows.append(
            {
                "key": cell.key,
                "labels": names,
                "label": " · ".join(name for name in names if name) or "",
                "is_margin": cell.is_margin,
                "hidden": cell.hidden,
                "companies": cell.published.get("companies"),
                "employees": cell.published.get("employees"),
                "needs": cell.published.get("needs"),
            }
        )
    rows.sort(
        key=lambda row: (row["is_margin"], row["hidden"], -(row["employees"] or 0), row["label"])
    )
    return rows


def _one_dimensional(dim: str, result: Table) -> dict:
    """Rows and total; a table of too few companies shows only its hidden total."""
    withheld = composition_withheld(result)
    if withheld:
        result = Table(result.dims, {result.grand_total.key: result.grand_total})
    rows = labelled_rows(result)
    return {
        "dim": dim,
        "label": str(choices.DIMENSION_LABELS[dim]),
        "rows": [row for row in rows if not row["is_margin"]],
        "total": next(row for row in rows if row["is_margin"]),
        "withheld": withheld,
    }


def by_dimension(wave: Wave, dim: str, filters: Filters | None = None) -> dict:
    """One protected one-dimensional table with its total, ready to show."""
    return _one_dimensional(dim, table(wave, (dim,), filters))


def overview(wave: Wave, filters: Filters | None = None) -> list[dict]:
    """All five one-dimensional tables (dashboard, PDF report, XLSX export).

    One query groups by company and all five dimensions; each table rolls it up.
    """
    rows = contributions(wave, choices.DIMENSIONS, filters or Filters())
    record_key = record_keys(wave)
    if rows:
        companies, keys, employees, counts = zip(*rows, strict=True)
        columns = list(zip(*keys, strict=True))
    else:
        companies = employees = counts = ()
        columns = [() for _ in choices.DIMENSIONS]
    return [
        _one_dimensional(
            dim,
            suppress(roll_up(companies, [columns[index]], employees, counts, (dim,), record_key)),
        )
        for index, dim in enumerate(choices.DIMENSIONS)
    ]


def cross(wave: Wave, rows_dim: str, cols_dim: str, filters: Filters | None = None) -> dict:
    """A protected two-dimensional table (e.g. district x topic) with its margins."""
    result = table(wave, (rows_dim, cols_dim), filters)
    withheld = composition_withheld(result)
    if withheld:  # too few companies: not even which rows and columns exist is shown
        result = Table(result.dims, {result.grand_total.key: result.grand_total})
    rows_labels = labeller(rows_dim, {cell.key[0] for cell in result.cells.values()})
    cols_labels = labeller(cols_dim, {cell.key[1] for cell in result.cells.values()})
    row_keys = sorted(
        {k[0] for k in result.cells if k[0] != TOTAL}, key=lambda v: str(rows_labels.get(v))
    )
    col_keys = sorted(
        {k[1] for k in result.cells if k[1] != TOTAL}, key=lambda v: str(cols_labels.get(v))
    )

    def value(key):
        cell = result.cells.get(key)
        if cell is None:
            return {"empty": True, "hidden": False, "employees": None}
        return {
            "empty": False,
            "hidden": cell.hidden,
            "employees": cell.published.get("employees"),
        }

    return {
        "withheld": withheld,
        "rows_dim": rows_dim,
        "cols_dim": cols_dim,
        "columns": [(key, cols_labels.get(key, "–")) for key in col_keys] + [(TOTAL, "")],
        "rows": [
            {
                "key": row_key,
                "label": rows_labels.get(row_key, "–") if row_key != TOTAL else "",
                "cells": [value((row_key, col_key)) for col_key in [*col_keys, TOTAL]],
            }
            for row_key in [*row_keys, TOTAL]
        ],
    }


def compare(wave_a: Wave, wave_b: Wave, dim: str, filters: Filters | None = None) -> list[dict]:
    """Two waves side by side; each side protected on its own, change only where both show."""
    left = {row["key"]: row for row in by_dimension(wave_a, dim, filters)["rows"]}
    right = {row["key"]: row for row in by_dimension(wave_b, dim, filters)["rows"]}
    rows = []
    for key in set(left) | set(right):
        a, b = left.get(key), right.get(key)
        label = (a or b)["label"]
        a_value = a["employees"] if a else None
        b_value = b["employees"] if b else None
        rows.append(
            {
                "key": key,
                "label": label,
                "a": a_value,
                "a_hidden": bool(a and a["hidden"]),
                "b": b_value,
                "b_hidden": bool(b and b["hidden"]),
                "change": (b_value - a_value)
                if a_value is not None and b_value is not None
                else None,
            }
        )
    rows.sort(key=lambda row: (-(row["b"] or row["a"] or 0), row["label"]))
    return rows


def summary(wave: Wave) -> dict:
    submitted = wave.responses.filter(status=Response.Status.SUBMITTED)
    return {
        "responses": submitted.count(),
        "interviews": submitted.filter(kind=Response.Kind.INTERVIEW).count(),
        "companies": submitted.values("company_key").distinct().count(),
    }


def next_dimension(current: str, filters: Filters) -> str | None:
    """Drill-down: after fixing ``current``, group by the next dimension not yet filtered."""
    taken = set(filters.active()) | {current}
    for dim in choices.DIMENSIONS:
        if dim not in taken:
            return dim
    return None
