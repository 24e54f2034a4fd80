"""Financing plans of funded networks: lines, receipts, co-funders, calls for funds.

Thin rows; every figure (spent, eligible, the 20 % rule, grant, co-funder amounts, balance)
is computed by ``services.budget`` with the pure code of ``services.proof_of_use``.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.funding.querysets import CofunderQuerySet, FinancingPlanQuerySet, PlanPartQuerySet
from verbund.funding.services.proof_of_use import Financing
from verbund.networks.models import Network

RETENTION_YEARS = 10  # ANBest-P / ESF: receipts are kept 10 years after the project's end
MONEY = {"max_digits": 14, "decimal_places": 2}
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class FinancingPlan(models.Model):
    """One funder's approved plan for one network and year (Finanzierungsplan)."""

    class Kind(models.TextChoices):
        SHARE = Financing.SHARE, _("Anteilsfinanzierung")
        DEFICIT = Financing.DEFICIT, _("Fehlbedarfsfinanzierung")
        FIXED = Financing.FIXED, _("Festbetragsfinanzierung")

    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        related_name="financing_plans",
        verbose_name=_("Netzwerk"),
    )
    year = models.PositiveSmallIntegerField(
        _("Förderjahr"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    funder = models.CharField(_("Zuwendungsgeber"), max_length=200)
    programme = models.CharField(_("Förderprogramm"), max_length=200, blank=True)
    period_start = models.DateField(_("Bewilligungszeitraum von"))
    period_end = models.DateField(_("Bewilligungszeitraum bis"))
    project_end = models.DateField(
        _("Projektende"),
        help_text=_("Ab diesem Tag läuft die Aufbewahrungsfrist der Belege (10 Jahre)."),
    )
    financing = models.CharField(_("Finanzierungsart"), max_length=20, choices=Kind.choices)
    share_percent = models.DecimalField(
        _("Förderquote (%)"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    max_grant = models.DecimalField(
        _("Bewilligter Höchstbetrag"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY
    )
    fixed_amount = models.DecimalField(
        _("Festbetrag"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY
    )
    own_funds = models.DecimalField(
        _("Eigenmittel"), default=Decimal("0"), validators=NOT_NEGATIVE, **MONEY
    )
    third_party_funds = models.DecimalField(
        _("Drittmittel"), default=Decimal("0"), validators=NOT_NEGATIVE, **MONEY
    )
    flat_rate_percent = models.DecimalField(
        _("Restkostenpauschale (% der direkten Personalkosten)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("40"))],
        help_text=_("ESF Plus, Art. 56: höchstens 40 %. Die Pauschale wird berechnet."),
    )
    notice_reference = models.CharField(_("Aktenzeichen des Bescheids"), max_length=100, blank=True)
    notice_date = models.DateField(_("Datum des Zuwendungsbescheids"), null=True, blank=True)
    notice_file = models.FileField(
        _("Zuwendungsbescheid (Datei)"), upload_to="funding/notices/%Y/", blank=True
    )
    notice_conditions = models.TextField(_("Auflagen und Nebenbestimmungen"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FinancingPlanQuerySet.as_manager()

    PERSONAL_DATA = NoPersonalData("a funder's plan of a network, no person")

    class Meta:
        ordering = ["network", "-year", "funder"]
        verbose_name = _("Finanzierungsplan")
        verbose_name_plural = _("Finanzierungspläne")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year", "funder"], name="funding_one_plan_per_funder_year"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="funding_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.network} – {self.funder} {self.year}"

    def get_absolute_url(self):
        return reverse("funding:plan_detail", args=[self.pk])

    def permission_scope(self):
        return self.network.permission_scope()

    @property
    def retention_until(self) -> datetime.date:
        end = self.project_end
        try:
            return end.replace(year=end.year + RETENTION_YEARS)
        except ValueError:  # 29 February
            return end.replace(year=end.year + RETENTION_YEARS, day=28)

    @property
    def share(self) -> Decimal | None:
        return None if self.share_percent is None else Decimal(str(self.share_percent)) / 100


class PlanPart(models.Model):
    """Base of the rows that belong to one financing plan and are kept with it."""

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def permission_scope(self):
        return self.plan.permission_scope()

    def get_absolute_url(self):
        return self.plan.get_absolute_url()


class BudgetLine(PlanPart):
    """An expenditure line of the plan (Personalausgaben, Sachausgaben, …)."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Direkte Personalkosten")
        OTHER = "other", _("Sonstige Ausgaben")
        FLAT_RATE = "flat_rate", _("Restkostenpauschale (berechnet)")

    plan = models.ForeignKey(
        FinancingPlan, on_delete=models.CASCADE, related_name="lines", verbose_name=_("Plan")
    )
    key = models.SlugField(_("Kürzel"), max_length=40)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    planned = models.DecimalField(_("Geplant"), validators=NOT_NEGATIVE, **MONEY)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    PERSONAL_DATA = NoPersonalData("a budget line, no person")

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("Ausgabenposition")
        verbose_name_plural = _("Ausgabenpositionen")
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="funding_line_key_unique")
        ]

    def __str__(self):
        return self.label


class Receipt(PlanPart):
    """A receipt (Beleg) booked on a line; kept until the retention period has ended."""

    plan = models.ForeignKey(
        FinancingPlan, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("Plan")
    )
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="receipts", verbose_name=_("Position")
    )
    number = models.CharField(_("Belegnummer"), max_length=40)
    date = models.DateField(_("Belegdatum"))
    amount = models.DecimalField(_("Betrag"), validators=NOT_NEGATIVE, **MONEY)
    payee = models.CharField(_("Empfänger"), max_length=200)
    purpose = models.CharField(_("Zweck"), max_length=300, blank=True)
    # ESF Plus Art. 55: staff costs = hours x annual gross employment costs / 1,720.
    staff_hours = models.DecimalField(
        _("Stunden"), max_digits=8, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    annual_gross_costs = models.DecimalField(
        _("Jahresbruttopersonalkosten"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY
    )
    file = models.FileField(
        _("Beleg (PDF oder Foto)"), upload_to="funding/receipts/%Y/", blank=True
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Erfasst von"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    PERSONAL_DATA = PersonalData(
        fields=("entered_by",),
        user_lookup="entered_by",
        on_erase="keep",
        reason="receipts must be kept 10 years; the account is anonymised itself",
    )

    class Meta:
        ordering = ["plan", "-date", "-pk"]
        verbose_name = _("Beleg")
        verbose_name_plural = _("Belege")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="funding_receipt_number_unique")
        ]
        indexes = [models.Index(fields=["plan", "line"])]

    def __str__(self):
        return f"{self.number} ({self.date:%d.%m.%Y})"


class Cofunder(PlanPart):
    """A co-funder carrying part of what the grant does not (e.g. a district), by its key."""

    plan = models.ForeignKey(
        FinancingPlan, on_delete=models.CASCADE, related_name="cofunders", verbose_name=_("Plan")
    )
    name = models.CharField(_("Name"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Organisation"),
        help_text=_("Deren Mitarbeitende sehen die eigene Rechnung."),
    )
    share_percent = models.DecimalField(
        _("Anteil (%)"),
        max_digits=9,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = CofunderQuerySet.as_manager()

    PERSONAL_DATA = NoPersonalData("a co-funding organization, no person")

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("Kofinanzierer")
        verbose_name_plural = _("Kofinanzierer")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("funding:cofunder_bill", args=[self.pk])


class FundsCall(PlanPart):
    """A call for funds (Mittelabruf) and what the funder paid on it."""

    plan = models.ForeignKey(
        FinancingPlan, on_delete=models.PROTECT, related_name="calls", verbose_name=_("Plan")
    )
    number = models.PositiveSmallIntegerField(_("Nummer"))
    called_on = models.DateField(_("Abgerufen am"))
    amount = models.DecimalField(_("Abgerufener Betrag"), validators=NOT_NEGATIVE, **MONEY)
    received_on = models.DateField(_("Eingegangen am"), null=True, blank=True)
    received_amount = models.DecimalField(
        _("Eingegangener Betrag"), null=True, blank=True, validators=NOT_NEGATIVE, **MONEY
    )

    PERSONAL_DATA = NoPersonalData("a call for funds, no person")

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("Mittelabruf")
        verbose_name_plural = _("Mittelabrufe")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="funding_call_number_unique")
        ]

    def __str__(self):
        return _("Mittelabruf %(number)s") % {"number": self.number}


class ProgressReport(PlanPart):
    """The Sachbericht of a period: drafted from the platform's data, edited by the
    coordination, released by the funded organization. A released version never changes;
    a correction is a new version that supersedes it."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Zwischennachweis")
        FINAL = "final", _("Verwendungsnachweis (Schlussnachweis)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        RELEASED = "released", _("Freigegeben")
        SUPERSEDED = "superseded", _("Ersetzt")

    plan = models.ForeignKey(
        FinancingPlan, on_delete=models.PROTECT, related_name="reports", verbose_name=_("Plan")
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("Berichtszeitraum von"))
    period_end = models.DateField(_("Berichtszeitraum bis"))
    version = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    # [{"key": "goals", "heading": "...", "text": "..."}, ...] in the order shown.
    sections = models.JSONField(_("Abschnitte"), default=list, encoder=JSONEncoder)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("Ersetzt Fassung"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("Freigegeben am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    PERSONAL_DATA = PersonalData(
        fields=("created_by", "released_by"),
        user_lookup="created_by",
        on_erase="keep",
        reason="a released proof of use is kept with the funder's files",
    )

    class Meta:
        ordering = ["plan", "-period_end", "-version"]
        verbose_name = _("Sachbericht")
        verbose_name_plural = _("Sachberichte")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "period_end", "version"], name="funding_report_version"
            )
        ]

    def __str__(self):
        return _("Sachbericht %(start)s–%(end)s, Fassung %(version)s") % {
            "start": self.period_start.strftime("%d.%m.%Y"),
            "end": self.period_end.strftime("%d.%m.%Y"),
            "version": self.version,
        }

    def get_absolute_url(self):
        return reverse("funding:report_detail", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT
