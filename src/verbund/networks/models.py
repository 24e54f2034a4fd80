"""Networks (Verbünde, partnerships, chamber cooperations) and what they do together."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.models import Organization, Region
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.networks.querysets import (
    CalendarFeedQuerySet,
    NetworkPartQuerySet,
    NetworkQuerySet,
)


class Network(models.Model):
    class Kind(models.TextChoices):
        WEITERBILDUNGSVERBUND = "weiterbildungsverbund", _("Weiterbildungsverbund")
        AUSBILDUNGSVERBUND = "ausbildungsverbund", _("Ausbildungsverbund")
        KAMMERKOOPERATION = "kammerkooperation", _("Kammerkooperation")
        PARTNERSCHAFT = "partnerschaft", _("Internationale Partnerschaft")
        INITIATIVE = "initiative", _("Netzwerkinitiative")

    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=60, blank=True)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    since = models.DateField(_("Besteht seit"), null=True, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    budget = models.DecimalField(
        _("Budget"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(_("Währung"), max_length=3, default="EUR")
    budget_period = models.CharField(_("Budgetzeitraum"), max_length=60, blank=True)
    regions = models.ManyToManyField(
        Region, verbose_name=_("Regionen"), blank=True, related_name="networks"
    )
    is_public = models.BooleanField(
        _("Öffentlich sichtbar"),
        default=True,
        help_text=_("Für alle angemeldeten Nutzerinnen und Nutzer sichtbar."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("networks:network_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        leads = set(
            self.memberships.filter(role=Membership.Role.LEAD).values_list(
                "organization_id", flat=True
            )
        )
        return Scope(organization_ids=leads, network_ids={self.pk})


class NetworkPart(models.Model):
    """Base of everything that belongs to exactly one network and is edited with it."""

    objects = NetworkPartQuerySet.as_manager()

    class Meta:
        abstract = True

    def permission_scope(self):
        return self.network.permission_scope()

    def get_absolute_url(self):
        return self.network.get_absolute_url()


class FundingSource(NetworkPart):
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="funding_sources",
        verbose_name=_("Netzwerk"),
    )
    funder = models.CharField(_("Mittelgeber"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    share_percent = models.DecimalField(
        _("Anteil (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    amount = models.DecimalField(
        _("Betrag"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    note = models.CharField(_("Anmerkung"), max_length=255, blank=True)

    class Meta:
        ordering = ["-share_percent", "funder"]
        verbose_name = _("Finanzierungsquelle")
        verbose_name_plural = _("Finanzierung")

    def __str__(self):
        return f"{self.funder} ({self.share_percent} %)"


class Membership(NetworkPart):
    class Role(models.TextChoices):
        LEAD = "lead", _("Federführung")
        MEMBER = "member", _("Mitglied")
        SPONSOR = "sponsor", _("Projektträger")
        PARTNER_ABROAD = "partner_abroad", _("Partner im Ausland")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("Netzwerk")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("Organisation"),
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("Seit"), null=True, blank=True)
    until = models.DateField(_("Bis"), null=True, blank=True)
    note = models.CharField(_("Anmerkung"), max_length=255, blank=True)

    class Meta:
        ordering = ["network", "role", "organization__name"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitglieder")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organization", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self):
        return f"{self.organization} – {self.get_role_display()}"

    def clean(self):
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("Das Ende liegt vor dem Beginn.")})


class Agreement(NetworkPart):
    """A cooperation agreement (Kooperationsvertrag) between some of the members."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("Netzwerk")
    )
    title = models.CharField(_("Titel"), max_length=200)
    parties = models.ManyToManyField(
        Organization, verbose_name=_("Vertragsparteien"), related_name="agreements"
    )
    decided_on = models.DateField(_("Beschlossen am"), null=True, blank=True)
    signed_on = models.DateField(_("Unterzeichnet am"), null=True, blank=True)
    goals_text = models.TextField(_("Ziele der Vereinbarung"), blank=True)

    class Meta:
        ordering = ["-decided_on", "title"]
        verbose_name = _("Vereinbarung")
        verbose_name_plural = _("Vereinbarungen")

    def __str__(self):
        return self.title

    def clean(self):
        if self.decided_on and self.signed_on and self.signed_on < self.decided_on:
            raise ValidationError(
                {"signed_on": _("Die Unterzeichnung kann nicht vor dem Beschluss liegen.")}
            )


