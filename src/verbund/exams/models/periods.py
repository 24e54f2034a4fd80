"""Exam periods, the availability poll, candidates and sittings."""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Occupation, Organization
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.exams.models.pool import Board, Examiner, _scope
from verbund.exams.querysets import ChamberNetworkQuerySet, ExaminerPartQuerySet, PeriodPartQuerySet
from verbund.networks.models import Network


class PlanGoal(models.TextChoices):
    """The goal modes of the solver (solver/goals.py), in planner words."""

    BALANCED = "balanced", _("Ausgewogen (Gewichte in Euro)")
    CONTINUITY = "continuity", _("Feste Besetzung der Ausschüsse zuerst")
    TRAVEL = "travel", _("Kurze Anfahrt zuerst")
    LOAD = "load", _("Gerechte Verteilung zuerst")


class ExamPeriod(models.Model):
    """A period of final exams (e.g. "Sommer 2027") planned by one chamber for the pool.

    ``goal`` and the two euro values are the planner's weights for the balanced plan
    (travel is priced with the chamber's rate per km of the period's year). ``version``
    counts plan changes: a planner's edit sent with an older version is refused.
    """

    name = models.CharField(_("Name"), max_length=120)
    chamber = models.ForeignKey(
        Organization,
        verbose_name=_("Planende Kammer"),
        on_delete=models.PROTECT,
        related_name="exam_periods",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("Gemeinsamer Prüferpool"),
        on_delete=models.PROTECT,
        related_name="exam_periods",
    )
    start = models.DateField(_("Beginn"))
    end = models.DateField(_("Ende"))
    poll_deadline = models.DateField(_("Rückmeldung zur Verfügbarkeit bis"), null=True, blank=True)
    solved_at = models.DateTimeField(_("Zuletzt geplant"), null=True, blank=True)
    published_at = models.DateTimeField(_("Veröffentlicht"), null=True, blank=True)
    plan_summary = models.JSONField(
        _("Kennzahlen des Plans"), default=dict, blank=True, encoder=JSONEncoder
    )
    goal = models.CharField(
        _("Planungsziel"), max_length=12, choices=PlanGoal.choices, default=PlanGoal.BALANCED
    )
    euro_per_board_change = models.DecimalField(
        _("Wert eines zusätzlichen Prüfers im Ausschuss (€)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("30.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10_000))],
        help_text=_(
            "Was es Ihnen wert ist, dass ein Ausschuss mit einer Person weniger auskommt "
            "(Einweisung, einheitliche Bewertung)."
        ),
    )
    euro_per_sitting_above_fair = models.DecimalField(
        _("Wert eines Einsatzes über dem gerechten Anteil (€)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("30.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(10_000))],
        help_text=_(
            "Was es Ihnen wert ist, eine ehrenamtliche Person nicht öfter als ihren "
            "gerechten Anteil einzusetzen."
        ),
    )
    plan_changed_at = models.DateTimeField(
        _("Plan zuletzt geändert"), null=True, blank=True, editable=False
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    # [sitting code, examiner pk, group] of every assignment at the last publication
    published_plan = models.JSONField(default=list, blank=True, editable=False, encoder=JSONEncoder)

    objects = ChamberNetworkQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("a period of exams, no person in it")

    class Meta:
        ordering = ["-start"]
        verbose_name = _("Prüfungszeitraum")
        verbose_name_plural = _("Prüfungszeiträume")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exams:period_detail", args=[self.pk])

    def permission_scope(self):
        return _scope(self.chamber_id, self.network_id)

    @property
    def unpublished_changes(self) -> bool:
        """The plan changed after the last publication (or was never published)."""
        if self.plan_changed_at is None:
            return False
        return self.published_at is None or self.plan_changed_at > self.published_at

    def dates(self) -> list[datetime.date]:
        """The weekdays of the period (the poll's calendar)."""
        days, day = [], self.start
        while day <= self.end:
            if day.weekday() < 5:
                days.append(day)
            day += datetime.timedelta(days=1)
        return days


class Availability(models.Model):
    """One examiner's answer to the availability poll of one period (personal token link)."""

    period = models.ForeignKey(ExamPeriod, on_delete=models.CASCADE, related_name="availabilities")
    examiner = models.ForeignKey(Examiner, on_delete=models.CASCADE, related_name="availabilities")
    token = models.CharField(max_length=64, unique=True)
    dates = models.JSONField(_("Verfügbare Tage"), default=list, blank=True, encoder=JSONEncoder)
    answered_at = models.DateTimeField(_("Beantwortet"), null=True, blank=True)
    # The personal link goes out by mail only; staff see when, never the link itself.
    sent_at = models.DateTimeField(_("Link gesendet am"), null=True, blank=True)

    objects = ExaminerPartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="examiner__person",
        fields=("period", "dates", "answered_at", "sent_at"),
        on_erase="delete",
    )

    class Meta:
        verbose_name = _("Verfügbarkeit")
        verbose_name_plural = _("Verfügbarkeiten")
        constraints = [
            models.UniqueConstraint(fields=["period", "examiner"], name="exams_one_poll_answer")
        ]

    def __str__(self):
        return f"{self.examiner} – {self.period}"

    def get_absolute_url(self):
        return reverse("exams:availability", args=[self.token])

    def permission_scope(self):
        return self.examiner.permission_scope()

    def available_dates(self) -> list[datetime.date]:
        return [datetime.date.fromisoformat(value) for value in self.dates]


