"""The stored plan of a period: solver runs, assignments (locked or not), unfilled seats."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.json_encoder import JSONEncoder
from verbund.core.models import SolverRun
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.exams.models.periods import ExamPeriod, PlanGoal, Sitting
from verbund.exams.models.pool import Examiner, ExaminerGroup
from verbund.exams.querysets import AssignmentQuerySet, PeriodPartQuerySet, SittingPartQuerySet


class PlanRun(SolverRun):
    """One background solver run for a period; the progress page polls it."""

    class Kind(models.TextChoices):
        SOLVE = "solve", _("Neu planen")
        RESOLVE = "resolve", _("Rest neu planen (Sperren bleiben)")
        COMPARE = "compare", _("Pläne der Ziele vergleichen")
        INSTANCE = "instance", _("Übermittelte Daten planen (Schnittstelle)")

    # empty for a solve of data sent to the API (kind "instance"): no stored period
    period = models.ForeignKey(
        ExamPeriod, null=True, blank=True, on_delete=models.CASCADE, related_name="runs"
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices)
    # the exams.md instance sent to POST /api/v1/exams/solve (kind "instance")
    instance = models.JSONField(
        _("Übermittelte Daten"), default=dict, blank=True, encoder=JSONEncoder
    )
    goal = models.CharField(
        _("Planungsziel"), max_length=12, choices=PlanGoal.choices, default=PlanGoal.BALANCED
    )

    objects = PeriodPartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        user_lookup="created_by",
        fields=("kind", "status", "created_at"),
        on_erase="keep",
        reason="the run stays as part of the plan's history; the account is anonymised",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Planungslauf")
        verbose_name_plural = _("Planungsläufe")

    def __str__(self):
        subject = self.period or self.result.get("period") or "–"
        return f"{subject} – {self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("exams:run_detail", args=[self.pk])

    def permission_scope(self):
        return self.period.permission_scope()


class Assignment(models.Model):
    """An examiner on a seat of a sitting. ``locked`` survives every re-solve."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="assignments")
    examiner = models.ForeignKey(Examiner, on_delete=models.PROTECT, related_name="assignments")
    group = models.CharField(_("Gruppe"), max_length=10, choices=ExaminerGroup.choices)
    locked = models.BooleanField(_("Gesperrt"), default=False)
    manual = models.BooleanField(_("Von Hand"), default=False)
    published = models.BooleanField(_("Veröffentlicht"), default=False)
    declined_at = models.DateTimeField(_("Abgesagt"), null=True, blank=True)
    decline_reason = models.CharField(_("Grund der Absage"), max_length=255, blank=True)
    override_reason = models.CharField(
        _("Begründung trotz Befangenheitswarnung"), max_length=255, blank=True
    )

    objects = AssignmentQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="examiner__person",
        fields=("sitting", "group", "locked", "published", "declined_at", "decline_reason"),
        on_erase="keep",
        reason="who sat on a board is part of the exam record (§ 40 BBiG); the person is "
        "anonymised",
    )

    class Meta:
        ordering = ["sitting__date", "sitting__code", "group"]
        verbose_name = _("Prüfereinsatz")
        verbose_name_plural = _("Prüfereinsätze")
        constraints = [
            models.UniqueConstraint(fields=["sitting", "examiner"], name="exams_assignment_once")
        ]

    def __str__(self):
        return f"{self.sitting.code}: {self.examiner} ({self.get_group_display()})"

    def get_absolute_url(self):
        return self.sitting.get_absolute_url()

    def permission_scope(self):
        return self.sitting.permission_scope()

    @property
    def declined(self) -> bool:
        return self.declined_at is not None


class UnfilledSeat(models.Model):
    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="unfilled")
    group = models.CharField(_("Gruppe"), max_length=10, choices=ExaminerGroup.choices)
    reason = models.CharField(_("Grund"), max_length=255)

    objects = SittingPartQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("a seat and a reason")

    class Meta:
        ordering = ["sitting__date", "sitting__code", "group"]
        verbose_name = _("Unbesetzter Platz")
        verbose_name_plural = _("Unbesetzte Plätze")

    def __str__(self):
        return f"{self.sitting.code}: {self.get_group_display()}"

    def permission_scope(self):
        return self.sitting.permission_scope()