class Goal(NetworkPart):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Geplant")
        IN_PROGRESS = "in_progress", _("In Arbeit")
        ACHIEVED = "achieved", _("Erreicht")
        DROPPED = "dropped", _("Aufgegeben")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="goals", verbose_name=_("Netzwerk")
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("Vereinbarung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="goals",
    )
    title = models.CharField(_("Ziel"), max_length=255)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    due = models.DateField(_("Zieltermin"), null=True, blank=True)

    class Meta:
        ordering = ["network", "status", "title"]
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")

    def __str__(self):
        return self.title

    def clean(self):
        if self.agreement_id and self.network_id and self.agreement.network_id != self.network_id:
            raise ValidationError(
                {"agreement": _("Die Vereinbarung gehört zu einem anderen Netzwerk.")}
            )


class Review(NetworkPart):
    """The annual joint review (gemeinsame Bilanz) of a network's goals."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("Netzwerk")
    )
    date = models.DateField(_("Datum"))
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    next_steps = models.TextField(_("Nächste Schritte"), blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("Jahresbilanz")
        verbose_name_plural = _("Jahresbilanzen")

    def __str__(self):
        return f"{self.network} – {self.date:%Y}"


class GoalProgress(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="progress", verbose_name=_("Bilanz")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="progress", verbose_name=_("Ziel")
    )
    status = models.CharField(_("Status"), max_length=20, choices=Goal.Status.choices)
    progress = models.TextField(_("Fortschritt"), blank=True)

    class Meta:
        ordering = ["goal__title"]
        verbose_name = _("Zielfortschritt")
        verbose_name_plural = _("Zielfortschritte")
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="goal_progress_once")
        ]

    def __str__(self):
        return f"{self.goal}: {self.get_status_display()}"


class Activity(NetworkPart):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Treffen")
        DELEGATION = "delegation", _("Delegationsbesuch")
        WORKSHOP = "workshop", _("Workshop")
        FORUM = "forum", _("Forum")
        EXCHANGE = "exchange", _("Austausch")
        SURVEY = "survey", _("Befragung")
        REPORT = "report", _("Bericht")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="activities", verbose_name=_("Netzwerk")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=255)
    start = models.DateField(_("Beginn"))
    end = models.DateField(_("Ende"), null=True, blank=True)
    start_time = models.TimeField(_("Uhrzeit Beginn"), null=True, blank=True)
    end_time = models.TimeField(_("Uhrzeit Ende"), null=True, blank=True)
    place = models.CharField(_("Ort"), max_length=255, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("Region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    organizations = models.ManyToManyField(
        Organization,
        verbose_name=_("Beteiligte Organisationen"),
        blank=True,
        related_name="activities",
    )
    notes = models.TextField(_("Notizen"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start", "title"]
        verbose_name = _("Aktivität")
        verbose_name_plural = _("Aktivitäten")
        indexes = [models.Index(fields=["start"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("networks:activity_detail", args=[self.pk])

    @property
    def last_day(self):
        return self.end or self.start

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})


class Attachment(models.Model):
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("Aktivität")
    )
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="attachments/%Y/%m/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    PERSONAL_DATA = NoPersonalData("documents of an activity; uploader is in the audit log")

    class Meta:
        ordering = ["title"]
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")

    def __str__(self):
        return self.title


class CalendarFeed(models.Model):
    """A calendar subscription (ICS) with a secret of its own, revocable on its own.

    Calendar apps cannot sign in, so the secret in the feed's address is the credential:
    it only reads this one feed (never an API token, which would land in access logs
    with all its rights), is stored as a hash and stops working when revoked.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("Netzwerk"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leer: die Termine aller eigenen Netzwerke."),
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Zuletzt abgerufen"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Widerrufen"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="user",
        fields=("network", "created_at", "last_used_at", "revoked_at"),
        on_erase="delete",
        reason="a subscription of the person; nothing to keep once they are gone",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")

    def __str__(self):
        return str(self.network) if self.network_id else str(_("Alle meine Netzwerke"))

    def get_absolute_url(self):
        return reverse("networks:calendar_feeds")

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope()


# A model of this app kept in its own module (this one is long enough).
from verbund.networks.decision_models import PartyDecision  # noqa: E402, F401
from verbund.networks.invitation_models import Invitation  # noqa: E402, F401
