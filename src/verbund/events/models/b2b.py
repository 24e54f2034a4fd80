"""B2B matchmaking at an event: company profiles, their representatives, meeting requests,
the slot/table setup and the background scheduling runs."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization, SolverRun, Topic
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.events.models.events import Event
from verbund.events.querysets import (
    OrganiserQuerySet,
    ParticipantQuerySet,
    RepresentativeQuerySet,
    RequestQuerySet,
)


class MatchmakingSetup(models.Model):
    """Slots and tables of a B2B event, the request rules and the agenda."""

    class Agenda(models.TextChoices):
        NONE = "none", _("Nicht veröffentlicht")
        PRELIMINARY = "preliminary", _("Vorläufig veröffentlicht")
        FINAL = "final", _("Endgültig veröffentlicht")

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="matchmaking")
    morning_start = models.TimeField(_("Beginn Vormittag"), default=datetime.time(9, 0))
    morning_slots = models.PositiveIntegerField(_("Slots am Vormittag"), default=8)
    afternoon_start = models.TimeField(_("Beginn Nachmittag"), default=datetime.time(13, 30))
    afternoon_slots = models.PositiveIntegerField(_("Slots am Nachmittag"), default=6)
    slot_minutes = models.PositiveIntegerField(
        _("Dauer eines Gesprächs (Minuten)"),
        default=20,
        validators=[MinValueValidator(10), MaxValueValidator(60)],
    )
    tables = models.PositiveIntegerField(_("Tische"), default=10, validators=[MinValueValidator(1)])
    # Minutes, not hours: the brokerage practice runs from 15 minutes (on the day) to 10 days.
    request_minutes = models.PositiveIntegerField(
        _("Anfragen verfallen nach (Minuten)"),
        default=72 * 60,
        validators=[MinValueValidator(15), MaxValueValidator(10 * 24 * 60)],
    )
    max_pending = models.PositiveIntegerField(
        _("Höchstens offene Anfragen je Person"), default=20, validators=[MinValueValidator(1)]
    )
    agenda = models.CharField(
        _("Terminplan"), max_length=12, choices=Agenda.choices, default=Agenda.NONE
    )
    schedule = models.JSONField(
        _("Aktueller Terminplan"), default=dict, blank=True, encoder=JSONEncoder
    )
    published = models.JSONField(
        _("Veröffentlichter Terminplan"), default=dict, blank=True, encoder=JSONEncoder
    )

    objects = OrganiserQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("slots, tables and meeting ids of an event")

    class Meta:
        verbose_name = _("B2B-Einstellungen")
        verbose_name_plural = _("B2B-Einstellungen")

    def __str__(self):
        return str(self.event)

    def permission_scope(self):
        return self.event.permission_scope()


class Profile(models.Model):
    """A company taking part in the matchmaking: what it offers, what it looks for."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="profiles")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="b2b_profiles",
    )
    company = models.CharField(_("Unternehmen"), max_length=255)
    country = models.CharField(_("Land (ISO)"), max_length=2, default="DE")
    city = models.CharField(_("Ort"), max_length=120, blank=True)
    offers = models.TextField(_("Wir bieten"), blank=True)
    wants = models.TextField(_("Wir suchen"), blank=True)
    languages = models.CharField(
        _("Gesprächssprachen"), max_length=60, default="de", help_text=_("z. B. de, fr, en")
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("a company profile; representatives hold the personal data")

    class Meta:
        ordering = ["event", "company"]
        verbose_name = _("B2B-Profil")
        verbose_name_plural = _("B2B-Profile")

    def __str__(self):
        return self.company

    def get_absolute_url(self):
        return reverse("events:profile_detail", args=[self.pk])

    def permission_scope(self):
        return self.event.permission_scope()

    @property
    def language_list(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def country_name(self) -> str:
        from verbund.events.b2b_choices import country_name

        return country_name(self.country)

    @property
    def language_names(self) -> str:
        from verbund.events.b2b_choices import language_names

        return language_names(self.language_list)


class Representative(models.Model):
    """A person who holds meetings for a company (a company may send several)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="b2b_representations",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"), blank=True)
    unavailable = models.JSONField(
        _("Nicht verfügbar (Slots)"), default=list, blank=True, encoder=JSONEncoder
    )

    objects = RepresentativeQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="user",
        fields=("name", "email", "unavailable"),
        on_erase="anonymise",
        anonymise={"name": "Gelöscht", "email": ""},
        reason="the company's meetings stay in the agenda; the person is removed",
    )

    class Meta:
        ordering = ["profile", "pk"]
        verbose_name = _("Vertreterin/Vertreter")
        verbose_name_plural = _("Vertreterinnen und Vertreter")

    def __str__(self):
        return f"{self.name} ({self.profile})"

    def permission_scope(self):
        return self.profile.permission_scope()


class MeetingRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Offen")
        ACCEPTED = "accepted", _("Angenommen")
        DECLINED = "declined", _("Abgelehnt")
        EXPIRED = "expired", _("Verfallen")
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(
        Representative,
        verbose_name=_("Angefragt von"),
        on_delete=models.CASCADE,
        related_name="sent_requests",
    )
    invitee = models.ForeignKey(
        Profile, verbose_name=_("Angefragt bei"), on_delete=models.CASCADE, related_name="received"
    )
    accepted_by = models.ForeignKey(
        Representative,
        verbose_name=_("Angenommen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accepted_requests",
    )
    message = models.TextField(_("Nachricht"), max_length=1000, blank=True)
    session = models.CharField(
        _("Zeitwunsch"),
        max_length=10,
        choices=[
            ("any", _("Egal")),
            ("morning", _("Vormittag")),
            ("afternoon", _("Nachmittag")),
        ],
        default="any",
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("Verfällt am"))
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = RequestQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("between representatives, who hold the personal data")

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("Gesprächsanfrage")
        verbose_name_plural = _("Gesprächsanfragen")
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "invitee"],
                condition=models.Q(status__in=("pending", "accepted")),
                name="meeting_request_once",
            )
        ]

    def __str__(self):
        return f"{self.requester.profile} → {self.invitee}"

    def permission_scope(self):
        return self.event.permission_scope()

    @property
    def meeting_id(self) -> str:
        return f"M{self.pk}"


class ScheduleRun(SolverRun):
    """One background scheduling run of a B2B event; the progress page polls it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    time_limit = models.FloatField(_("Zeitlimit (s)"), default=20.0)

    objects = OrganiserQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="created_by",
        fields=("status", "created_at"),
        on_erase="keep",
        reason="the run stays in the event's history; the account is anonymised",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Planungslauf")
        verbose_name_plural = _("Planungsläufe")

    def __str__(self):
        return f"{self.event} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("events:run_detail", args=[self.pk])

    def permission_scope(self):
        return self.event.permission_scope()
