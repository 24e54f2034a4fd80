"""A Verbund of kind Ausbildungsverbund: its model and its rotation plan runs."""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.apprenticeship.querysets import RotationRunQuerySet
from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Occupation, Organization, SolverRun
from verbund.core.personal_data import NoPersonalData, PersonalData


class VerbundModel(models.TextChoices):
    """The four organisational models and who pays (docs/apprenticeship.md)."""

    CONTRACTED = "auftrag", _("Auftragsausbildung")
    LEAD = "leitbetrieb", _("Leitbetrieb mit Partnerbetrieben")
    CONSORTIUM = "konsortium", _("Ausbildungskonsortium")
    ASSOCIATION = "verein", _("Ausbildungsverein")


class VerbundSetup(models.Model):
    """The Verbundausbildung side of a network: its model and cost parameters."""

    network = models.OneToOneField(
        "networks.Network",
        verbose_name=_("Verbund"),
        on_delete=models.CASCADE,
        related_name="apprenticeship_setup",
    )
    model = models.CharField(
        _("Verbundmodell"),
        max_length=20,
        choices=VerbundModel.choices,
        default=VerbundModel.CONTRACTED,
    )
    lead = models.ForeignKey(
        Organization,
        verbose_name=_("Leitbetrieb / Träger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_fixed_eur = models.DecimalField(
        _("Fixkosten je Partner und Betrieb (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("300"),
    )
    travel_eur_per_km = models.DecimalField(
        _("Fahrtkosten je km (EUR)"), max_digits=5, decimal_places=2, default=Decimal("0.30")
    )

    PERSONAL_DATA = NoPersonalData("settings of a network")

    class Meta:
        verbose_name = _("Verbundausbildung eines Verbunds")
        verbose_name_plural = _("Verbundausbildung der Verbünde")

    def __str__(self):
        return str(self.network)

    def permission_scope(self):
        return self.network.permission_scope()

    @property
    def uncovered_weeks(self) -> int:
        return sum(int(u.get("weeks", 0)) for u in self.plan.get("uncovered", []))


class RotationRun(SolverRun):
    """One computation of a Verbund's rotation plan (a background task) and its result."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("Verbund"),
        on_delete=models.CASCADE,
        related_name="rotation_runs",
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("Ausbildungsberuf"), on_delete=models.PROTECT
    )
    # apprentices who started in this year: their week numbers share one calendar
    cohort = models.PositiveSmallIntegerField(_("Ausbildungsbeginn (Jahr)"))
    # the instance and plan in the JSON batch format (docs/apprenticeship.md)
    instance = models.JSONField(default=dict, blank=True, encoder=JSONEncoder)
    plan = models.JSONField(default=dict, blank=True, encoder=JSONEncoder)
    # solver ids -> database rows, to show names
    labels = models.JSONField(default=dict, blank=True, encoder=JSONEncoder)

    objects = RotationRunQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="created_by",
        fields=("created_at",),
        on_erase="keep",
        reason="the plan refers to apprentices by id only; names are looked up live",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Rotationsplan")
        verbose_name_plural = _("Rotationspläne")

    def __str__(self):
        # Local time (Europe/Berlin): the stored value is UTC (issue 25: names showed UTC).
        created = timezone.localtime(self.created_at) if self.created_at else None
        when = f" ({created:%d.%m.%Y %H:%M})" if created else ""
        return f"{self.network} – {self.occupation} {self.cohort}{when}"

    def get_absolute_url(self):
        return reverse("apprenticeship:run_detail", args=[self.pk])

    def permission_scope(self):
        return self.network.permission_scope()

    @property
    def uncovered_weeks(self) -> int:
        return sum(int(u.get("weeks", 0)) for u in self.plan.get("uncovered", []))