class Candidate(models.Model):
    """An apprentice taking an exam, with the training company (for conflict checks)."""

    number = models.CharField(_("Prüflingsnummer"), max_length=30, unique=True)
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    company = models.ForeignKey(
        Organization,
        verbose_name=_("Ausbildungsbetrieb"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exam_candidates",
    )

    PERSONAL_DATA = PersonalData(
        fields=("number", "first_name", "last_name", "company"),
        anonymise={"first_name": "", "last_name": ""},
        reason="exam records are kept; the name is removed",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("Prüfling")
        verbose_name_plural = _("Prüflinge")

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.number})"


class Sitting(models.Model):
    """One exam day of a board: where, which occupation, how many seats per group."""

    period = models.ForeignKey(
        ExamPeriod, on_delete=models.CASCADE, related_name="sittings", verbose_name=_("Zeitraum")
    )
    code = models.CharField(_("Kennung"), max_length=40)
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="sittings", verbose_name=_("Ausschuss")
    )
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="sittings", verbose_name=_("Beruf")
    )
    date = models.DateField(_("Datum"))
    start_time = models.TimeField(_("Beginn"), default=datetime.time(8, 0))
    end_time = models.TimeField(_("Ende"), default=datetime.time(16, 0))
    place = models.CharField(_("Ort"), max_length=200)
    lat = models.FloatField(_("Breite"))
    lon = models.FloatField(_("Länge"))
    seats_employer = models.PositiveSmallIntegerField(_("Plätze Arbeitgeber"), default=1)
    seats_employee = models.PositiveSmallIntegerField(_("Plätze Arbeitnehmer"), default=1)
    seats_teacher = models.PositiveSmallIntegerField(_("Plätze Lehrkräfte"), default=1)
    candidates = models.ManyToManyField(
        Candidate, verbose_name=_("Prüflinge"), blank=True, related_name="sittings"
    )

    objects = PeriodPartQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("candidates are in Candidate")

    class Meta:
        ordering = ["date", "code"]
        verbose_name = _("Prüfungstermin")
        verbose_name_plural = _("Prüfungstermine")
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="exams_sitting_code_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.date:%d.%m.%Y} {self.occupation.name}"

    def get_absolute_url(self):
        return reverse("exams:sitting_detail", args=[self.pk])

    def permission_scope(self):
        return self.period.permission_scope()

    def seats(self) -> dict[str, int]:
        return {
            "employer": self.seats_employer,
            "employee": self.seats_employee,
            "teacher": self.seats_teacher,
        }

    def clean(self):
        from django.core.exceptions import ValidationError

        from verbund.exams.services import composition

        errors = composition.seat_errors(self.seats())
        if self.period_id and self.date and not self.period.start <= self.date <= self.period.end:
            errors.append(_("Das Datum liegt außerhalb des Prüfungszeitraums."))
        if errors:
            raise ValidationError(errors)
