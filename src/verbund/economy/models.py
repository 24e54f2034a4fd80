"""The business-climate survey (Konjunkturumfrage): panel, waves, answers, reports.

A network of chambers runs one panel of firms; three waves a year ask the same firms the
standard questionnaire (domain/economy.md) plus extra questions of each chamber. Answers
keep a copy of the firm's chamber, district, WZ code and size at the time they were given,
so that an old wave's figures never change when the directory does. Published reports are
frozen versions: the figures and texts are stored, not recomputed.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Organization, Person, Region
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.core.survey_models import (
    SurveyAnswerBase,
    SurveyInvitationBase,
    SurveyQuestionBase,
    SurveyWaveBase,
)
from verbund.economy import choices
from verbund.economy.querysets import (
    ChamberWavePartQuerySet,
    InvitationQuerySet,
    NetworkPartQuerySet,
    PanelQuerySet,
    VersionQuerySet,
    WavePartQuerySet,
)


class Wave(SurveyWaveBase):
    """One survey round (Befragungswelle) of a network's panel."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("Netzwerk"),
        on_delete=models.CASCADE,
        related_name="economy_waves",
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    season = models.PositiveSmallIntegerField(
        _("Welle"),
        choices=choices.Season.choices,
        help_text=_("Jahreszeit oder Quartal, nach dem Rhythmus der Kammern"),
    )

    objects = NetworkPartQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("survey settings")

    class Meta:
        ordering = ["-year", "-season", "-pk"]
        verbose_name = _("Konjunkturwelle")
        verbose_name_plural = _("Konjunkturwellen")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year", "season"], name="economy_wave_once_per_season"
            )
        ]

    def __str__(self):
        return f"{self.get_season_display()} {self.year}"

    @property
    def label(self) -> str:
        return str(self)

    def get_absolute_url(self):
        return reverse("economy:wave_detail", args=[self.pk])


class PanelFirm(models.Model):
    """A firm of the network's panel, kept across waves (invited again every wave)."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("Netzwerk"),
        on_delete=models.CASCADE,
        related_name="economy_panel",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Betrieb im Verzeichnis"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="economy_panel",
    )
    name = models.CharField(_("Betrieb"), max_length=255)
    chamber = models.ForeignKey(
        Organization,
        verbose_name=_("Kammer"),
        on_delete=models.PROTECT,
        related_name="economy_panel_members",
    )
    district = models.ForeignKey(
        Region,
        verbose_name=_("Landkreis/Stadt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    wz = models.CharField(_("Wirtschaftszweig (WZ 2008)"), max_length=8)
    employees = models.PositiveIntegerField(_("Beschäftigte"))
    contact = models.ForeignKey(
        Person,
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="economy_panel",
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    active = models.BooleanField(_("Im Panel"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PanelQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="contact",
        fields=("name", "contact_name", "email"),
        on_erase="anonymise",
        anonymise={"contact": None, "contact_name": "", "email": ""},
        reason="the firm stays in the panel; its contact person is removed",
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("Panelbetrieb")
        verbose_name_plural = _("Panelbetriebe")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organization"],
                condition=models.Q(organization__isnull=False),
                name="economy_panel_firm_once",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("economy:panel", args=[self.network_id])

    def permission_scope(self):
        return self.network.permission_scope()


class ExtraQuestion(SurveyQuestionBase):
    """A chamber's own question in a wave, asked only to the firms of that chamber."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("Welle"), on_delete=models.CASCADE, related_name="extra_questions"
    )
    chamber = models.ForeignKey(
        Organization, verbose_name=_("Kammer"), on_delete=models.CASCADE, related_name="+"
    )

    objects = ChamberWavePartQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("question texts")

    class Meta:
        ordering = ["wave", "chamber", "order", "pk"]
        verbose_name = _("Zusatzfrage")
        verbose_name_plural = _("Zusatzfragen")

    def get_absolute_url(self):
        return self.wave.get_absolute_url()


class Invitation(SurveyInvitationBase):
    """A panel firm invited to a wave; its token is the personal link to its answer."""

    SURVEY_URL_NAME = "economy:survey"
    EMAIL_LOOKUP = "firm__email"

    wave = models.ForeignKey(
        Wave, verbose_name=_("Welle"), on_delete=models.CASCADE, related_name="invitations"
    )
    firm = models.ForeignKey(
        PanelFirm, verbose_name=_("Betrieb"), on_delete=models.CASCADE, related_name="invitations"
    )

    objects = InvitationQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("the link of a firm; the contact lives on the panel firm")

    class Meta:
        ordering = ["firm__name", "pk"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.UniqueConstraint(fields=["wave", "firm"], name="economy_invitation_once")
        ]

    def __str__(self):
        return str(self.firm)

    def get_absolute_url(self):
        return reverse("economy:invitation_list", args=[self.wave_id])


