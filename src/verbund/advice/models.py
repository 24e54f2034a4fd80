"""Advisory offices (Beratungsbüros) of a network, their advisors and counselling cases."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.advice.querysets import (
    CaseQuerySet,
    ContactQuerySet,
    OfficePartQuerySet,
    OfficeQuerySet,
)
from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization, Person, Region
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.needs.models import NeedFields


class Office(models.Model):
    """A cross-provider advisory office of a network with its catchment districts."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("Netzwerk"),
        on_delete=models.CASCADE,
        related_name="advice_offices",
    )
    name = models.CharField(_("Name"), max_length=200)
    host = models.ForeignKey(
        Organization,
        verbose_name=_("Träger"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_offices",
        help_text=_("Die Organisation, bei der das Büro angesiedelt ist."),
    )
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    districts = models.ManyToManyField(
        Region, verbose_name=_("Einzugsgebiet"), blank=True, related_name="advice_offices"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficeQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("the office's own mail address and phone")

    class Meta:
        ordering = ["name"]
        verbose_name = _("Beratungsbüro")
        verbose_name_plural = _("Beratungsbüros")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("advice:office_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        network_scope = self.network.permission_scope()
        hosts = {self.host_id} if self.host_id else set()
        return Scope(
            organization_ids=network_scope.organization_ids | hosts,
            network_ids=network_scope.network_ids,
        )


class Advisor(models.Model):
    office = models.ForeignKey(
        Office, verbose_name=_("Büro"), on_delete=models.CASCADE, related_name="advisors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        on_delete=models.CASCADE,
        related_name="advice_roles",
    )
    active = models.BooleanField(_("Aktiv"), default=True)

    objects = OfficePartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="user",
        fields=("office", "active"),
        on_erase="delete",
    )

    class Meta:
        ordering = ["office", "user__last_name", "user__username"]
        verbose_name = _("Beraterin/Berater")
        verbose_name_plural = _("Beraterinnen und Berater")
        constraints = [
            models.UniqueConstraint(fields=["office", "user"], name="advisor_once_per_office")
        ]

    def __str__(self):
        from verbund.core.services.audit_labels import person_name

        return person_name(self.user)

    def get_absolute_url(self):
        return self.office.get_absolute_url()

    def permission_scope(self):
        return self.office.permission_scope()


class Case(models.Model):
    """One counselling case for a company or a person."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Offen")
        BOOKED = "booked", _("Gebucht")
        NOT_BOOKED = "not_booked", _("Nicht gebucht")

    office = models.ForeignKey(
        Office, verbose_name=_("Büro"), on_delete=models.PROTECT, related_name="cases"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Beraterin/Berater"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_cases",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Betrieb"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_cases",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("Person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_cases",
    )
    district = models.ForeignKey(
        Region,
        verbose_name=_("Landkreis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("Anliegen"), max_length=255)
    opened_on = models.DateField(_("Beratung am"), default=timezone.localdate)
    notes = models.TextField(_("Notizen"), blank=True)
    outcome = models.CharField(
        _("Ergebnis"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN
    )
    outcome_reason = models.CharField(_("Begründung"), max_length=500, blank=True)
    follow_up_on = models.DateField(_("Wiedervorlage"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="person",
        user_lookup="advisor",
        fields=("subject", "opened_on", "notes", "outcome", "outcome_reason", "follow_up_on"),
        on_erase="anonymise",
        anonymise={"person": None, "notes": "", "outcome_reason": "", "subject": "Gelöscht"},
        reason="the case stays as a counted need; what identifies the person is removed",
    )

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("Beratungsfall")
        verbose_name_plural = _("Beratungsfälle")
        indexes = [models.Index(fields=["advisor", "follow_up_on"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("advice:case_detail", args=[self.pk])

    def permission_scope(self):
        return self.office.permission_scope()

    @property
    def counselled(self):
        return self.organization or self.person


class CaseNeed(NeedFields):
    case = models.ForeignKey(
        Case, verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="needs"
    )

    PERSONAL_DATA = NoPersonalData("a need; the case holds the personal data")

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = _("Festgestellter Bedarf")
        verbose_name_plural = _("Festgestellte Bedarfe")


class Recommendation(models.Model):
    """An offer recommended in a case, with the reasons the matching gave."""

    case = models.ForeignKey(
        Case, verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="recommendations"
    )
    need = models.ForeignKey(
        CaseNeed,
        verbose_name=_("Bedarf"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    offer = models.ForeignKey(
        "courses.Offer",
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        related_name="advice_recommendations",
    )
    score = models.FloatField(_("Punktzahl"), default=0)
    reasons = models.JSONField(_("Gründe"), default=list, blank=True, encoder=JSONEncoder)
    booked = models.BooleanField(_("Gebucht"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    PERSONAL_DATA = NoPersonalData("an offer recommended in a case; the case holds the person")

    class Meta:
        ordering = ["case", "-score", "pk"]
        verbose_name = _("Empfehlung")
        verbose_name_plural = _("Empfehlungen")
        constraints = [
            models.UniqueConstraint(fields=["case", "offer"], name="recommendation_once_per_case")
        ]

    def __str__(self):
        return str(self.offer)


class Contact(models.Model):
    """One contact in a case (a visit, a call, a video meeting, a talk at the office): the
    figures funders ask of an advisory office (contacts, channel, time spent)."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("Betriebsbesuch")
        PHONE = "phone", _("Telefon")
        VIDEO = "video", _("Videogespräch")
        OFFICE = "office", _("Im Beratungsbüro")

    case = models.ForeignKey(
        Case, verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="contacts"
    )
    date = models.DateField(_("Datum"), default=timezone.localdate)
    channel = models.CharField(_("Kontaktart"), max_length=10, choices=Channel.choices)
    minutes = models.PositiveSmallIntegerField(
        _("Dauer (Minuten)"), validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    note = models.CharField(_("Kurznotiz"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Erfasst von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="created_by",
        fields=("note",),
        on_erase="anonymise",
        anonymise={"note": ""},
        reason="the contact stays counted in the office's figures; the note is removed",
    )

    class Meta:
        ordering = ["case", "-date", "-pk"]
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.get_channel_display()} {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return self.case.get_absolute_url()

    def permission_scope(self):
        return self.case.permission_scope()
