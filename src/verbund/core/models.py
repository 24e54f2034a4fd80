"""Shared vocabulary of every capability: regions, occupations, organizations, people, teams,
topics, audit."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from verbund.core.json_encoder import JSONEncoder
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.core.querysets import (
    OrganizationQuerySet,
    PersonQuerySet,
    PublicQuerySet,
)


class Region(models.Model):
    class Kind(models.TextChoices):
        LAND = "land", _("Land")
        LANDKREIS = "landkreis", _("Landkreis")
        KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
        MUNICIPALITY = "gemeinde", _("Gemeinde")
        DEPARTEMENT = "departement", _("Département")
        REGION_FR = "region_fr", _("Région")

    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    country = models.CharField(_("Land (ISO)"), max_length=2, default="DE")
    code = models.CharField(
        _("Amtlicher Schlüssel"), max_length=12, blank=True, help_text=_("AGS bzw. INSEE-Code")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    lat = models.FloatField(_("Breite"), null=True, blank=True)
    lon = models.FloatField(_("Länge"), null=True, blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "kind", "code"],
                condition=~models.Q(code=""),
                name="region_unique_official_code",
            )
        ]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """One entry of the Themenkatalog, shared by offers, needs, advice and events."""

    code = models.SlugField(_("Kürzel"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Oberthema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    label_de = models.CharField(_("Bezeichnung (deutsch)"), max_length=200)
    label_en = models.CharField(_("Bezeichnung (englisch)"), max_length=200)
    label_fr = models.CharField(_("Bezeichnung (französisch)"), max_length=200)
    synonyms = models.JSONField(_("Synonyme"), default=list, blank=True, encoder=JSONEncoder)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ["label_de"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        language = (get_language() or "de")[:2]
        return getattr(self, f"label_{language}", None) or self.label_de

    def label_in(self, language: str) -> str:
        with override(language):
            return self.label


class Occupation(models.Model):
    """A recognised training occupation (staatlich anerkannter Ausbildungsberuf).

    One list for every capability: examiner pools, Verbund training plans and stays abroad
    refer to the same rows.
    """

    code = models.CharField(_("Berufsnummer"), max_length=12, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    duration_months = models.PositiveSmallIntegerField(
        _("Ausbildungsdauer (Monate)"), null=True, blank=True
    )
    regulation = models.CharField(_("Ausbildungsordnung"), max_length=300, blank=True)

    objects = PublicQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("reference list of occupations")

    class Meta:
        ordering = ["name"]
        verbose_name = _("Ausbildungsberuf")
        verbose_name_plural = _("Ausbildungsberufe")

    def __str__(self):
        return self.name


class Organization(models.Model):
    class Kind(models.TextChoices):
        HWK = "hwk", _("Handwerkskammer")
        IHK = "ihk", _("Industrie- und Handelskammer")
        CMA = "cma", _("Chambre de Métiers et de l'Artisanat")
        CCI = "cci", _("Chambre de Commerce et d'Industrie")
        DISTRICT = "district", _("Kreis-/Départementverwaltung")
        MUNICIPALITY = "municipality", _("Kommune")
        COMPANY = "company", _("Unternehmen")
        PROVIDER = "provider", _("Bildungsanbieter")
        SCHOOL = "school", _("Berufsbildende Schule")
        UNIVERSITY = "university", _("Hochschule")
        DEVELOPMENT_AGENCY = "development_agency", _("Wirtschaftsförderung")
        JOB_CENTRE = "job_centre", _("Jobcenter / Arbeitsagentur")
        ASSOCIATION = "association", _("Verein / Verband")

    class SizeClass(models.TextChoices):
        MICRO = "1-9", _("1–9 Beschäftigte")
        SMALL = "10-49", _("10–49 Beschäftigte")
        MEDIUM = "50-249", _("50–249 Beschäftigte")
        LARGE = "250+", _("250 und mehr Beschäftigte")

    class WzSection(models.TextChoices):
        A = "A", _("A – Land- und Forstwirtschaft, Fischerei")
        B = "B", _("B – Bergbau")
        C = "C", _("C – Verarbeitendes Gewerbe")
        D = "D", _("D – Energieversorgung")
        E = "E", _("E – Wasserversorgung, Entsorgung")
        F = "F", _("F – Baugewerbe")
        G = "G", _("G – Handel, Kfz-Instandhaltung")
        H = "H", _("H – Verkehr und Lagerei")
        I = "I", _("I – Gastgewerbe")  # noqa: E741 - WZ 2008 section letter
        J = "J", _("J – Information und Kommunikation")
        K = "K", _("K – Finanz- und Versicherungsdienstleistungen")
        L = "L", _("L – Grundstücks- und Wohnungswesen")
        M = "M", _("M – Freiberufliche, wissenschaftliche, technische Dienstleistungen")
        N = "N", _("N – Sonstige wirtschaftliche Dienstleistungen")
        O = "O", _("O – Öffentliche Verwaltung")  # noqa: E741
        P = "P", _("P – Erziehung und Unterricht")
        Q = "Q", _("Q – Gesundheits- und Sozialwesen")
        R = "R", _("R – Kunst, Unterhaltung und Erholung")
        S = "S", _("S – Sonstige Dienstleistungen")
        T = "T", _("T – Private Haushalte")
        U = "U", _("U – Exterritoriale Organisationen")

    name = models.CharField(_("Name"), max_length=255)
    short_name = models.CharField(_("Kurzname"), max_length=80, blank=True)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    wz_section = models.CharField(
        _("Wirtschaftszweig (WZ 2008)"), max_length=1, choices=WzSection.choices, blank=True
    )
    size_class = models.CharField(
        _("Größenklasse"), max_length=10, choices=SizeClass.choices, blank=True
    )
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    country = models.CharField(_("Land (ISO)"), max_length=2, default="DE")
    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    lat = models.FloatField(_("Breite"), null=True, blank=True)
    lon = models.FloatField(_("Länge"), null=True, blank=True)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Gehört zu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subsidiaries",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("mail and phone of the organization's office, not of a person")

    class Meta:
        ordering = ["name"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("core:organization_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope(organization_ids={self.pk})


class Person(models.Model):
    """A contact person. Personal data: see PERSONAL_DATA and docs/privacy.md."""

    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    salutation = models.CharField(_("Anrede/Titel"), max_length=40, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    function = models.CharField(_("Funktion"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    consent_given_at = models.DateTimeField(_("Einwilligung erteilt am"), null=True, blank=True)
    consent_purpose = models.CharField(_("Zweck der Einwilligung"), max_length=255, blank=True)
    retain_until = models.DateField(_("Aufbewahren bis"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("Anonymisiert am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="",
        fields=(
            "salutation",
            "first_name",
            "last_name",
            "function",
            "email",
            "phone",
            "organization",
            "consent_given_at",
            "consent_purpose",
            "retain_until",
            "created_at",
        ),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.salutation, self.first_name, self.last_name) if part)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("core:person_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope(organization_ids={self.organization_id} if self.organization_id else set())


class Team(models.Model):
    """A group of users holding named permissions for one organization or one network."""

    name = models.CharField(_("Name"), max_length=120)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="teams",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("Netzwerk"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="teams",
    )
    permissions = models.JSONField(
        _("Berechtigungen"), default=list, blank=True, encoder=JSONEncoder
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("Mitglieder"), blank=True, related_name="teams"
    )

    PERSONAL_DATA = PersonalData(
        user_lookup="members",
        fields=("name", "organization", "network", "permissions"),
        on_erase="keep",
        reason="the deactivated account stays listed until an admin removes it",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organization__isnull=False, network__isnull=True)
                    | models.Q(organization__isnull=True, network__isnull=False)
                ),
                name="team_belongs_to_exactly_one_scope",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organization or self.network})"


class AuditEntry(models.Model):
    """One recorded change: who did what (dotted action code) to which object, and which fields."""

    timestamp = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("Aktion"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("Objekt"), max_length=255)
    changes = models.JSONField(_("Änderungen"), default=dict, blank=True, encoder=JSONEncoder)
    data = models.JSONField(default=dict, blank=True, encoder=JSONEncoder)

    PERSONAL_DATA = PersonalData(
        user_lookup="user",
        fields=("timestamp", "action", "object_repr"),
        on_erase="keep",
        reason="the log must stay; the account it points to is anonymised",
    )

    class Meta:
        ordering = ["-timestamp", "-pk"]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("Erstellt"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Zuletzt benutzt"), null=True, blank=True)
    expires_at = models.DateTimeField(_("Läuft ab"), null=True, blank=True)

    PERSONAL_DATA = PersonalData(
        user_lookup="user",
        fields=("name", "prefix", "created_at", "last_used_at"),
        on_erase="delete",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-Token")
        verbose_name_plural = _("API-Tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


# A model of this app kept in its own module (this one is long enough).
from verbund.core.job_models import (  # noqa: E402, F401
    Job,
    JobDelivery,
    SolverRun,
    SupervisedWork,
    WorkerBeat,
)
from verbund.core.legal_models import LegalText  # noqa: E402, F401
