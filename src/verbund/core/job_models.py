"""The one record of long work done in the background (see docs/development.md, "Long work")."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.personal_data import NoPersonalData, PersonalData


class SupervisedWork(models.Model):
    """What every piece of long work records, so that one supervisor can watch them all.

    A worker claims the record (``attempts`` + 1, ``task_id`` of the queue's row), writes
    ``heartbeat_at`` at least every few seconds while it works, and ends it done or failed
    (``verbund.core.services.supervision`` retries or fails a record whose heartbeat stopped).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Wartet")
        RUNNING = "running", _("Läuft")
        DONE = "done", _("Fertig")
        FAILED = "failed", _("Fehlgeschlagen")

    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.FloatField(_("Fortschritt"), default=0.0)
    # the stage (German, stored as its source text) or, when failed, what to do now
    message = models.CharField(_("Meldung"), max_length=300, blank=True)
    result = models.JSONField(_("Ergebnis"), default=dict, blank=True, encoder=JSONEncoder)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    started_at = models.DateTimeField(_("Begonnen"), null=True, blank=True)
    # Written while a worker works on it: a running record whose heartbeat is old lost its worker.
    heartbeat_at = models.DateTimeField(_("Lebenszeichen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Beendet"), null=True, blank=True)
    # How often a worker took it up (a lost worker's attempt counts): at most twice.
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    # The queue's own row (django_tasks_db) of the current attempt, ended with the record.
    task_id = models.CharField(_("Aufgabe der Warteschlange"), max_length=64, blank=True)

    class Meta:
        abstract = True

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * min(max(self.progress, 0.0), 1.0))


class SolverRun(SupervisedWork):
    """A solver run of an app (exam plans, rotation plans, matching, B2B schedules).

    The app's concrete model adds what the run is about (a period, a project …) and
    registers *build*, *solve* and *store* with ``verbund.core.services.runs``.
    """

    time_limit = models.FloatField(_("Zeitlimit (s)"), default=30.0)
    # the technical reason of a failure for the operators (the user reads ``message``)
    error = models.TextField(_("Fehler"), blank=True)

    class Meta:
        abstract = True


class Job(SupervisedWork):
    """A unit of long work: queued by a request, run by the worker, polled by the page."""

    kind = models.CharField(_("Art"), max_length=80, help_text=_("Registrierter Auftragstyp"))
    title = models.CharField(_("Bezeichnung"), max_length=200)
    params = models.JSONField(_("Parameter"), default=dict, blank=True, encoder=JSONEncoder)
    # An uploaded file the job reads (imports); kept in the database so that any worker
    # machine can read it, and emptied when the job ends.
    payload = models.BinaryField(_("Datei"), blank=True, default=b"")
    # A file the job produced (a report), offered for download on the job page.
    output = models.BinaryField(_("Erzeugte Datei"), blank=True, default=b"")
    output_name = models.CharField(_("Dateiname"), max_length=200, blank=True)
    output_type = models.CharField(_("Dateityp"), max_length=120, blank=True)
    result_url = models.CharField(_("Ergebnis-Adresse"), max_length=300, blank=True)

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


class JobDelivery(models.Model):
    """One recipient a mail job has served: a retried job skips it (never mails twice)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="deliveries")
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    PERSONAL_DATA = NoPersonalData(reason="a job id and an opaque key (a row id), no person")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "key"], name="core_jobdelivery_once")]

    def __str__(self):
        return f"{self.job_id}: {self.key}"


class WorkerBeat(models.Model):
    """A live background worker process: written every few seconds by its supervisor thread."""

    name = models.CharField(max_length=200, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(db_index=True)

    PERSONAL_DATA = NoPersonalData(reason="host name and process id of a worker")

    def __str__(self):
        return self.name
