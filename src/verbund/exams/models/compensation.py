"""Compensation of honorary examiners: rate tables per chamber and year, claims."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.models import Organization
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.exams.models.plan import Assignment
from verbund.exams.models.pool import _scope
from verbund.exams.querysets import ClaimQuerySet, RateQuerySet

ZERO = Decimal("0")


class RateTable(models.Model):
    """The chamber's compensation rules for one year (JVEG-based), as data."""

    chamber = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="exam_rates", verbose_name=_("Kammer")
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    hourly_loss = models.DecimalField(
        _("Verdienstausfall je angefangene Stunde"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    cap_hours_per_day = models.PositiveSmallIntegerField(_("Höchstens Stunden je Tag"), default=10)
    travel_per_km = models.DecimalField(
        _("Fahrtkosten je km"), max_digits=6, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    daily_allowance = models.DecimalField(
        _("Tagegeld"), max_digits=8, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    currency = models.CharField(_("Währung"), max_length=3, default="EUR")

    objects = RateQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("rates of a chamber")

    class Meta:
        ordering = ["chamber", "-year"]
        verbose_name = _("Entschädigungssätze")
        verbose_name_plural = _("Entschädigungssätze")
        constraints = [
            models.UniqueConstraint(fields=["chamber", "year"], name="exams_rate_once_per_year")
        ]

    def __str__(self):
        return f"{self.chamber} {self.year}"

    def get_absolute_url(self):
        return reverse("exams:rate_list")

    def permission_scope(self):
        return _scope(self.chamber_id, None)


class Claim(models.Model):
    """An examiner's claim after a sitting: hours and km; the chamber approves."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Eingereicht")
        APPROVED = "approved", _("Freigegeben")
        REJECTED = "rejected", _("Abgelehnt")

    assignment = models.OneToOneField(
        Assignment, on_delete=models.PROTECT, related_name="claim", verbose_name=_("Einsatz")
    )
    hours = models.DecimalField(
        _("Zeitaufwand (Stunden, mit Fahrt- und Wartezeit)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
    )
    km = models.DecimalField(
        _("Gefahrene km (hin und zurück)"),
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(ZERO)],
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    loss_amount = models.DecimalField(max_digits=9, decimal_places=2, default=ZERO)
    travel_amount = models.DecimalField(max_digits=9, decimal_places=2, default=ZERO)
    allowance_amount = models.DecimalField(max_digits=9, decimal_places=2, default=ZERO)
    total = models.DecimalField(_("Summe"), max_digits=9, decimal_places=2, default=ZERO)
    currency = models.CharField(max_length=3, default="EUR")
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Told to the examiner: a rejection without a reason cannot be answered or corrected.
    rejection_reason = models.TextField(_("Begründung der Ablehnung"), blank=True)

    objects = ClaimQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="assignment__examiner__person",
        fields=("hours", "km", "status", "total", "submitted_at", "decided_at", "rejection_reason"),
        on_erase="keep",
        reason="payment records must be kept for tax law (§ 147 AO)",
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("Entschädigungsantrag")
        verbose_name_plural = _("Entschädigungsanträge")

    def __str__(self):
        return f"{self.assignment} – {self.total} {self.currency}"

    def get_absolute_url(self):
        return reverse("exams:claim_list")

    def permission_scope(self):
        board = self.assignment.sitting.board
        return _scope(board.chamber_id, self.assignment.sitting.period.network_id)
