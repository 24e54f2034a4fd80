"""Erasmus+ rate tables per call year, maintained by an administrator (Django admin).

The platform ships the Commission's travel bands and example daily rates (marked as
examples) for the calls 2021-2027; the national agency's figures replace the examples.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.personal_data import NoPersonalData
from verbund.core.querysets import PublicQuerySet


class RateTable(models.Model):
    call_year = models.PositiveSmallIntegerField(_("Antragsrunde (Jahr)"), unique=True)
    travel_days_standard = models.PositiveSmallIntegerField(
        _("Geförderte Reisetage (Standard)"), default=2
    )
    travel_days_green = models.PositiveSmallIntegerField(
        _("Geförderte Reisetage (umweltfreundlich)"), default=6
    )
    inclusion = models.DecimalField(
        _("Inklusionsunterstützung je Teilnehmende/n"), max_digits=8, decimal_places=2
    )
    rates_are_examples = models.BooleanField(
        _("Tagessätze sind Beispielwerte"),
        default=True,
        help_text=_("Bis die Sätze der Nationalen Agentur eingetragen sind."),
    )
    source = models.CharField(_("Quelle"), max_length=255, blank=True)

    objects = PublicQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("programme rates")

    class Meta:
        ordering = ["-call_year"]
        verbose_name = _("Fördersätze einer Antragsrunde")
        verbose_name_plural = _("Fördersätze")

    def __str__(self):
        return str(self.call_year)


class TravelBand(models.Model):
    table = models.ForeignKey(RateTable, on_delete=models.CASCADE, related_name="bands")
    from_km = models.PositiveIntegerField(_("Von km"))
    to_km = models.PositiveIntegerField(_("Bis km"), null=True, blank=True)
    standard = models.DecimalField(_("Betrag Standard"), max_digits=8, decimal_places=2)
    green = models.DecimalField(
        _("Betrag umweltfreundlich"), max_digits=8, decimal_places=2, null=True, blank=True
    )

    PERSONAL_DATA = NoPersonalData("programme rates")

    class Meta:
        ordering = ["table", "from_km"]
        verbose_name = _("Entfernungsband")
        verbose_name_plural = _("Entfernungsbänder")
        constraints = [
            models.UniqueConstraint(fields=["table", "from_km"], name="travel_band_once")
        ]

    def __str__(self):
        return f"{self.from_km}–{self.to_km or '…'} km"


class DailyRate(models.Model):
    table = models.ForeignKey(RateTable, on_delete=models.CASCADE, related_name="daily_rates")
    participant_type = models.CharField(_("Teilnehmendenart"), max_length=30)
    country_group = models.PositiveSmallIntegerField(
        _("Ländergruppe"), choices=[(1, "1"), (2, "2"), (3, "3")]
    )
    amount = models.DecimalField(
        _("Tagessatz"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )

    PERSONAL_DATA = NoPersonalData("programme rates")

    class Meta:
        ordering = ["table", "participant_type", "country_group"]
        verbose_name = _("Tagessatz")
        verbose_name_plural = _("Tagessätze")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "participant_type", "country_group"], name="daily_rate_once"
            )
        ]

    def __str__(self):
        return f"{self.participant_type} / {self.country_group}: {self.amount}"


class TypeRate(models.Model):
    """Organisational support per participant of a type."""

    table = models.ForeignKey(RateTable, on_delete=models.CASCADE, related_name="type_rates")
    participant_type = models.CharField(_("Teilnehmendenart"), max_length=30)
    organisational = models.DecimalField(
        _("Organisatorische Unterstützung"), max_digits=8, decimal_places=2
    )

    PERSONAL_DATA = NoPersonalData("programme rates")

    class Meta:
        ordering = ["table", "participant_type"]
        verbose_name = _("Organisationspauschale")
        verbose_name_plural = _("Organisationspauschalen")
        constraints = [
            models.UniqueConstraint(fields=["table", "participant_type"], name="type_rate_once")
        ]

    def __str__(self):
        return f"{self.participant_type}: {self.organisational}"
