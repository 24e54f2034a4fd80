"""Page context, PDF (WeasyPrint) and XLSX (openpyxl) of a report snapshot.

Page and PDF get the very same SVG charts (as data URIs); every chart sits beside a table
with its numbers; hidden cells show "•" and why.
"""

import base64
import io
import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from verbund.core.services import pdf as pdf_documents
from verbund.economy import choices, method
from verbund.economy.services import charts

HIDDEN = "•"


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def index_labels() -> dict:
    return {"klima": _("Klima"), "lage": _("Lage"), "erwartungen": _("Erwartungen")}


def context(snapshot: dict) -> dict:
    """Template context of a report: tables with labels, charts, risks and balances."""
    fig = snapshot["figures"]
    tables = [
        {
            "dimension": dimension,
            "label": str(choices.DIMENSION_LABELS[dimension]),
            "rows": rows,
            "chart": _data_uri(
                charts.index_bars(
                    rows,
                    _("Konjunkturklima nach %(dim)s")
                    % {"dim": choices.DIMENSION_LABELS[dimension]},
                    _("Klimaindex (100 = neutral)"),
                )
            ),
        }
        for dimension, rows in fig["tables"].items()
    ]
    total = fig["total"]
    risks = sorted(
        (
            {"label": str(choices.Risk(key).label), "share": share}
            for key, share in total["risks"].items()
        ),
        key=lambda row: -(row["share"] or 0),
    )
    balances = [
        {"label": str(choices.BALANCE_LABELS[key]), "value": total["balances"][key]}
        for key in method.BALANCES
    ]
    return {
        "snapshot": snapshot,
        "total": total,
        "series": fig["series"],
        "series_chart": _data_uri(
            charts.climate_chart(fig["series"], _("Konjunkturklima im Zeitverlauf"), index_labels())
        ),
        "tables": tables,
        "risks": risks,
        "balances": balances,
        "texts": snapshot["texts"],
        "extra": snapshot.get("extra", []),  # versions published before extra questions
        "quotes": [q.strip() for q in (snapshot["texts"].get("quotes") or "").split("\n\n")]
        if (snapshot["texts"].get("quotes") or "").strip()
        else [],
        "hidden_mark": HIDDEN,
        "published_on": published_on(snapshot),
    }


def published_on(snapshot: dict) -> str:
    """The publication date as Germans write it (the snapshot stores ISO: "2026-12-08")."""
    value = snapshot.get("published_at")
    moment = parse_datetime(value) if value else None
    if moment is None:
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d.%m.%Y")


def pdf(snapshot: dict) -> bytes:
    html = render_to_string("economy/report_pdf.html", context(snapshot))
    return pdf_documents.render(html)


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(re.sub(r"[\[\]:*?/\\]", "-", title)[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(50, max(10, width + 2))


def _row(row: dict) -> list:
    if row["hidden"]:
        return [row["label"], HIDDEN, HIDDEN, HIDDEN, HIDDEN, row["reason"]]
    return [row["label"], row["firms"], row["lage"], row["erwartungen"], row["klima"], ""]


def _extra_rows(questions: list[dict]):
    for question in questions:
        head = [question["chamber"], question["question"]]
        if question["kind"] == "number":
            if question["hidden"]:
                yield [*head, _("Mittelwert"), HIDDEN, HIDDEN, question["reason"]]
            else:
                yield [*head, _("Mittelwert (gewichtet)"), question["firms"], question["mean"], ""]
                yield [*head, _("Summe"), question["firms"], question["sum"], ""]
            continue
        for option in question["options"]:
            if option["hidden"]:
                yield [*head, option["label"], HIDDEN, HIDDEN, option["reason"]]
            else:
                yield [*head, option["label"], option["firms"], option["share"], ""]


def xlsx(snapshot: dict) -> bytes:
    """Every figure of the report: one sheet per table, the series, balances and risks."""
    workbook = Workbook()
    info = workbook.active
    info.title = _("Hinweise")
    info.append([snapshot["title"]])
    info.append([_("Umfrage"), snapshot["wave"]])
    info.append([_("Gebiet"), snapshot["scope"]])
    info.append(
        [
            _("Methode"),
            _(
                "Lage = 100 + %gut − %schlecht; Erwartungen = 100 + %besser − %schlechter; "
                "Klima = Wurzel aus Lage × Erwartungen. Betriebe mit mehr als 500 Beschäftigten "
                "zählen doppelt, mit mehr als 1.000 dreifach."
            ),
        ]
    )
    info.append(
        [
            _("Datenschutz"),
            _("„•“: gesperrt (weniger als 5 Betriebe, ein Betrieb dominiert oder rückrechenbar)."),
        ]
    )
    header = [_("Gruppe"), _("Betriebe"), _("Lage"), _("Erwartungen"), _("Klima"), _("Hinweis")]
    fig = snapshot["figures"]
    _sheet(workbook, _("Zeitreihe"), [_("Umfrage"), *header[1:]], map(_row, fig["series"]))
    for dimension, rows in fig["tables"].items():
        _sheet(
            workbook,
            str(choices.DIMENSION_LABELS[dimension]),
            header,
            [*map(_row, rows), _row(fig["total"])],
        )
    total = fig["total"]
    _sheet(
        workbook,
        _("Salden"),
        [_("Frage"), _("Saldo (Punkte)")],
        [
            [str(choices.BALANCE_LABELS[key]), HIDDEN if total["hidden"] else value]
            for key, value in total["balances"].items()
        ],
    )
    _sheet(
        workbook,
        _("Risiken"),
        [_("Risiko"), _("Anteil der Betriebe (%)")],
        [
            [str(choices.Risk(key).label), HIDDEN if total["hidden"] else value]
            for key, value in total["risks"].items()
        ],
    )
    _sheet(
        workbook,
        _("Zusatzfragen"),
        [_("Kammer"), _("Frage"), _("Antwort"), _("Betriebe"), _("Wert"), _("Hinweis")],
        _extra_rows(snapshot.get("extra", [])),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
