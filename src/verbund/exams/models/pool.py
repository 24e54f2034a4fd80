"""The joint examiner pool, examiner trainings and examination boards (§§39-42 BBiG)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbund.core.models import Occupation, Organization, Person
from verbund.core.personal_data import NoPersonalData, PersonalData
from verbund.exams.querysets import (
    BoardPartQuerySet,
    BoardQuerySet,
    ChamberNetworkQuerySet,
    ExaminerPartQuerySet,
    ExaminerQuerySet,
)
from verbund.networks.models import Network


class ExaminerGroup(models.TextChoices):
    """The three groups of §40(2) BBiG; the values are those of the JSON interface."""

    EMPLOYER = "employer", _("Arbeitgebervertretung")
    EMPLOYEE = "employee", _("Arbeitnehmervertretung")
    TEACHER = "teacher", _("Lehrkraft einer berufsbildenden Schule")


def _scope(organization_id, network_id):
    from verbund.core.services.access import Scope

    return Scope(
        organization_ids={organization_id} if organization_id else set(),
        network_ids={network_id} if network_id else set(),
    )


class Examiner(models.Model):
    """A person appointed as examiner, shared by the chambers of a Kammerkooperation."""

    person = models.ForeignKey(
        Person, verbose_name=_("Person"), on_delete=models.PROTECT, related_name="examiner_roles"
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("Prüferpool (Kammerkooperation)"),
        on_delete=models.PROTECT,
        related_name="examiners",
    )
    chamber = models.ForeignKey(
        Organization,
        verbose_name=_("Berufende Kammer"),
        on_delete=models.PROTECT,
        related_name="appointed_examiners",
    )
    group = models.CharField(_("Gruppe"), max_length=10, choices=ExaminerGroup.choices)
    occupations = models.ManyToManyField(
        Occupation, verbose_name=_("Prüfbare Berufe"), related_name="examiners"
    )
    company = models.ForeignKey(
        Organization,
        verbose_name=_("Betrieb/Arbeitgeber"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employed_examiners",
    )
    home_town = models.CharField(_("Wohnort"), max_length=120, blank=True)
    home_lat = models.FloatField(_("Breite (Wohnort)"))
    home_lon = models.FloatField(_("Länge (Wohnort)"))
    appointed_from = models.DateField(_("Berufen ab"))
    appointed_until = models.DateField(_("Berufen bis"))
    max_sittings = models.PositiveSmallIntegerField(
        _("Höchstens Prüfungstage je Zeitraum"), default=6
    )
    active = models.BooleanField(_("Aktiv"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExaminerQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="person",
        fields=(
            "network",
            "chamber",
            "group",
            "occupations",
            "company",
            "home_town",
            "home_lat",
            "home_lon",
            "appointed_from",
            "appointed_until",
            "max_sittings",
        ),
        anonymise={"home_town": "", "home_lat": 0.0, "home_lon": 0.0, "active": False},
    )

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        verbose_name = _("Prüfer/in")
        verbose_name_plural = _("Prüfer/innen")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "network"], name="exams_examiner_once_per_pool"
            )
        ]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("exams:examiner_detail", args=[self.pk])

    def permission_scope(self):
        return _scope(self.chamber_id, self.network_id)

    def clean(self):
        from verbund.exams.services import pool

        errors = pool.examiner_errors(self)
        if errors:
            raise ValidationError(errors)


class Conflict(models.Model):
    """A declared conflict of interest (Befangenheit) of an examiner.

    Relatives, the own training company and being the candidate's trainer block hard;
    former employers and business relations warn (the planner may override with a
    documented reason, which is logged).
    """

    class Kind(models.TextChoices):
        RELATIVE = "relative", _("Angehörige/r eines Prüflings")
        TRAINER = "trainer", _("Ausbilder/in des Prüflings")
        TRAINING_COMPANY = "training_company", _("Ausbildungsbetrieb")
        FORMER_EMPLOYER = "former_employer", _("Früherer Arbeitgeber")
        BUSINESS = "business", _("Geschäftsbeziehung")
        OTHER = "other", _("Sonstige Befangenheit")

    examiner = models.ForeignKey(
        Examiner, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("Prüfer/in")
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    candidate = models.ForeignKey(
        "exams.Candidate",
        verbose_name=_("Prüfling"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Betrieb"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="examiner_conflicts",
    )
    note = models.CharField(_("Anmerkung"), max_length=255, blank=True)

    objects = ExaminerPartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="examiner__person",
        fields=("kind", "candidate", "organization", "note"),
        on_erase="delete",
    )

    class Meta:
        ordering = ["examiner", "kind"]
        verbose_name = _("Befangenheit")
        verbose_name_plural = _("Befangenheiten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(candidate__isnull=False) | models.Q(organization__isnull=False),
                name="exams_conflict_has_target",
            )
        ]

    def __str__(self):
        return f"{self.examiner}: {self.get_kind_display()} ({self.candidate or self.organization})"

    @property
    def is_hard(self) -> bool:
        from verbund.exams.services.conflicts import HARD_KINDS

        return self.kind in HARD_KINDS

    def get_absolute_url(self):
        return self.examiner.get_absolute_url()

    def permission_scope(self):
        return self.examiner.permission_scope()


class Training(models.Model):
    """An examiner training (Prüferschulung), e.g. the joint training of seed 003."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="exam_trainings", verbose_name=_("Netzwerk")
    )
    chamber = models.ForeignKey(
        Organization,
        verbose_name=_("Veranstaltende Kammer"),
        on_delete=models.PROTECT,
        related_name="exam_trainings",
    )
    title = models.CharField(_("Titel"), max_length=200)
    date = models.DateField(_("Datum"))
    attendees = models.ManyToManyField(
        Examiner, verbose_name=_("Teilnehmende"), blank=True, related_name="trainings"
    )

    objects = ChamberNetworkQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="attendees__person",
        fields=("title", "date"),
        on_erase="keep",
        reason="the training stays; the attendee's examiner record is anonymised",
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("Prüferschulung")
        verbose_name_plural = _("Prüferschulungen")

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"

    def permission_scope(self):
        return _scope(self.chamber_id, self.network_id)


