"""XLSX and PDF exports of the analysis and the gap report (protected numbers only)."""

import base64
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from verbund.core.services import pdf as pdf_documents
from verbund.core.services.spreadsheet import xlsx_row
from verbund.needs import choices
from verbund.needs.models import Wave
from verbund.needs.services import analysis, charts, gaps

HIDDEN = "•"  # what a suppressed cell shows
PERTURBATION_NOTE = _lazy(
    "Werte sind zum Schutz der Betriebe leicht verändert (Cell-Key-Verfahren): dieselbe Zelle zeigt immer denselben Wert, Summen einzelner Zeilen können aber vom Gesamtwert abweichen."
)


WITHHELD_NOTE = _lazy(
    "Die gewählte Auswahl umfasst zu wenige Betriebe: es wird nichts über ihre Zusammensetzung gezeigt."
)


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title[:31])
    sheet.append(xlsx_row(sheet, header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    return sheet


def _value(value, hidden):
    return HIDDEN if hidden else value


def analysis_xlsx(wave: Wave, filters: analysis.Filters | None = None) -> bytes:
    workbook = Workbook()
    info = workbook.active
    info.title = _("Hinweise")
    info.append(xlsx_row(info, [str(wave), str(wave.network)]))
    info.append(xlsx_row(info, [_("Erstellt"), timezone.localtime().strftime("%d.%m.%Y %H:%M")]))
    info.append(
        [
            _("Datenschutz"),
            _(
                "„•“: aus Datenschutzgründen gesperrt (weniger als 5 Betriebe, ein Betrieb dominiert, oder rückrechenbar)."
            ),
        ]
    )
    info.append(xlsx_row(info, [_("Datenschutz"), str(PERTURBATION_NOTE)]))
    header = [_("Merkmal"), _("Betriebe"), _("Betroffene Beschäftigte"), _("Bedarfe")]
    tables = analysis.overview(wave, filters)
    if any(table["withheld"] for table in tables):
        info.append(xlsx_row(info, [_("Datenschutz"), str(WITHHELD_NOTE)]))
    for table in tables:
        rows = [
            [
                row["label"] or _("Gesamt"),
                _value(row["companies"], row["hidden"]),
                _value(row["employees"], row["hidden"]),
                _value(row["needs"], row["hidden"]),
            ]
            for row in [*table["rows"], table["total"]]
        ]
        _sheet(workbook, table["label"], [table["label"], *header[1:]], rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def gap_rows_for_export(rows):
    format_labels = dict(choices.Format.choices)
    time_labels = dict(choices.TimeOfDay.choices)
    group_labels = dict(choices.TargetGroup.choices)
    for row in rows:
        yield {
            "row": row,
            "target_group": str(group_labels.get(row.target_group, _("alle"))),
            "formats": ", ".join(
                f"{format_labels.get(k, k)} {v} %" for k, v in row.wishes["formats"].items()
            ),
            "times": ", ".join(
                f"{time_labels.get(k, k)} {v} %" for k, v in row.wishes["times"].items()
            ),
            "budget": row.wishes["budget"],
        }


def gaps_xlsx(wave: Wave, rows) -> bytes:
    shown, withheld = gaps.published(rows)
    workbook = Workbook()
    workbook.remove(workbook.active)
    header = [
        _("Landkreis"),
        _("Thema"),
        _("Zielgruppe"),
        _("Horizont (Monate)"),
        _("Bedarf (gewichtet)"),
        _("Plätze"),
        _("Lücke"),
        _("Betriebe"),
        _("Format-Wünsche"),
        _("Zeit-Wünsche"),
        _("Budget pro Person (Ø EUR)"),
    ]
    data = [
        [
            item["row"].district,
            item["row"].topic,
            item["target_group"],
            item["row"].horizon,
            item["row"].demand,
            item["row"].supply,
            item["row"].gap,
            item["row"].companies,
            item["formats"],
            item["times"],
            item["budget"],
        ]
        for item in gap_rows_for_export(shown)
    ]
    _sheet(workbook, _("Lücken"), header, data)
    note = workbook.create_sheet(_("Hinweise"))
    note.append(xlsx_row(note, [str(wave), str(wave.network)]))
    note.append(xlsx_row(note, [_("Aus Datenschutzgründen nicht gezeigt"), withheld]))
    note.append(xlsx_row(note, [_("Datenschutz"), str(PERTURBATION_NOTE)]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _svg_data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _pdf(html: str) -> bytes:
    return pdf_documents.render(html)


def analysis_pdf(wave: Wave, filters: analysis.Filters | None = None) -> bytes:
    tables = analysis.overview(wave, filters)
    for table in tables:
        table["chart"] = _svg_data_uri(
            charts.bar_chart(table["rows"], table["label"], _("Betroffene Beschäftigte"))
        )
    html = render_to_string(
        "needs/report_pdf.html",
        {
            "wave": wave,
            "tables": tables,
            "summary": analysis.summary(wave),
            "now": timezone.localtime(),
        },
    )
    return _pdf(html)


def gaps_pdf(wave: Wave, rows, horizon: int) -> bytes:
    shown, withheld = gaps.published(rows)
    shown = [row for row in shown if row.horizon == horizon]
    chart_rows = [
        {"label": f"{row.district} · {row.topic}", "employees": round(row.gap)} for row in shown
    ]
    html = render_to_string(
        "needs/gaps_pdf.html",
        {
            "wave": wave,
            "items": list(gap_rows_for_export(shown)),
            "withheld": withheld,
            "horizon": horizon,
            "chart": _svg_data_uri(
                charts.bar_chart(
                    chart_rows, _("Größte Lücken"), _("Lücke (gewichtete Beschäftigte)")
                )
            ),
            "now": timezone.localtime(),
        },
    )
    return _pdf(html)
