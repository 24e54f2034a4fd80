"""The organiser's participant list as CSV, XLSX and a printable PDF (check-in sheet)."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import pdf as pdf_documents


def questions(event, registrations=()) -> list[str]:
    """The export's answer columns: the event's questions, then questions that were asked
    earlier and answered but have since been removed from the event (nothing is lost)."""
    columns = list(event.questions or [])
    for registration in registrations:
        for question in registration.answers or {}:
            if question not in columns:
                columns.append(question)
    return columns


def header(columns=()) -> list[str]:
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
        *columns,
    ]


def table(event) -> tuple[list[str], list[list]]:
    """Header and rows, one column per registration question."""
    found = list(event.registrations.order_by("status", "-priority", "created_at", "pk"))
    columns = questions(event, found)
    return header(columns), [_row(registration, columns) for registration in found]


def _row(registration, columns) -> list:
    answers = registration.answers or {}
    return [
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
        *(str(answers.get(question, "")) for question in columns),
    ]


def _safe(value):
    """Cells starting with = + - @ would run as formulas in a spreadsheet."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_csv(event) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    head, body = table(event)
    writer.writerow([_safe(value) for value in head])
    for row in body:
        writer.writerow([_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(event) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Teilnehmende")
    head, body = table(event)
    sheet.append([_safe(value) for value in head])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in body:
        sheet.append([_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_pdf(event) -> bytes:
    confirmed = event.registrations.filter(status="confirmed").order_by("name", "pk")
    html = render_to_string(
        "events/pdf/checkin_list.html", {"event": event, "registrations": confirmed}
    )
    return pdf_documents.render(html)
