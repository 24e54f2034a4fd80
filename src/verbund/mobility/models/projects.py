"""Projects, placements abroad, applications and the stays they lead to."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Occupation, Organization, Person
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.mobility.querysets import (
    PlacementQuerySet,
    ProjectPartQuerySet,
    ProjectQuerySet,
)
from verbund.networks.models import Network


class ParticipantType(models.TextChoices):
    LEARNER_SHORT = "learner_short", _("Auszubildende: Kurzzeitaufenthalt (10–89 Tage)")
    LEARNER_LONG = "learner_long", _("Auszubildende: ErasmusPro (90–365 Tage)")
    STAFF_JOB_SHADOWING = "staff_job_shadowing", _("Personal: Job Shadowing (2–60 Tage)")
    STAFF_TEACHING = "staff_teaching", _("Personal: Lehr- oder Ausbildungstätigkeit (2–365 Tage)")
    STAFF_COURSE = "staff_course", _("Personal: Kurs oder Fortbildung (2–30 Tage)")


class Language(models.TextChoices):
    FR = "fr", _("Französisch")
    EN = "en", _("Englisch")
    DE = "de", _("Deutsch")
    ES = "es", _("Spanisch")
    IT = "it", _("Italienisch")
    PL = "pl", _("Polnisch")


class CEFR(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class Need(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("rollstuhlgerecht")
    STEP_FREE = "step_free", _("stufenlos erreichbar")
    HEARING = "hearing", _("für Hörbehinderte geeignet")
    VISION = "vision", _("für Sehbehinderte geeignet")


COUNTRY_NAMES = {
    "DE": _("Deutschland"),
    "FR": _("Frankreich"),
    "ES": _("Spanien"),
    "IT": _("Italien"),
    "IE": _("Irland"),
    "PL": _("Polen"),
    "PT": _("Portugal"),
    "NL": _("Niederlande"),
    "BE": _("Belgien"),
    "AT": _("Österreich"),
    "CZ": _("Tschechien"),
    "DK": _("Dänemark"),
}


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code.upper(), code))


class MobilityProject(models.Model):
    """An Erasmus+ project (Förderprojekt) of a sending organization within a partnership."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("Partnerschaft"),
        on_delete=models.PROTECT,
        related_name="mobility_projects",
        limit_choices_to={"kind": Network.Kind.PARTNERSCHAFT},
    )
    beneficiary = models.ForeignKey(
        Organization,
        verbose_name=_("Entsendende Einrichtung (Begünstigte)"),
        on_delete=models.PROTECT,
        related_name="mobility_projects",
    )
    title = models.CharField(_("Titel"), max_length=200)
    reference = models.CharField(_("Projektnummer"), max_length=60, blank=True)
    call_year = models.PositiveSmallIntegerField(_("Antragsrunde (Jahr)"))
    start = models.DateField(_("Projektbeginn"))
    end = models.DateField(_("Projektende"))
    granted_amount = models.DecimalField(
        _("Bewilligte Fördersumme (EUR)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    objects = ProjectQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("a funding project of organizations")

    class Meta:
        ordering = ["-call_year", "title"]
        verbose_name = _("Mobilitätsprojekt")
        verbose_name_plural = _("Mobilitätsprojekte")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mobility:project_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        network = self.network.permission_scope()
        return Scope(
            organization_ids={self.beneficiary_id} | network.organization_ids,
            network_ids={self.network_id},
        )

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})


