"""What a company brings to a Verbund: its training profile, apprentices, trainers, stations.

A station is a place where an apprentice of another company learns one plan position for
some weeks (a partner company or a training provider offers it).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.apprenticeship.querysets import (
    ApprenticeQuerySet,
    OrganizationOwnedQuerySet,
    PartnerRequestQuerySet,
    StationQuerySet,
)
from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Occupation, Organization, Person
from verbund.core.personal_data import NoPersonalData, PersonalData

from .plans import PlanPosition


class Land(models.TextChoices):
    """The Länder (codes of the ``holidays`` package) for public holidays."""

    BW = "BW", _("Baden-Württemberg")
    BY = "BY", _("Bayern")
    BE = "BE", _("Berlin")
    BB = "BB", _("Brandenburg")
    HB = "HB", _("Bremen")
    HH = "HH", _("Hamburg")
    HE = "HE", _("Hessen")
    MV = "MV", _("Mecklenburg-Vorpommern")
    NI = "NI", _("Niedersachsen")
    NW = "NW", _("Nordrhein-Westfalen")
    RP = "RP", _("Rheinland-Pfalz")
    SL = "SL", _("Saarland")
    SN = "SN", _("Sachsen")
    ST = "ST", _("Sachsen-Anhalt")
    SH = "SH", _("Schleswig-Holstein")
    TH = "TH", _("Thüringen")


def _scope(organization_id):
    from verbund.core.services.access import Scope

    return Scope(organization_ids={organization_id})


class TrainingProfile(models.Model):
    """Which weeks of an occupation's plan a company teaches itself (``covers``)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Betrieb"),
        on_delete=models.CASCADE,
        related_name="training_profiles",
    )
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("Ausbildungsberuf"),
        on_delete=models.PROTECT,
        related_name="training_profiles",
    )
    land = models.CharField(_("Bundesland"), max_length=2, choices=Land.choices, default=Land.NW)
    capacity = models.PositiveSmallIntegerField(
        _("Ausbildungsplätze je Jahrgang"), default=1, validators=[MinValueValidator(1)]
    )
    # position code -> {training period -> weeks taught at home}
    covers = models.JSONField(
        _("Selbst vermittelte Wochen"), default=dict, blank=True, encoder=JSONEncoder
    )
    # what teaching a missing position alone would cost: the cost split compares with it
    own_cost_per_week = models.DecimalField(
        _("Eigene Kosten je Ausbildungswoche (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Was eine Woche Ausbildung in einer Position, die der Betrieb nicht selbst "
            "vermittelt, ihn allein kosten würde (Ausstattung, Ausbilderzeit). Leer lassen, "
            "wenn nicht bekannt."
        ),
    )
    notes = models.TextField(_("Hinweise"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationOwnedQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("what a company teaches")

    class Meta:
        ordering = ["organization__name", "occupation__name"]
        verbose_name = _("Ausbildungsprofil")
        verbose_name_plural = _("Ausbildungsprofile")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "occupation"], name="one_profile_per_occupation"
            )
        ]

    def __str__(self):
        return f"{self.organization} – {self.occupation}"

    def get_absolute_url(self):
        return reverse("apprenticeship:profile_detail", args=[self.pk])

    def permission_scope(self):
        return _scope(self.organization_id)


class Apprentice(models.Model):
    profile = models.ForeignKey(
        TrainingProfile,
        verbose_name=_("Ausbildungsprofil"),
        on_delete=models.CASCADE,
        related_name="apprentices",
    )
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    start_date = models.DateField(_("Ausbildungsbeginn"))
    school = models.CharField(_("Berufsschule"), max_length=200, blank=True)
    # training weeks (1 = first week of the training) spent at school in blocks
    school_weeks = models.JSONField(
        _("Berufsschul-Blockwochen"), default=list, blank=True, encoder=JSONEncoder
    )
    vacation_weeks = models.JSONField(
        _("Urlaubswochen"), default=list, blank=True, encoder=JSONEncoder
    )

    objects = ApprenticeQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        fields=("first_name", "last_name", "start_date", "school"),
        on_erase="anonymise",
        anonymise={"first_name": "Gelöscht", "last_name": "Gelöscht", "school": ""},
        reason="the rotation plan of the Verbund keeps the anonymised row",
    )

    class Meta:
        ordering = ["profile", "last_name", "first_name"]
        verbose_name = _("Auszubildende/r")
        verbose_name_plural = _("Auszubildende")

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return self.profile.get_absolute_url()

    def permission_scope(self):
        return _scope(self.profile.organization_id)


