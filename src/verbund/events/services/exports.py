"""The organiser's participant list as CSV, XLSX and a printable PDF (check-in sheet)."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _


def header() -> list[str]:
    return [
        _("Name"),
        _("E-Mail"),
        _("Organisation"),
        _("Plätze"),
        _("Status"),
        _("Priorität"),
        _("Angemeldet am"),
        _("Eingecheckt"),
        _("Nicht erschienen"),
    ]


def rows(event):
    for registration in event.registrations.order_by("status", "-priority", "created_at", "pk"):
        yield [
            registration.name,
            registration.email,
            registration.organization_name,
            registration.seats,
            registration.get_status_display(),
            registration.priority,
            timezone.localtime(registration.created_at).strftime("%d.%m.%Y %H:%M"),
            timezone.localtime(registration.checked_in_at).strftime("%d.%m.%Y %H:%M")
            if registration.checked_in_at
            else "",
            _("ja") if registration.no_show else "",
        ]


def _safe(value):
    """Cells starting with = + - @ would run as formulas in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_csv(event) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header())
    for row in rows(event):
        writer.writerow([_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(event) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Teilnehmende")
    sheet.append(header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(event):
        sheet.append([_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_pdf(event) -> bytes:
    from weasyprint import HTML

    confirmed = event.registrations.filter(status="confirmed").order_by("name", "pk")
    html = render_to_string(
        "events/pdf/checkin_list.html", {"event": event, "registrations": confirmed}
    )
    return HTML(string=html).write_pdf()
