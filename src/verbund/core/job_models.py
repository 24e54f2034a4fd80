"""The one record of long work done in the background (see docs/development.md, "Long work")."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.personal_data import PersonalData


class Job(models.Model):
    """A unit of long work: queued by a request, run by the worker, polled by the page."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Wartet")
        RUNNING = "running", _("Läuft")
        DONE = "done", _("Fertig")
        FAILED = "failed", _("Fehlgeschlagen")

    kind = models.CharField(_("Art"), max_length=80, help_text=_("Registrierter Auftragstyp"))
    title = models.CharField(_("Bezeichnung"), max_length=200)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.FloatField(_("Fortschritt"), default=0.0)
    message = models.CharField(_("Meldung"), max_length=255, blank=True)
    params = models.JSONField(_("Parameter"), default=dict, blank=True)
    # An uploaded file the job reads (imports); kept in the database so that any worker
    # machine can read it, and emptied when the job ends.
    payload = models.BinaryField(_("Datei"), blank=True, default=b"")
    result = models.JSONField(_("Ergebnis"), default=dict, blank=True)
    # A file the job produced (a report), offered for download on the job page.
    output = models.BinaryField(_("Erzeugte Datei"), blank=True, default=b"")
    output_name = models.CharField(_("Dateiname"), max_length=200, blank=True)
    output_type = models.CharField(_("Dateityp"), max_length=120, blank=True)
    result_url = models.CharField(_("Ergebnis-Adresse"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    started_at = models.DateTimeField(_("Begonnen"), null=True, blank=True)
    # Written with every progress report: a running job whose heartbeat is old lost its worker.
    heartbeat_at = models.DateTimeField(_("Lebenszeichen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Beendet"), null=True, blank=True)

    PERSONAL_DATA = PersonalData(
        user_lookup="created_by",
        fields=("kind", "title", "status", "created_at"),
        on_erase="delete",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Hintergrundauftrag")
        verbose_name_plural = _("Hintergrundaufträge")
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("core:job_detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * min(max(self.progress, 0.0), 1.0))