class Board(models.Model):
    """An examination board (Prüfungsausschuss); a joint board sits at its owning chamber."""

    code = models.CharField(_("Kennung"), max_length=40, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    chamber = models.ForeignKey(
        Organization,
        verbose_name=_("Errichtende Kammer (§ 39)"),
        on_delete=models.PROTECT,
        related_name="exam_boards",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("Gemeinsamer Prüferpool"),
        on_delete=models.PROTECT,
        related_name="exam_boards",
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("Beruf"), on_delete=models.PROTECT, related_name="boards"
    )
    joint = models.BooleanField(_("Gemeinsamer Ausschuss mehrerer Kammern"), default=True)
    appointed_until = models.DateField(_("Berufen bis"), null=True, blank=True)

    objects = BoardQuerySet.as_manager()
    PERSONAL_DATA = NoPersonalData("members are in BoardMember")

    class Meta:
        ordering = ["code"]
        verbose_name = _("Prüfungsausschuss")
        verbose_name_plural = _("Prüfungsausschüsse")

    def __str__(self):
        return f"{self.code} – {self.name}"

    def get_absolute_url(self):
        return reverse("exams:board_detail", args=[self.pk])

    def permission_scope(self):
        return _scope(self.chamber_id, self.network_id)


class BoardMember(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Mitglied")
        DEPUTY = "deputy", _("Stellvertretung")

    board = models.ForeignKey(
        Board, on_delete=models.CASCADE, related_name="members", verbose_name=_("Ausschuss")
    )
    examiner = models.ForeignKey(
        Examiner, on_delete=models.CASCADE, related_name="board_seats", verbose_name=_("Prüfer/in")
    )
    role = models.CharField(_("Funktion"), max_length=10, choices=Role.choices)

    objects = BoardPartQuerySet.as_manager()
    PERSONAL_DATA = PersonalData(
        person_lookup="examiner__person", fields=("board", "role"), on_erase="delete"
    )

    class Meta:
        ordering = ["board", "role", "examiner__group"]
        verbose_name = _("Ausschussmitglied")
        verbose_name_plural = _("Ausschussmitglieder")
        constraints = [
            models.UniqueConstraint(fields=["board", "examiner"], name="exams_board_member_once")
        ]

    def __str__(self):
        return f"{self.board.code}: {self.examiner} ({self.get_role_display()})"

    def get_absolute_url(self):
        return self.board.get_absolute_url()

    def permission_scope(self):
        return self.board.permission_scope()
