"""What every survey of the platform shares: waves, own questions, personal links, answers.

One way to run a survey: the qualification-needs surveys (``needs``) and the
business-climate survey (``economy``) build their models on these abstract bases, and
``core.services.surveys`` runs them (tokens, mails, reminders, the link page's language).
The bases hold no table of their own; each app's models keep their tables and rows.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder

LANGUAGES = ("de", "en", "fr")


class SurveyWaveBase(models.Model):
    """A survey round: open between two dates, answers accepted while it runs."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In Vorbereitung")
        OPEN = "open", _("Läuft")
        CLOSED = "closed", _("Abgeschlossen")

    intro = models.TextField(_("Einleitung für die Befragten"), blank=True)
    opens_on = models.DateField(_("Beginn"), null=True, blank=True)
    closes_on = models.DateField(_("Ende"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def permission_scope(self):
        return self.network.permission_scope()

    @property
    def accepts_answers(self) -> bool:
        """Answers may be given and corrected while the wave is open and not past its end."""
        if self.status != self.Status.OPEN:
            return False
        return self.closes_on is None or timezone.localdate() <= self.closes_on

    @property
    def status_label(self) -> str:
        """The status as shown: an open wave past its end date is over for the invitees."""
        if self.status == self.Status.OPEN and not self.accepts_answers:
            return _("Ende überschritten")
        return self.get_status_display()


class SurveyQuestionBase(models.Model):
    """A question of its own in a wave, in German, English and French."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Freitext")
        NUMBER = "number", _("Zahl")
        CHOICE = "choice", _("Auswahl (eine Antwort)")
        MULTI = "multi", _("Auswahl (mehrere Antworten)")

    order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    text_de = models.CharField(_("Frage (deutsch)"), max_length=300)
    text_en = models.CharField(_("Frage (englisch)"), max_length=300, blank=True)
    text_fr = models.CharField(_("Frage (französisch)"), max_length=300, blank=True)
    options = models.JSONField(
        _("Antwortmöglichkeiten"),
        default=list,
        blank=True,
        help_text=_("Je Antwort ein Eintrag {de, en, fr}."),
        encoder=JSONEncoder,
    )
    required = models.BooleanField(_("Pflichtfrage"), default=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.text_de

    def permission_scope(self):
        return self.wave.permission_scope()

    def text_in(self, language: str) -> str:
        return getattr(self, f"text_{language}", "") or self.text_de

    def option_labels(self, language: str = "de") -> list[str]:
        """The answer options in ``language`` (German where a translation is missing)."""
        return [option.get(language) or option.get("de", "") for option in self.options or []]


class SurveyInvitationBase(models.Model):
    """An invitation to a wave; its token is the personal link (no account needed)."""

    # the URL name of the link page, and the field path of the address mails go to
    SURVEY_URL_NAME = ""
    EMAIL_LOOKUP = "email"

    token = models.CharField(max_length=64, unique=True)
    language = models.CharField(_("Sprache"), max_length=2, default="de")
    sent_at = models.DateTimeField(_("Einladung versandt"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("Zuletzt erinnert"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("Erinnerungen"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def permission_scope(self):
        return self.wave.permission_scope()

    def survey_path(self) -> str:
        return reverse(self.SURVEY_URL_NAME, args=[self.token])

    @property
    def email_address(self) -> str:
        value = self
        for part in self.EMAIL_LOOKUP.split("__"):
            value = getattr(value, part, "") if value is not None else ""
        return value or ""


class SurveyAnswerBase(models.Model):
    """A questionnaire as answered: a draft until it is sent, correctable while the wave runs."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Zwischengespeichert")
        SUBMITTED = "submitted", _("Abgeschickt")

    free_text = models.TextField(_("Anmerkungen"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("Abgeschickt am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def permission_scope(self):
        return self.wave.permission_scope()
