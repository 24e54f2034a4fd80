"""An event with limited seats and the registrations for it (confirmed or waiting)."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization, Topic
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.events.querysets import EventPartQuerySet, EventQuerySet


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Event(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Öffentlich")
        MEMBERS = "members", _("Nur für Mitglieder")

    class Kind(models.TextChoices):
        EVENT = "event", _("Veranstaltung")
        B2B = "b2b", _("B2B-Kooperationsbörse")
        EXAMINER_TRAINING = "examiner_training", _("Prüferschulung")

    class WaitlistMode(models.TextChoices):
        OFFER = "offer", _("Platz anbieten, Bestätigung nötig")
        AUTO = "auto", _("Sofort verbindlich nachrücken")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Veranstalter"),
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("Netzwerk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    activity = models.ForeignKey(
        "networks.Activity",
        verbose_name=_("Netzwerkaktivität"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    host = models.ForeignKey(
        Organization,
        verbose_name=_("Gastgeber"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    exam_training = models.OneToOneField(
        "exams.Training",
        verbose_name=_("Prüferschulung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event",
        help_text=_("Die Teilnahme wird in der Prüferakte vermerkt."),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.EVENT)
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    visibility = models.CharField(
        _("Sichtbarkeit"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    place = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True)
    street = models.CharField(_("Straße"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    country = models.CharField(_("Land (ISO)"), max_length=2, default="DE")
    lat = models.FloatField(_("Breite"), null=True, blank=True)
    lon = models.FloatField(_("Länge"), null=True, blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    capacity = models.PositiveIntegerField(_("Plätze"), validators=[MinValueValidator(1)])
    overbooking_margin = models.PositiveIntegerField(
        _("Bewusste Überbuchung (Plätze)"),
        default=0,
        help_text=_("Zusätzliche Plätze, weil erfahrungsgemäß nicht alle kommen."),
    )
    max_seats_per_registration = models.PositiveIntegerField(
        _("Höchstens Plätze je Anmeldung"), default=4, validators=[MinValueValidator(1)]
    )
    registration_opens = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("Anmeldeschluss"), null=True, blank=True)
    waitlist_mode = models.CharField(
        _("Nachrücken"), max_length=10, choices=WaitlistMode.choices, default=WaitlistMode.OFFER
    )
    offer_hours = models.PositiveIntegerField(
        _("Angebot gültig (Stunden)"), default=48, validators=[MinValueValidator(1)]
    )
    questions = models.JSONField(
        _("Fragen bei der Anmeldung"),
        default=list,
        blank=True,
        help_text=_("Eine Frage je Zeile."),
        encoder=JSONEncoder,
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("Themen"), blank=True, related_name="events"
    )
    # Touched by every registration on SQLite so the write lock is taken before counting.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    # iCalendar SEQUENCE: raised on every change of time or place and on cancellation, so a
    # subscribed or mailed calendar entry is replaced (services/calendar_changes.py).
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(_("Abgesagt am"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("an event; registrations hold the personal data")

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        networks = {self.network_id} if self.network_id else set()
        return Scope(organization_ids={self.organization_id}, network_ids=networks)

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Das Ende muss nach dem Beginn liegen.")})
        if (
            self.registration_opens
            and self.registration_deadline
            and self.registration_deadline <= self.registration_opens
        ):
            raise ValidationError(
                {
                    "registration_deadline": _(
                        "Der Anmeldeschluss muss nach dem Anmeldebeginn liegen."
                    )
                }
            )

    @property
    def seat_limit(self) -> int:
        """Seats that may be confirmed: the capacity plus the organiser's declared margin."""
        return self.capacity + self.overbooking_margin

    @property
    def is_b2b(self) -> bool:
        return self.kind == self.Kind.B2B


ACTIVE_STATUSES = ("confirmed", "offered", "waitlisted")
HOLDING_STATUSES = ("confirmed", "offered")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Bestätigt")
        WAITLISTED = "waitlisted", _("Warteliste")
        OFFERED = "offered", _("Platz angeboten")
        CANCELLED = "cancelled", _("Storniert")
        DECLINED = "declined", _("Kein Interesse mehr")
        EXPIRED = "expired", _("Angebot verfallen")

    event = models.ForeignKey(
        Event,
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"))
    organization_name = models.CharField(_("Organisation"), max_length=255, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    seats = models.PositiveIntegerField(_("Plätze"), default=1, validators=[MinValueValidator(1)])
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    priority = models.IntegerField(
        _("Priorität"), default=0, help_text=_("Höhere Priorität rückt zuerst nach.")
    )
    answers = models.JSONField(_("Antworten"), default=dict, blank=True, encoder=JSONEncoder)
    offer_expires_at = models.DateTimeField(_("Angebot gültig bis"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    checked_in_at = models.DateTimeField(_("Eingecheckt"), null=True, blank=True)
    # Consent is the legal basis of these two (GDPR Art. 6 (1) a): when it was given is the
    # record; empty means no consent.
    photo_consent_at = models.DateTimeField(
        _("Einwilligung Fotos erteilt am"), null=True, blank=True
    )
    newsletter_consent_at = models.DateTimeField(
        _("Einwilligung Newsletter erteilt am"), null=True, blank=True
    )
    no_show = models.BooleanField(_("Nicht erschienen"), default=False)
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventPartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="user",
        fields=(
            "name",
            "email",
            "organization_name",
            "seats",
            "status",
            "created_at",
            "photo_consent_at",
            "newsletter_consent_at",
        ),
        on_erase="delete",
        reason="a registration is only needed for the event; a seat freed by erasure is not re-offered",
    )

    class Meta:
        ordering = ["event", "-priority", "created_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_once_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def get_absolute_url(self):
        return reverse("events:registration_manage", args=[self.token])

    def permission_scope(self):
        return self.event.permission_scope()

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
