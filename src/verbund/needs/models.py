"""Qualification-needs surveys: waves, questionnaires, invitations, responses and needs.

A wave belongs to one network. Companies answer through a personal token link (no
account needed); interviews with person groups are responses of their own, linked to the
company. Analysis, gaps and matching live in ``services/``.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization, Person, Region, Topic
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.core.services import disclosure
from verbund.core.survey_models import (
    SurveyAnswerBase,
    SurveyInvitationBase,
    SurveyQuestionBase,
    SurveyWaveBase,
)
from verbund.needs import choices, questionnaire
from verbund.needs.querysets import WavePartQuerySet, WaveQuerySet


class Wave(SurveyWaveBase):
    """One survey round of a network (Befragungswelle)."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("Netzwerk"),
        on_delete=models.CASCADE,
        related_name="needs_waves",
    )
    title = models.CharField(_("Titel"), max_length=200)
    questions = models.JSONField(
        _("Gewählte Fragen"),
        default=questionnaire.all_optional,
        blank=True,
        help_text=_("Kürzel der optionalen Standardfragen, die der Fragebogen enthält."),
        encoder=JSONEncoder,
    )
    include_cases = models.BooleanField(
        _("Beratungsfälle einbeziehen"),
        default=True,
        help_text=_("Bedarfe aus Beratungsfällen des Netzwerks im Zeitraum zählen mit."),
    )

    objects = WaveQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("survey settings")

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("Befragungswelle")
        verbose_name_plural = _("Befragungswellen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("needs:wave_detail", args=[self.pk])


class CustomQuestion(SurveyQuestionBase):
    """A question the coordinator adds to a wave's questionnaire, in German, English, French."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("Welle"), on_delete=models.CASCADE, related_name="custom_questions"
    )

    objects = WavePartQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("question texts")

    class Meta:
        ordering = ["wave", "order", "pk"]
        verbose_name = _("Eigene Frage")
        verbose_name_plural = _("Eigene Fragen")

    def get_absolute_url(self):
        return reverse("needs:questionnaire", args=[self.wave_id])


class Invitation(SurveyInvitationBase):
    """A company invited to a wave; its token is the personal link to its response."""

    SURVEY_URL_NAME = "needs:survey"

    wave = models.ForeignKey(
        Wave, verbose_name=_("Welle"), on_delete=models.CASCADE, related_name="invitations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Betrieb"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_invitations",
    )
    company_name = models.CharField(_("Betrieb"), max_length=255)
    district = models.ForeignKey(
        Region,
        verbose_name=_("Landkreis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.CharField(
        _("Wirtschaftszweig"), max_length=1, choices=Organization.WzSection.choices, blank=True
    )
    size_class = models.CharField(
        _("Größenklasse"), max_length=10, choices=Organization.SizeClass.choices, blank=True
    )
    contact = models.ForeignKey(
        Person,
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_invitations",
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)

    objects = WavePartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="contact",
        fields=("company_name", "contact_name", "email", "sent_at"),
        on_erase="anonymise",
        anonymise={"contact": None, "contact_name": "", "email": ""},
        reason="the invitation stays for the response rate; the contact is removed",
    )

    class Meta:
        ordering = ["company_name", "pk"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "organization"],
                condition=models.Q(organization__isnull=False),
                name="invitation_once_per_organization",
            )
        ]

    def __str__(self):
        return self.company_name

    def get_absolute_url(self):
        return reverse("needs:invitation_list", args=[self.wave_id])

    @property
    def answer(self):
        """The response, or None before the company answered (templates cannot catch the
        missing reverse one-to-one; with strict template settings it reads as text)."""
        return getattr(self, "response", None)


class Response(SurveyAnswerBase):
    """One answered questionnaire: by a company (token link) or an interview with a person group."""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Fragebogen")
        INTERVIEW = "interview", _("Interview")

    wave = models.ForeignKey(
        Wave, verbose_name=_("Welle"), on_delete=models.CASCADE, related_name="responses"
    )
    invitation = models.OneToOneField(
        Invitation,
        verbose_name=_("Einladung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Betrieb"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs_responses",
    )
    # Which company the answer counts for in the privacy rules ("o<org>", "i<invitation>").
    company_key = models.CharField(max_length=24, db_index=True)
    # Fixed random key of the cell-key method (core.services.disclosure): drawn once,
    # never shown, never changed, so that a table cell always gets the same noise.
    record_key = models.FloatField(default=disclosure.new_record_key, editable=False)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.SURVEY)
    person_group = models.CharField(
        _("Personengruppe"),
        max_length=12,
        choices=choices.PersonGroup.choices,
        default=choices.PersonGroup.OWNER,
    )
    district = models.ForeignKey(
        Region,
        verbose_name=_("Landkreis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sector = models.CharField(
        _("Wirtschaftszweig"), max_length=1, choices=Organization.WzSection.choices, blank=True
    )
    size_class = models.CharField(
        _("Größenklasse"), max_length=10, choices=Organization.SizeClass.choices, blank=True
    )
    funding_awareness = models.JSONField(
        _("Bekannte Förderprogramme"), default=list, blank=True, encoder=JSONEncoder
    )
    obstacles = models.JSONField(_("Hindernisse"), default=list, blank=True, encoder=JSONEncoder)
    custom_answers = models.JSONField(
        _("Antworten auf eigene Fragen"), default=dict, blank=True, encoder=JSONEncoder
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Interview geführt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = WavePartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="interviewer",
        fields=("wave", "person_group", "created_at"),
        on_erase="anonymise",
        anonymise={"interviewer": None},
        reason="the answers describe a company; only the interviewer reference is personal",
    )

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        indexes = [models.Index(fields=["wave", "status"])]

    def __str__(self):
        name = self.organization or (self.invitation.company_name if self.invitation else "")
        return f"{name} ({self.get_person_group_display()})"

    def get_absolute_url(self):
        return reverse("needs:response_detail", args=[self.pk])


class NeedFields(models.Model):
    """What one need says (domain/needs.md); shared by survey answers and advisory cases."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("Thema"), on_delete=models.PROTECT, related_name="+"
    )
    target_group = models.CharField(
        _("Zielgruppe"), max_length=12, choices=choices.TargetGroup.choices
    )
    employees = models.PositiveIntegerField(
        _("Anzahl betroffener Beschäftigter"), default=1, validators=[MinValueValidator(1)]
    )
    urgency = models.PositiveSmallIntegerField(
        _("Dringlichkeit"), choices=choices.Urgency.choices, default=choices.Urgency.MONTHS_12
    )
    format = models.CharField(
        _("Gewünschtes Format"), max_length=10, choices=choices.Format.choices, blank=True
    )
    time_budget_days = models.DecimalField(
        _("Zeitbudget (Tage pro Jahr)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    time_of_day = models.CharField(
        _("Lage der Zeit"), max_length=8, choices=choices.TimeOfDay.choices, blank=True
    )
    budget_per_person = models.DecimalField(
        _("Budget pro Person (EUR)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    details = models.CharField(_("Was genau?"), max_length=500, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.topic} – {self.get_target_group_display()}"


class Need(NeedFields):
    response = models.ForeignKey(
        Response, verbose_name=_("Antwort"), on_delete=models.CASCADE, related_name="needs"
    )

    PERSONAL_DATA = NoPersonalData("a company's qualification need")

    class Meta:
        ordering = ["response", "pk"]
        verbose_name = _("Bedarf")
        verbose_name_plural = _("Bedarfe")
