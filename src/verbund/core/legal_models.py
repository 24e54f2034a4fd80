"""Texts the operator of the platform is responsible for: legal pages and privacy notices."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.personal_data import NoPersonalData


class LegalText(models.Model):
    """One legal page (Impressum, ...) or the privacy notice beside one capability's forms.

    Each change goes through ``core.services.legal.save`` and so into the audit log, which
    keeps every earlier version with its author.
    """

    key = models.CharField(
        _("Schlüssel"),
        max_length=60,
        unique=True,
        help_text=_("Welche Seite oder welcher Hinweis (vom System vergeben)."),
    )
    title = models.CharField(_("Überschrift"), max_length=200)
    body = models.TextField(
        _("Text"),
        help_text=_(
            "Absätze durch eine Leerzeile trennen; eine Zeile, die mit „## “ beginnt, "
            "wird zur Zwischenüberschrift."
        ),
    )
    contact_email = models.EmailField(
        _("Kontakt-E-Mail"),
        blank=True,
        help_text=_("Wird unter dem Text als Kontaktadresse verlinkt."),
    )
    updated_at = models.DateTimeField(_("Zuletzt geändert"), auto_now=True)

    PERSONAL_DATA = NoPersonalData(
        "the operator's published texts; a contact address is an office's, not a person's"
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("Rechtstext")
        verbose_name_plural = _("Rechtstexte")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:legal_edit", args=[self.key])