class Trainer(models.Model):
    """A trainer with the AEVO qualification, responsible for plan positions (BBiG §10(5))."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("Betrieb"), on_delete=models.CASCADE, related_name="trainers"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.CASCADE, related_name="trainer_roles"
    )
    aevo_certificate = models.CharField(_("AEVO-Zeugnis (Nummer)"), max_length=60, blank=True)
    aevo_date = models.DateField(_("AEVO bestanden am"), null=True, blank=True)
    aevo_chamber = models.ForeignKey(
        Organization,
        verbose_name=_("Zuständige Kammer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certified_trainers",
    )
    positions = models.ManyToManyField(
        PlanPosition, verbose_name=_("Verantwortlich für"), blank=True, related_name="trainers"
    )

    objects = OrganizationOwnedQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="person",
        fields=("aevo_certificate", "aevo_date", "aevo_chamber"),
        on_erase="delete",
    )

    class Meta:
        ordering = ["organization__name", "person__last_name"]
        verbose_name = _("Ausbilder/in")
        verbose_name_plural = _("Ausbilder/innen")

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("apprenticeship:trainer_list")

    def permission_scope(self):
        return _scope(self.organization_id)

    @property
    def qualified(self) -> bool:
        return self.aevo_date is not None


class Station(models.Model):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Anbieter"),
        on_delete=models.CASCADE,
        related_name="training_stations",
    )
    position = models.ForeignKey(
        PlanPosition,
        verbose_name=_("Berufsbildposition"),
        on_delete=models.PROTECT,
        related_name="stations",
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("Plätze gleichzeitig"), default=1, validators=[MinValueValidator(1)]
    )
    min_weeks = models.PositiveSmallIntegerField(
        _("Mindestens Wochen je Einsatz"), default=2, validators=[MinValueValidator(1)]
    )
    max_weeks = models.PositiveSmallIntegerField(
        _("Höchstens Wochen je Einsatz"), default=6, validators=[MinValueValidator(1)]
    )
    cost_per_week = models.DecimalField(
        _("Kosten je Woche (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    # training weeks in which the station takes apprentices; empty: every week
    available_weeks = models.JSONField(
        _("Verfügbare Ausbildungswochen"), default=list, blank=True, encoder=JSONEncoder
    )
    lat = models.FloatField(_("Breite"), null=True, blank=True)
    lon = models.FloatField(_("Länge"), null=True, blank=True)
    active = models.BooleanField(_("Aktiv"), default=True)

    objects = StationQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("an offer of an organization")

    class Meta:
        ordering = ["organization__name", "name"]
        verbose_name = _("Ausbildungsstation")
        verbose_name_plural = _("Ausbildungsstationen")

    def __str__(self):
        return f"{self.name} ({self.organization})"

    def get_absolute_url(self):
        return reverse("apprenticeship:station_list")

    def permission_scope(self):
        return _scope(self.organization_id)

    @property
    def location(self):
        lat = self.lat if self.lat is not None else self.organization.lat
        lon = self.lon if self.lon is not None else self.organization.lon
        return (lat, lon) if lat is not None and lon is not None else None


class PartnerRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Offen")
        ACCEPTED = "accepted", _("Angenommen")
        DECLINED = "declined", _("Abgelehnt")

    requester = models.ForeignKey(
        Organization,
        verbose_name=_("Anfragender Betrieb"),
        on_delete=models.CASCADE,
        related_name="sent_partner_requests",
    )
    partner = models.ForeignKey(
        Organization,
        verbose_name=_("Angefragter Partner"),
        on_delete=models.CASCADE,
        related_name="partner_requests",
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("Ausbildungsberuf"), on_delete=models.PROTECT
    )
    stations = models.ManyToManyField(Station, verbose_name=_("Stationen"), blank=True)
    weeks = models.PositiveSmallIntegerField(_("Wochen insgesamt"), default=0)
    message = models.TextField(_("Nachricht"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("Antwort"), blank=True)

    objects = PartnerRequestQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="created_by",
        fields=("message", "created_at"),
        on_erase="keep",
        reason="a request between two companies; the user link is cleared with the account",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Partneranfrage")
        verbose_name_plural = _("Partneranfragen")

    def __str__(self):
        return f"{self.requester} → {self.partner} ({self.occupation})"

    def get_absolute_url(self):
        return reverse("apprenticeship:request_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope(organization_ids={self.requester_id, self.partner_id})