class Answer(SurveyAnswerBase):
    """One firm's questionnaire in one wave, with the firm's key data as of that wave."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("Welle"), on_delete=models.CASCADE, related_name="answers"
    )
    firm = models.ForeignKey(
        PanelFirm, verbose_name=_("Betrieb"), on_delete=models.CASCADE, related_name="answers"
    )
    chamber = models.ForeignKey(
        Organization, verbose_name=_("Kammer"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        Region,
        verbose_name=_("Landkreis/Stadt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    wz = models.CharField(_("Wirtschaftszweig (WZ 2008)"), max_length=8)
    employees = models.PositiveIntegerField(_("Beschäftigte"))
    lage = models.CharField(
        _("Geschäftslage"), max_length=12, choices=choices.Situation.choices, blank=True
    )
    erwartungen = models.CharField(
        _("Geschäftserwartungen"), max_length=12, choices=choices.Expectation.choices, blank=True
    )
    exporte = models.CharField(_("Exporte"), max_length=8, choices=choices.Plan.choices, blank=True)
    investitionen = models.CharField(
        _("Investitionen im Inland"), max_length=8, choices=choices.Plan.choices, blank=True
    )
    beschaeftigung = models.CharField(
        _("Beschäftigung"), max_length=8, choices=choices.Plan.choices, blank=True
    )
    risiken = models.JSONField(_("Risiken"), default=list, blank=True, encoder=JSONEncoder)
    extra_answers = models.JSONField(
        _("Antworten auf Zusatzfragen"), default=dict, blank=True, encoder=JSONEncoder
    )

    objects = ChamberWavePartQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("a firm's answers; no person is named or referenced")

    class Meta:
        ordering = ["wave", "firm__name", "pk"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        indexes = [
            models.Index(fields=["wave", "status"]),
            # covers the time series (counted per wave in SQL without reading the rows)
            models.Index(
                fields=["wave", "status", "lage", "erwartungen", "employees"],
                name="economy_answer_series",
            ),
        ]
        constraints = [models.UniqueConstraint(fields=["wave", "firm"], name="economy_answer_once")]

    def __str__(self):
        return f"{self.firm} ({self.wave})"

    def get_absolute_url(self):
        return reverse("economy:invitation_list", args=[self.wave_id])


class Report(models.Model):
    """The report of a wave: joint (no chamber) or one chamber's own, with editable texts."""

    wave = models.ForeignKey(
        Wave, verbose_name=_("Welle"), on_delete=models.CASCADE, related_name="reports"
    )
    chamber = models.ForeignKey(
        Organization,
        verbose_name=_("Kammer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leer: gemeinsamer Bericht aller Kammern des Netzwerks."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    situation_text = models.TextField(_("Text zur Lage"), blank=True)
    outlook_text = models.TextField(_("Text zu den Erwartungen"), blank=True)
    sectors_text = models.TextField(_("Text zu den Branchen"), blank=True)
    press_text = models.TextField(_("Pressemitteilung"), blank=True)
    quotes = models.TextField(
        _("Ausgewählte Stimmen aus den Freitexten"),
        blank=True,
        help_text=_(
            "Nur was hier steht, wird aus den Freitexten veröffentlicht; je Absatz ein Zitat."
        ),
    )
    # Joint reports: which chambers' economists released the current texts
    # ({chamber id: {"user": id, "at": ISO time}}); cleared when the texts change.
    approvals = models.JSONField(default=dict, blank=True, editable=False, encoder=JSONEncoder)
    # Set while a background task publishes the report (large reports).
    publishing_since = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WavePartQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("report texts")

    class Meta:
        ordering = ["wave", "chamber__name", "pk"]
        verbose_name = _("Konjunkturbericht")
        verbose_name_plural = _("Konjunkturberichte")
        constraints = [
            models.UniqueConstraint(
                fields=["wave"], condition=models.Q(chamber__isnull=True), name="economy_joint_once"
            ),
            models.UniqueConstraint(
                fields=["wave", "chamber"],
                condition=models.Q(chamber__isnull=False),
                name="economy_chamber_report_once",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("economy:report_detail", args=[self.pk])

    def permission_scope(self):
        return self.wave.permission_scope()


class ReportVersion(models.Model):
    """A published, frozen report: texts and figures as they were on publication."""

    report = models.ForeignKey(
        Report, verbose_name=_("Bericht"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("Fassung"))
    published_at = models.DateTimeField(_("Veröffentlicht am"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Veröffentlicht von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("Inhalt"), default=dict, encoder=JSONEncoder)

    objects = VersionQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="published_by",
        fields=("number", "published_at"),
        on_erase="anonymise",
        anonymise={"published_by": None},
        reason="the published report stays; only who published it is personal",
    )

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("Berichtsfassung")
        verbose_name_plural = _("Berichtsfassungen")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="economy_version_once")
        ]

    def __str__(self):
        return f"{self.report} ({self.number})"

    def get_absolute_url(self):
        return reverse("economy:version_detail", args=[self.pk])

    def permission_scope(self):
        return self.report.permission_scope()
