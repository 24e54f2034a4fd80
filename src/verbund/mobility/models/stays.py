"""Stays abroad, their payments and the matching runs that create them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization, Person
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.mobility.models.projects import (
    Application,
    MobilityProject,
    ParticipantType,
    Placement,
)
from verbund.mobility.querysets import RunQuerySet, StayQuerySet


class Stay(models.Model):
    """A stay abroad; its grant is always computed (services.grants), never typed."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Geplant")
        CONFIRMED = "confirmed", _("Bestätigt")
        COMPLETED = "completed", _("Abgeschlossen")
        CANCELLED = "cancelled", _("Abgesagt")

    project = models.ForeignKey(
        MobilityProject, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="stays"
    )
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="stay"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("Teilnehmer/in"), on_delete=models.PROTECT, related_name="+"
    )
    participant_type = models.CharField(
        _("Art des Aufenthalts"), max_length=30, choices=ParticipantType.choices
    )
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("Platz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stays",
    )
    host = models.ForeignKey(
        Organization,
        verbose_name=_("Aufnehmende Einrichtung"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    exchange = models.ForeignKey(
        "mobility.Exchange",
        verbose_name=_("Austausch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stays",
    )
    start = models.DateField(_("Beginn"))
    end = models.DateField(_("Ende"))
    home_city = models.CharField(_("Abreiseort"), max_length=120)
    home_lat = models.FloatField(null=True, blank=True)
    home_lon = models.FloatField(null=True, blank=True)
    green_travel = models.BooleanField(_("Umweltfreundliche Anreise"), default=False)
    fewer_opportunities = models.BooleanField(_("Geringere Chancen (Inklusion)"), default=False)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    # Computed by services.grants from distance, days and the call year's rate table.
    distance_km = models.FloatField(_("Entfernung (km)"), default=0)
    travel_days = models.PositiveSmallIntegerField(_("Geförderte Reisetage"), default=0)
    grant_travel = models.DecimalField(_("Reisekosten"), max_digits=10, decimal_places=2, default=0)
    grant_individual = models.DecimalField(
        _("Individuelle Unterstützung"), max_digits=10, decimal_places=2, default=0
    )
    grant_organisational = models.DecimalField(
        _("Organisatorische Unterstützung"), max_digits=10, decimal_places=2, default=0
    )
    grant_inclusion = models.DecimalField(
        _("Inklusionsunterstützung"), max_digits=10, decimal_places=2, default=0
    )
    grant_total = models.DecimalField(
        _("Förderung gesamt"), max_digits=10, decimal_places=2, default=0
    )
    rates_are_examples = models.BooleanField(default=False)

    objects = StayQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="person",
        fields=("participant_type", "host", "start", "end", "home_city", "status", "grant_total"),
        on_erase="anonymise",
        anonymise={"home_city": "", "home_lat": None, "home_lon": None},
        reason="funded stays must be kept for the programme's audit; the person is anonymised",
    )

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("Auslandsaufenthalt")
        verbose_name_plural = _("Auslandsaufenthalte")

    def __str__(self):
        return f"{self.person} – {self.host} ({self.start:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("mobility:stay_detail", args=[self.pk])

    def permission_scope(self):
        return self.project.permission_scope()

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})


class Payment(models.Model):
    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="payments")
    date = models.DateField(_("Datum"))
    amount = models.DecimalField(
        _("Betrag"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("Vermerk"), max_length=200, blank=True)

    PERSONAL_DATA = NoPersonalData("a payment of a stay; the person is on the stay")

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("Auszahlung")
        verbose_name_plural = _("Auszahlungen")

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.amount}"


class MatchRun(models.Model):
    """One background matching run of a project; the progress page polls it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Wartet")
        RUNNING = "running", _("Läuft")
        DONE = "done", _("Fertig")
        FAILED = "failed", _("Fehlgeschlagen")

    project = models.ForeignKey(MobilityProject, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.FloatField(_("Fortschritt"), default=0.0)
    message = models.CharField(_("Meldung"), max_length=255, blank=True)
    time_limit = models.FloatField(_("Zeitlimit (s)"), default=10.0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True, encoder=JSONEncoder)

    objects = RunQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="created_by",
        fields=("status", "created_at"),
        on_erase="keep",
        reason="the run stays as part of the project's history; the account is anonymised",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Zuteilungslauf")
        verbose_name_plural = _("Zuteilungsläufe")

    def __str__(self):
        return f"{self.project} – {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("mobility:run_detail", args=[self.pk])

    def permission_scope(self):
        return self.project.permission_scope()

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.progress)