class Placement(models.Model):
    """A place a host organization abroad offers for stays (Praktikums-/Lernplatz)."""

    network = models.ForeignKey(
        Network, verbose_name=_("Partnerschaft"), on_delete=models.CASCADE, related_name="+"
    )
    host = models.ForeignKey(
        Organization,
        verbose_name=_("Aufnehmende Einrichtung"),
        on_delete=models.PROTECT,
        related_name="mobility_placements",
    )
    title = models.CharField(_("Bezeichnung"), max_length=200)
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("Ausbildungsberufe"), related_name="mobility_placements"
    )
    language = models.CharField(_("Arbeitssprache"), max_length=2, choices=Language.choices)
    min_level = models.CharField(
        _("Mindestniveau (GER)"), max_length=2, choices=CEFR.choices, default=CEFR.A2
    )
    start = models.DateField(_("Verfügbar ab"))
    end = models.DateField(_("Verfügbar bis"))
    capacity = models.PositiveSmallIntegerField(
        _("Plätze gleichzeitig"), default=1, validators=[MinValueValidator(1)]
    )
    accessible = models.JSONField(
        _("Barrierefreiheit"), default=list, blank=True, encoder=JSONEncoder
    )
    city = models.CharField(_("Ort"), max_length=120)
    country = models.CharField(_("Land (ISO)"), max_length=2, default="FR")
    lat = models.FloatField(_("Breite"), null=True, blank=True)
    lon = models.FloatField(_("Länge"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    objects = PlacementQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("a placement offered by an organization")

    class Meta:
        ordering = ["start", "title"]
        verbose_name = _("Platz im Ausland")
        verbose_name_plural = _("Plätze im Ausland")

    def __str__(self):
        return f"{self.title} – {self.host.short_name or self.host.name}"

    def get_absolute_url(self):
        return reverse("mobility:placement_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        network = self.network.permission_scope()
        return Scope(
            organization_ids={self.host_id} | network.organization_ids,
            network_ids={self.network_id},
        )

    @property
    def accessible_labels(self) -> list[str]:
        return [Need(code).label for code in self.accessible or [] if code in Need.values]

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})
        unknown = set(self.accessible or []) - set(Need.values)
        if unknown:
            raise ValidationError({"accessible": _("Unbekannte Angabe zur Barrierefreiheit.")})


class Application(models.Model):
    """A participant's application for a stay abroad (Bewerbung)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        SUBMITTED = "submitted", _("Eingereicht")
        APPROVED = "approved", _("Vom Ausbildungsbetrieb freigegeben")
        MATCHED = "matched", _("Platz zugeteilt")
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    project = models.ForeignKey(
        MobilityProject,
        verbose_name=_("Projekt"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("Teilnehmer/in"), on_delete=models.PROTECT, related_name="+"
    )
    participant_type = models.CharField(
        _("Art des Aufenthalts"),
        max_length=30,
        choices=ParticipantType.choices,
        default=ParticipantType.LEARNER_SHORT,
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("Ausbildungsberuf"), on_delete=models.PROTECT, related_name="+"
    )
    training_company = models.ForeignKey(
        Organization,
        verbose_name=_("Ausbildungsbetrieb"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    school = models.ForeignKey(
        Organization,
        verbose_name=_("Berufsschule"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    home_city = models.CharField(_("Wohnort (Abreiseort)"), max_length=120)
    languages = models.JSONField(
        _("Sprachkenntnisse (GER)"), default=dict, blank=True, encoder=JSONEncoder
    )
    earliest = models.DateField(_("Frühester Beginn"))
    latest = models.DateField(_("Spätestes Ende"))
    days = models.PositiveSmallIntegerField(_("Gewünschte Dauer (Tage)"))
    needs = models.JSONField(_("Bedarfe"), default=list, blank=True, encoder=JSONEncoder)
    fewer_opportunities = models.BooleanField(_("Geringere Chancen (Inklusion)"), default=False)
    green_travel = models.BooleanField(_("Umweltfreundliche Anreise"), default=False)
    preferences = models.JSONField(
        _("Wunschplätze (in Reihenfolge)"), default=list, blank=True, encoder=JSONEncoder
    )
    training_start = models.DateField(_("Ausbildungsbeginn"))
    training_end = models.DateField(_("Ausbildungsende"))
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    consent_at = models.DateTimeField(
        _("Einwilligung der/des Teilnehmenden"), null=True, blank=True
    )
    company_approved_at = models.DateTimeField(_("Freigabe des Betriebs"), null=True, blank=True)
    company_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    school_informed_at = models.DateTimeField(_("Berufsschule informiert"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectPartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="person",
        fields=(
            "participant_type",
            "occupation",
            "home_city",
            "languages",
            "earliest",
            "latest",
            "days",
            "needs",
            "fewer_opportunities",
            "status",
            "consent_at",
        ),
        on_erase="delete",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Bewerbung")
        verbose_name_plural = _("Bewerbungen")

    def __str__(self):
        return f"{self.person} – {self.occupation}"

    def get_absolute_url(self):
        return reverse("mobility:application_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        scope = self.project.permission_scope()
        return Scope(scope.organization_ids | {self.training_company_id}, scope.network_ids)

    def clean(self):
        errors = {}
        if self.earliest and self.latest and self.latest < self.earliest:
            errors["latest"] = _("Das Ende liegt vor dem Beginn.")
        if self.training_start and self.training_end and self.training_end <= self.training_start:
            errors["training_end"] = _("Das Ausbildungsende liegt vor dem Beginn.")
        if errors:
            raise ValidationError(errors)
