"""The framework plan (Ausbildungsrahmenplan) of an occupation.

A ``PlanPosition`` is a Berufsbildposition: a numbered part of the occupational profile
with lettered skills and time guidelines in weeks per training period.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import Occupation
from verbund.core.personal_data import NoPersonalData
from verbund.core.querysets import PublicQuerySet


def validate_years(value):
    """``[{"year": 1, "label": "...", "from_week": 1, "to_week": 52}, ...]`` without gaps."""
    expected = 1
    try:
        for number, period in enumerate(value, start=1):
            if int(period["year"]) != number or int(period["from_week"]) != expected:
                raise ValidationError(
                    _("Die Ausbildungsabschnitte müssen lückenlos aufeinander folgen.")
                )
            if int(period["to_week"]) < expected:
                raise ValidationError(_("Ein Ausbildungsabschnitt endet vor seinem Beginn."))
            expected = int(period["to_week"]) + 1
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(_("Die Ausbildungsabschnitte sind unvollständig.")) from error


class FrameworkPlan(models.Model):
    occupation = models.OneToOneField(
        Occupation,
        verbose_name=_("Ausbildungsberuf"),
        on_delete=models.CASCADE,
        related_name="framework_plan",
    )
    weeks = models.PositiveSmallIntegerField(_("Ausbildungsdauer (Wochen)"))
    years = models.JSONField(
        _("Ausbildungsabschnitte"), default=list, validators=[validate_years], encoder=JSONEncoder
    )
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    # the text's Zeitrahmen where it gives months per group of positions (plans/groups.py):
    # [{"id", "title", "year", "months": {"from", "to"}, "positions": [{"id", "skills"}]}]
    groups = models.JSONField(
        _("Zeitliche Gliederung"), default=list, blank=True, encoder=JSONEncoder
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("reference data of an occupation")

    class Meta:
        ordering = ["occupation__name"]
        verbose_name = _("Ausbildungsrahmenplan")
        verbose_name_plural = _("Ausbildungsrahmenpläne")

    def __str__(self):
        return str(self.occupation)

    def get_absolute_url(self):
        return reverse("apprenticeship:plan_detail", args=[self.pk])

    def permission_scope(self):
        from verbund.core.services.access import Scope

        return Scope()  # reference data: only superusers and holders "anywhere" edit it

    def year_label(self, year: int) -> str:
        for period in self.years:
            if int(period["year"]) == int(year):
                return period.get("label") or str(year)
        return str(year)


class PlanPosition(models.Model):
    plan = models.ForeignKey(FrameworkPlan, on_delete=models.CASCADE, related_name="positions")
    code = models.CharField(_("Nummer"), max_length=12)
    section = models.CharField(_("Abschnitt"), max_length=120, blank=True)
    title = models.CharField(_("Teil des Ausbildungsberufsbildes"), max_length=400)
    throughout = models.BooleanField(
        _("Während der gesamten Ausbildung"),
        default=False,
        help_text=_("Integrative Standardposition ohne eigene Wochen."),
    )
    weeks = models.JSONField(
        _("Zeitliche Richtwerte (Wochen je Abschnitt)"),
        default=dict,
        blank=True,
        encoder=JSONEncoder,
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = PublicQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("reference data of an occupation")

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("Berufsbildposition")
        verbose_name_plural = _("Berufsbildpositionen")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_position_code_per_plan")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def total_weeks(self) -> int:
        return sum(int(w) for w in self.weeks.values())


class PlanSkill(models.Model):
    position = models.ForeignKey(PlanPosition, on_delete=models.CASCADE, related_name="skills")
    letter = models.CharField(_("Buchstabe"), max_length=3, blank=True)
    text = models.TextField(_("Fertigkeit, Kenntnis, Fähigkeit"))
    order = models.PositiveSmallIntegerField(default=0)

    objects = PublicQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("reference data of an occupation")

    class Meta:
        ordering = ["position", "order", "pk"]
        verbose_name = _("Fertigkeit")
        verbose_name_plural = _("Fertigkeiten")

    def __str__(self):
        return f"{self.letter}) {self.text}" if self.letter else self.text
