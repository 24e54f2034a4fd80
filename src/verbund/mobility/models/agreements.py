"""The Learning Agreement of a stay, versioned as in the Erasmus Without Paper
learning-agreement specification: draft -> proposal -> signed; a change is a new version
(change proposal) that all three parties approve; the version it replaces stays valid
until then."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.personal_data import PersonalData
from verbund.mobility.models.stays import Stay
from verbund.mobility.querysets import StayPartQuerySet

PARTIES = ("sending", "host", "learner")


class LearningAgreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PROPOSAL = "proposal", _("Zur Unterschrift vorgelegt")
        SIGNED = "signed", _("Unterschrieben")
        CHANGE_PROPOSAL = "change_proposal", _("Änderung vorgeschlagen")
        APPROVED = "approved", _("Änderung genehmigt")
        SUPERSEDED = "superseded", _("Ersetzt durch neuere Fassung")

    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    learning_outcomes = models.TextField(_("Lernergebnisse"))
    tasks = models.TextField(_("Aufgaben während des Aufenthalts"))
    sending_mentor = models.CharField(_("Betreuung entsendende Einrichtung"), max_length=200)
    host_mentor = models.CharField(_("Mentor/in aufnehmende Einrichtung"), max_length=200)
    assessment = models.TextField(_("Bewertung und Anerkennung"), blank=True)
    change_reason = models.CharField(_("Grund der Änderung"), max_length=255, blank=True)
    sending_signed_at = models.DateTimeField(
        _("Unterschrift entsendende Einrichtung"), null=True, blank=True
    )
    host_signed_at = models.DateTimeField(
        _("Unterschrift aufnehmende Einrichtung"), null=True, blank=True
    )
    learner_signed_at = models.DateTimeField(_("Unterschrift Teilnehmer/in"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StayPartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="stay__person",
        fields=(
            "version",
            "status",
            "learning_outcomes",
            "tasks",
            "sending_mentor",
            "host_mentor",
            "learner_signed_at",
        ),
        on_erase="anonymise",
        anonymise={"sending_mentor": "", "host_mentor": ""},
        reason="part of the stay's funding record",
    )

    class Meta:
        ordering = ["stay", "-version"]
        verbose_name = _("Lernvereinbarung")
        verbose_name_plural = _("Lernvereinbarungen")
        constraints = [
            models.UniqueConstraint(fields=["stay", "version"], name="agreement_version_once")
        ]

    def __str__(self):
        return f"{self.stay} – v{self.version}"

    def get_absolute_url(self):
        return reverse("mobility:agreement_detail", args=[self.pk])

    def permission_scope(self):
        return self.stay.permission_scope()

    @property
    def in_force(self) -> bool:
        return self.status in (self.Status.SIGNED, self.Status.APPROVED)

    def signed_by(self, party: str) -> bool:
        return getattr(self, f"{party}_signed_at") is not None
