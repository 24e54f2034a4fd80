"""The continuing-education database: offers and their runs (openQ-cat shape), synonyms.

An offer (openQ-cat ``SERVICE`` with ``EDUCATION@type=true``) has many runs (scheduled
dates, ``EDUCATION@type=false``). The search index beside the database is fed from
``IndexChange`` rows written in the same transaction as the change (services/indexing.py).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization, Person, Region, Topic
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.courses.querysets import (
    OfferQuerySet,
    RunQuerySet,
    SynonymQuerySet,
)

# Teaching-format codes of the Federal Employment Agency (openQ-cat INSTRUCTION_FORM@type).
INSTRUCTION_CODES = [
    (101, _("101 Präsenz: Vollzeit-Unterricht")),
    (102, _("102 Präsenz: Teilzeit-Unterricht")),
    (103, _("103 Präsenz: Blockunterricht")),
    (104, _("104 Präsenz: Inhouse-Schulung")),
    (105, _("105 Präsenz: Praktikum / betriebliche Phase")),
    (201, _("201 Digital: virtuelles Klassenzimmer")),
    (202, _("202 Digital: Selbstlernen mit Betreuung")),
    (203, _("203 Digital: Webinar")),
    (204, _("204 Digital: E-Learning ohne Betreuung")),
    (205, _("205 Digital: Blended Online")),
    (206, _("206 Digital: sonstige Form")),
    (301, _("301 Hybrid: Präsenz und Online")),
    (302, _("302 Hybrid: Blended Learning")),
    (303, _("303 Hybrid: wahlweise Präsenz oder Online")),
    (304, _("304 Hybrid: sonstige Form")),
    (401, _("401 Fernlernen: Fernunterricht")),
    (402, _("402 Fernlernen: Fernstudium")),
    (403, _("403 Fernlernen: sonstige Form")),
]
FORMAT_OF_CODE_GROUP = {1: "praesenz", 2: "online", 3: "hybrid", 4: "fernlernen"}


class Format(models.TextChoices):
    PRAESENZ = "praesenz", _("Präsenz")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")
    FERNLERNEN = "fernlernen", _("Fernlernen")


class TimeOfDay(models.TextChoices):
    GANZTAGS = "ganztags", _("ganztags")
    VORMITTAGS = "vormittags", _("vormittags")
    NACHMITTAGS = "nachmittags", _("nachmittags")
    ABENDS = "abends", _("abends")
    WOCHENENDE = "wochenende", _("Wochenende")


class Funding(models.TextChoices):
    BILDUNGSGUTSCHEIN = "bildungsgutschein", _("Bildungsgutschein (AZAV)")
    AUFSTIEGS_BAFOEG = "aufstiegs_bafoeg", _("Aufstiegs-BAföG")
    QCG = "qualifizierungschancengesetz", _("Qualifizierungschancengesetz")
    BILDUNGSPRAEMIE = "bildungspraemie", _("Bildungsprämie")
    LANDESFOERDERUNG = "landesfoerderung", _("Landesförderung")


class TargetGroup(models.TextChoices):
    BESCHAEFTIGTE = "beschaeftigte", _("Beschäftigte")
    FUEHRUNGSKRAEFTE = "fuehrungskraefte", _("Führungskräfte")
    AUSZUBILDENDE = "auszubildende", _("Auszubildende")
    ARBEITSUCHENDE = "arbeitsuchende", _("Arbeitsuchende")
    BERUFSRUECKKEHRENDE = "berufsrueckkehrende", _("Berufsrückkehrende")
    SELBSTSTAENDIGE = "selbststaendige", _("Selbstständige")
    GEFLUECHTETE = "gefluechtete", _("Geflüchtete")


class Certificate(models.TextChoices):
    TEILNAHME = "teilnahmebescheinigung", _("Teilnahmebescheinigung")
    ZERTIFIKAT = "zertifikat", _("Zertifikat des Anbieters")
    IHK = "ihk_pruefung", _("IHK-Prüfung")
    HWK = "hwk_pruefung", _("Prüfung der Handwerkskammer")
    STAATLICH = "staatlicher_abschluss", _("Staatlich anerkannter Abschluss")


class InstructionTime(models.TextChoices):
    VOLLZEIT = "vollzeit", _("Vollzeit")
    TEILZEIT = "teilzeit", _("Teilzeit")


class Offer(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("aktiv")
        ARCHIVED = "archived", _("archiviert")

    provider = models.ForeignKey(
        Organization,
        verbose_name=_("Anbieter"),
        on_delete=models.PROTECT,
        related_name="course_offers",
    )
    external_id = models.CharField(
        _("Angebotsnummer"),
        max_length=100,
        help_text=_("Ihre eigene Kennung des Angebots (offer_id, openQ-cat PRODUCT_ID)."),
    )
    title = models.CharField(_("Titel"), max_length=255)
    description = models.TextField(_("Beschreibung"))
    topics = models.ManyToManyField(
        Topic, verbose_name=_("Themen"), blank=True, related_name="course_offers"
    )
    keywords = models.JSONField(_("Schlagwörter"), default=list, blank=True, encoder=JSONEncoder)
    target_groups = models.JSONField(
        _("Zielgruppen"), default=list, blank=True, encoder=JSONEncoder
    )
    degree = models.CharField(_("Abschluss"), max_length=200, blank=True)
    certificate = models.CharField(
        _("Zertifikat"), max_length=40, choices=Certificate.choices, blank=True
    )
    language = models.CharField(_("Sprache (ISO 639-1)"), max_length=2, default="de")
    hours = models.PositiveIntegerField(_("Unterrichtsstunden"), null=True, blank=True)
    price = models.DecimalField(
        _("Preis"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("Währung"), max_length=3, default="EUR")
    funding = models.JSONField(_("Förderung"), default=list, blank=True, encoder=JSONEncoder)
    measure_number = models.CharField(_("Maßnahmenummer (AZAV)"), max_length=60, blank=True)
    instruction_code = models.PositiveSmallIntegerField(
        _("Unterrichtsform (Code)"), choices=INSTRUCTION_CODES, null=True, blank=True
    )
    format = models.CharField(_("Format"), max_length=12, choices=Format.choices)
    education_type = models.PositiveIntegerField(
        _("Bildungsart (KURSNET-Code)"),
        null=True,
        blank=True,
        help_text=_("Code aus der KURSNET-Werteliste, z. B. 109 „Umschulung“."),
    )
    digital_accessibility = models.BooleanField(_("Digital barrierefrei"), null=True, blank=True)
    instruction_time = models.CharField(
        _("Vollzeit/Teilzeit"), max_length=10, choices=InstructionTime.choices, blank=True
    )
    time_of_day = models.CharField(
        _("Tageszeit"), max_length=12, choices=TimeOfDay.choices, blank=True
    )
    min_participants = models.PositiveSmallIntegerField(
        _("Mindestteilnehmerzahl"), null=True, blank=True
    )
    max_participants = models.PositiveSmallIntegerField(
        _("Höchstteilnehmerzahl"), null=True, blank=True
    )
    contact_person = models.ForeignKey(
        Person,
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_offers",
    )
    contact_name = models.CharField(_("Kontakt (Name)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("Kontakt (E-Mail)"), blank=True)
    contact_phone = models.CharField(_("Kontakt (Telefon)"), max_length=40, blank=True)
    url = models.URLField(_("Webseite des Angebots"), blank=True, max_length=500)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # Bumped on every change of the offer or its runs; the index stores the version it
    # has, so `verbund courses reindex --check` can tell an outdated document.
    version = models.PositiveIntegerField(_("Version"), default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfferQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="contact_person",
        fields=("title", "contact_name", "contact_email", "contact_phone"),
        on_erase="anonymise",
        anonymise={
            "contact_person": None,
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
        },
        reason="the offer stays; the contact person's details are removed",
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("Weiterbildungsangebot")
        verbose_name_plural = _("Weiterbildungsangebote")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "external_id"], name="offer_unique_external_id"
            ),
            models.CheckConstraint(
                condition=models.Q(min_participants__isnull=True)
                | models.Q(max_participants__isnull=True)
                | models.Q(min_participants__lte=models.F("max_participants")),
                name="offer_min_participants_le_max",
            ),
        ]
        indexes = [models.Index(fields=["status", "provider"])]

    def __str__(self):
        return self.title

    @property
    def instruction_label(self) -> str:
        """The teaching format in words, without the agency's code ("Präsenz: Blockunterricht")."""
        label = str(self.get_instruction_code_display() or "")
        code, _space, words = label.partition(" ")
        return words if self.instruction_code and code.isdigit() else label

    def get_absolute_url(self):
        return reverse("courses:offer_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope(organization_ids={self.provider_id})


class Run(models.Model):
    """One scheduled date of an offer (openQ-cat: EDUCATION@type=false, COURSE_ID)."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("Angebot"), on_delete=models.CASCADE, related_name="runs"
    )
    external_id = models.CharField(_("Terminnummer"), max_length=100, blank=True)
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    end_date = models.DateField(_("Ende"), null=True, blank=True)
    flexible_start = models.BooleanField(_("Einstieg jederzeit möglich"), default=False)
    format = models.CharField(
        _("Format (falls abweichend)"), max_length=12, choices=Format.choices, blank=True
    )
    time_of_day = models.CharField(
        _("Tageszeit (falls abweichend)"), max_length=12, choices=TimeOfDay.choices, blank=True
    )
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    barrier_free = models.BooleanField(_("Veranstaltungsort barrierefrei"), null=True, blank=True)
    lat = models.FloatField(
        _("Breite"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    lon = models.FloatField(
        _("Länge"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_runs",
    )
    seats_left = models.PositiveSmallIntegerField(_("Freie Plätze"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RunQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("dates and places of a course")

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "external_id"],
                condition=~models.Q(external_id=""),
                name="run_unique_external_id",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(start_date__lte=models.F("end_date")),
                name="run_start_before_end",
            ),
        ]
        indexes = [models.Index(fields=["offer", "start_date"])]

    def __str__(self):
        when = self.start_date.strftime("%d.%m.%Y") if self.start_date else _("flexibel")
        return f"{self.offer} – {when}"

    def get_absolute_url(self):
        return self.offer.get_absolute_url()

    def permission_scope(self):
        return self.offer.permission_scope()

    @property
    def effective_format(self) -> str:
        return self.format or self.offer.format

    @property
    def location_independent(self) -> bool:
        return self.effective_format in (Format.ONLINE, Format.FERNLERNEN)


class Synonym(models.Model):
    """A search term and its synonyms; a query for any of them finds all (no reindex)."""

    term = models.CharField(_("Begriff"), max_length=120, unique=True)
    synonyms = models.JSONField(_("Synonyme"), default=list, encoder=JSONEncoder)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SynonymQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("search vocabulary")

    class Meta:
        ordering = ["term"]
        verbose_name = _("Synonym")
        verbose_name_plural = _("Synonyme")

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("courses:synonym_list")

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope()


class IndexChange(models.Model):
    """The change log that feeds every search-index replica (written in the same transaction).

    Each replica remembers the position it reached (services/changefeed.py: on
    PostgreSQL a snapshot, so commit order counts, not id order); ``offer_id`` is no
    foreign key because a delete outlives its offer. ``txid`` is the writing
    transaction's id, set by a database trigger on PostgreSQL (empty on SQLite).
    """

    class Op(models.TextChoices):
        UPSERT = "upsert", _("geändert")
        DELETE = "delete", _("gelöscht")

    offer_id = models.BigIntegerField(db_index=True)
    version = models.PositiveIntegerField()
    op = models.CharField(max_length=6, choices=Op.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    txid = models.BigIntegerField(null=True, blank=True, editable=False, db_index=True)

    PERSONAL_DATA = NoPersonalData("offer ids and versions")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Indexänderung")
        verbose_name_plural = _("Indexänderungen")

    def __str__(self):
        return f"{self.op} {self.offer_id} v{self.version}"


class IndexReplica(models.Model):
    """An index replica (one per app server) and the change-log position it has reached.

    Written by the replica itself; housekeeping prunes the change log below every
    position and drops replicas not seen for ``COURSES_CHANGELOG_RETENTION_DAYS``.
    """

    name = models.CharField(max_length=300, unique=True)  # host name and index path
    position_id = models.BigIntegerField()
    # PostgreSQL: the position snapshot's xmin (every change below it is applied).
    position_xmin = models.BigIntegerField(null=True, blank=True)
    seen_at = models.DateTimeField()

    PERSONAL_DATA = NoPersonalData("host names and change-log positions")

    class Meta:
        ordering = ["name"]
        verbose_name = _("Suchindex-Replikat")
        verbose_name_plural = _("Suchindex-Replikate")

    def __str__(self):
        return self.name


# The KURSNET delivery models live in their own module (this one is long enough).
from verbund.courses.models_kursnet import KursnetDelivery, KursnetSupplier  # noqa: E402, F401
