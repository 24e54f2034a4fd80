"""The budget chart, the proof of use as PDF (tagged PDF/UA) and XLSX, the co-funder bill.

All read the same ``budget.Budget`` figures as the pages, so a document never shows other
numbers than the screen.
"""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from matplotlib.ticker import MaxNLocator

from verbund.core.services import pdf
from verbund.core.services.charts import FONT, PALETTE, chart_figure, data_uri, style_axes, to_svg
from verbund.core.services.spreadsheet import xlsx_row


def budget_chart(figures) -> str:
    """Planned, spent and the 20 % ceiling per line, as a data URI of the chart's SVG."""
    lines = list(figures.result.lines)
    title = _("Plan und Ausgaben je Position")
    with chart_figure(1.4 + 0.55 * max(len(lines), 1)) as figure:
        axes = figure.subplots()
        positions = list(range(len(lines)))
        planned = [float(line.planned) for line in lines]
        actual = [float(line.actual) for line in lines]
        axes.barh(
            [p - 0.2 for p in positions],
            planned,
            height=0.38,
            color=PALETTE["tertiary"],
            label=_("geplant"),
        )
        axes.barh(
            [p + 0.2 for p in positions],
            actual,
            height=0.38,
            color=PALETTE["primary"],
            label=_("ausgegeben"),
        )
        for position, line in zip(positions, lines, strict=True):
            if line.ceiling:
                axes.plot(
                    [float(line.ceiling)] * 2,
                    [position - 0.45, position + 0.45],
                    color=PALETTE["secondary"],
                    linewidth=2,
                )
        # The label up to its explanation in brackets: "Personalausgaben (Koordination, …)".
        axes.set_yticks(positions, labels=[line.label.split(" (")[0][:24] for line in lines])
        axes.xaxis.set_major_locator(MaxNLocator(nbins=4))
        axes.invert_yaxis()
        axes.xaxis.set_major_formatter(
            lambda value, _pos: f"{value / 1000:,.0f} T€".replace(",", ".")
        )
        axes.plot([], [], color=PALETTE["secondary"], linewidth=2, label=_("Grenze +20 %"))
        axes.legend(fontsize=FONT["legend"], loc="lower right", frameon=False)
        style_axes(axes, title)
        return data_uri(to_svg(figure, title))


def _pdf(template: str, context: dict, title: str) -> bytes:
    html = render_to_string(template, {**context, "title": title, "today": timezone.localdate()})
    # Tagged PDF/UA-1 with language and title, through the platform's one PDF helper.
    return pdf.render(html)


def proof_pdf(figures) -> bytes:
    plan = figures.plan
    title = _("Zahlenmäßiger Nachweis – %(plan)s") % {"plan": plan}
    return _pdf(
        "funding/proof_of_use_pdf.html",
        {"object": plan, "figures": figures},
        title,
    )


def bill_pdf(context: dict) -> bytes:
    title = _("Kofinanzierung %(name)s – %(plan)s") % {
        "name": context["cofunder"].name,
        "plan": context["plan"],
    }
    return _pdf("funding/cofunder_bill_pdf.html", context, title)


def proof_xlsx(figures) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    plan, result = figures.plan, figures.result
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Zahlenmäßiger Nachweis")[:31]
    sheet.append(xlsx_row(sheet, [str(plan)]))
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    header = [
        _("Position"),
        _("Geplant"),
        _("Ist"),
        _("Abweichung"),
        _("Förderfähig"),
        _("Nicht förderfähig"),
    ]
    sheet.append(xlsx_row(sheet, header))
    for line in result.lines:
        sheet.append(
            xlsx_row(
                sheet,
                [
                    line.label,
                    line.planned,
                    line.actual,
                    line.deviation,
                    line.eligible,
                    line.not_eligible,
                ],
            )
        )
    sheet.append(
        xlsx_row(
            sheet,
            [
                _("Summe"),
                result.planned_total,
                result.actual_total,
                result.actual_total - result.planned_total,
                result.eligible_total,
                result.actual_total - result.eligible_total,
            ],
        )
    )
    sheet.append([])
    for label, amount in (
        (_("Zuwendung"), result.grant),
        (_("Ausgezahlt"), result.paid),
        (_("Saldo (positiv: Rückforderung)"), result.balance),
    ):
        sheet.append(xlsx_row(sheet, [label, amount]))
    if result.cofunders:
        sheet.append([])
        sheet.append(xlsx_row(sheet, [_("Kofinanzierer"), _("Betrag")]))
        for cofunder in result.cofunders:
            sheet.append(xlsx_row(sheet, [cofunder.name, cofunder.amount]))
    for row in sheet.iter_rows(min_row=4, min_col=2, max_col=6):
        for cell in row:
            cell.number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 36
    for column in "BCDEF":
        sheet.column_dimensions[column].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_pdf(report) -> bytes:
    title = _("Sachbericht – %(plan)s") % {"plan": report.plan}
    from verbund.funding.services import budget

    figures = budget.figures(report.plan, until=report.period_end)
    return _pdf(
        "funding/report_pdf.html",
        {"report": report, "object": report.plan, "figures": figures},
        title,
    )


def report_xlsx(report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sachbericht")
    sheet.append(xlsx_row(sheet, [str(report.plan), str(report)]))
    sheet["A1"].font = Font(bold=True)
    sheet.append(xlsx_row(sheet, [_("Status"), report.get_status_display()]))
    sheet.append([])
    sheet.append(xlsx_row(sheet, [_("Abschnitt"), _("Text")]))
    for section in report.sections:
        sheet.append(xlsx_row(sheet, [section["heading"], section["text"]]))
    for row in sheet.iter_rows(min_row=5):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 110
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
