"""Named permissions of the exam department (Prüfungswesen)."""

from django.utils.translation import gettext_lazy as _

from verbund.core.permissions import register

EXAMS_PLAN = register(
    "exams.plan",
    _("Prüfungswesen: Prüferpool, Ausschüsse, Prüfungstermine und Prüfereinsatz planen"),
)
EXAMS_COMPENSATION = register(
    "exams.compensation",
    _("Prüfungswesen: Entschädigungssätze pflegen, Abrechnungen prüfen und freigeben"),
)
