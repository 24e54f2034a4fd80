from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.core.fields import GermanFloatField
from verbund.core.forms import DateInput, ModelForm
from verbund.core.models import Organization, Person
from verbund.core.services.geo import town_coordinates
from verbund.exams.models import (
    Board,
    Candidate,
    Claim,
    Conflict,
    Examiner,
    ExaminerGroup,
    ExamPeriod,
    PlanGoal,
    RateTable,
    Sitting,
)
from verbund.exams.services.visibility import plannable_candidates
from verbund.networks.models import Network

PLAN = "exams.plan"


def _pools(user):
    return Network.objects.with_perm(user, PLAN).filter(kind=Network.Kind.KAMMERKOOPERATION)


def _chambers(user):
    """Chambers the user plans for, and the chambers of the pools they plan."""
    return Organization.objects.filter(
        kind__in=[Organization.Kind.IHK, Organization.Kind.HWK]
    ).filter(
        pk__in=Organization.objects.with_perm(user, PLAN).values("pk")
    ) | Organization.objects.filter(
        kind__in=[Organization.Kind.IHK, Organization.Kind.HWK],
        memberships__network__in=_pools(user),
    )


class ExaminerForm(ModelForm):
    home_lat = GermanFloatField(label=_("Breite (Wohnort)"), required=False)
    home_lon = GermanFloatField(label=_("Länge (Wohnort)"), required=False)

    class Meta(ModelForm.Meta):
        model = Examiner
        fields = [
            "person",
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
            "active",
        ]
        widgets = {"appointed_from": DateInput(), "appointed_until": DateInput()}
        help_texts = {
            "home_town": _("Breite und Länge werden aus dem Ort ermittelt, wenn sie fehlen."),
            "appointed_until": _("Höchstens fünf Jahre nach Beginn (§ 40 Abs. 3 BBiG)."),
        }

    def limit_choices(self, user):
        self.fields["network"].queryset = _pools(user)
        self.fields["chamber"].queryset = _chambers(user).distinct()
        self.fields["person"].queryset = Person.objects.visible_to(user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("home_lat") is None or cleaned.get("home_lon") is None:
            found = town_coordinates(cleaned.get("home_town") or "")
            if found is None:
                raise forms.ValidationError(
                    _("Bitte einen bekannten Wohnort oder Breite und Länge angeben.")
                )
            cleaned["home_lat"], cleaned["home_lon"] = found
        return cleaned


class ConflictForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Conflict
        fields = ["kind", "candidate", "organization", "note"]

    def limit_choices(self, user):
        # Candidates are personal data: only those of the examiner's pool in periods the
        # user plans are offered (not every candidate of every chamber in the pool).
        self.fields["candidate"].queryset = plannable_candidates(user).filter(
            sittings__period__network=self.instance.examiner.network_id
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("candidate") and not cleaned.get("organization"):
            raise forms.ValidationError(_("Bitte einen Prüfling oder einen Betrieb angeben."))
        return cleaned


class BoardForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Board
        fields = ["code", "name", "chamber", "network", "occupation", "joint", "appointed_until"]
        widgets = {"appointed_until": DateInput()}

    def limit_choices(self, user):
        self.fields["network"].queryset = _pools(user)
        self.fields["chamber"].queryset = _chambers(user).distinct()


class BoardMembersForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Mitglieder"), queryset=Examiner.objects.none(), required=False
    )
    deputies = forms.ModelMultipleChoiceField(
        label=_("Stellvertretungen"), queryset=Examiner.objects.none(), required=False
    )

    def __init__(self, board, *args, visible=None, **kwargs):
        super().__init__(*args, **kwargs)
        pool = Examiner.objects.filter(network=board.network_id, active=True).select_related(
            "person"
        )
        if visible is not None:  # only examiners the user may see by name
            pool = pool.filter(pk__in=visible.values("pk"))
        for name in ("members", "deputies"):
            self.fields[name].queryset = pool
            self.fields[name].widget.attrs["size"] = 12
            self.fields[name].label_from_instance = lambda e: (
                f"{e.person.full_name} – {e.get_group_display()}"
            )


class PeriodForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = ExamPeriod
        fields = ["name", "chamber", "network", "start", "end", "poll_deadline"]
        widgets = {"start": DateInput(), "end": DateInput(), "poll_deadline": DateInput()}

    def limit_choices(self, user):
        self.fields["network"].queryset = _pools(user)
        self.fields["chamber"].queryset = _chambers(user).distinct()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            raise forms.ValidationError(_("Das Ende liegt vor dem Beginn."))
        return cleaned


class SittingForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Sitting
        fields = [
            "code",
            "board",
            "occupation",
            "date",
            "start_time",
            "end_time",
            "place",
            "lat",
            "lon",
            "seats_employer",
            "seats_employee",
            "seats_teacher",
            "candidates",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def limit_choices(self, user):
        period = self.instance.period
        self.fields["board"].queryset = Board.objects.filter(network=period.network_id)
        # Candidates are personal data: only those of this pool's periods are offered.
        self.fields["candidates"].queryset = Candidate.objects.filter(
            sittings__period__network=period.network_id
        ).distinct()


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Datei (CSV oder XLSX)"))


class AvailabilityForm(forms.Form):
    dates = forms.MultipleChoiceField(
        label=_("Verfügbare Tage"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, period, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.period_days = period.dates()
        self.fields["dates"].choices = [
            (day.isoformat(), day.strftime("%d.%m.%Y")) for day in self.period_days
        ]

    def weeks(self):
        """The calendar: one row per calendar week, a checkbox (or None) per weekday Mo-Fr."""
        import datetime

        boxes = {box.data["value"]: box for box in self["dates"]}
        rows, by_monday = [], {}
        for day in self.period_days:
            monday = day - datetime.timedelta(days=day.weekday())
            if monday not in by_monday:
                by_monday[monday] = {"monday": monday, "number": day.isocalendar()[1]}
                by_monday[monday]["days"] = [None] * 5
                rows.append(by_monday[monday])
            by_monday[monday]["days"][day.weekday()] = {"date": day, "box": boxes[day.isoformat()]}
        for row in rows:
            row["friday"] = row["monday"] + datetime.timedelta(days=4)
        return rows


class ManualAssignForm(forms.Form):
    group = forms.ChoiceField(label=_("Gruppe"), choices=ExaminerGroup.choices)
    examiner = forms.ModelChoiceField(label=_("Prüfer/in"), queryset=Examiner.objects.none())
    override_reason = forms.CharField(
        label=_("Begründung bei Befangenheitswarnung"), required=False, max_length=255
    )

    def __init__(self, sitting, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["examiner"].queryset = (
            Examiner.objects.filter(network=sitting.period.network_id, active=True)
            .filter(occupations=sitting.occupation_id)
            .select_related("person")
        )
        self.fields["examiner"].label_from_instance = lambda e: (
            f"{e.person.full_name} – {e.get_group_display()}"
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Grund (optional)"), required=False, max_length=255)


class ClaimForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Claim
        fields = ["hours", "km"]


class RateTableForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = RateTable
        fields = [
            "chamber",
            "year",
            "hourly_loss",
            "cap_hours_per_day",
            "travel_per_km",
            "daily_allowance",
            "currency",
        ]

    def limit_choices(self, user):
        self.fields["chamber"].queryset = Organization.objects.with_perm(user, "exams.compensation")


class GoalsForm(ModelForm):
    """The planner's goal and euro weights of a period (the balanced plan's trade-off)."""

    class Meta(ModelForm.Meta):
        model = ExamPeriod
        fields = ["goal", "euro_per_board_change", "euro_per_sitting_above_fair"]
        # German input: "45,50"
        localized_fields = ["euro_per_board_change", "euro_per_sitting_above_fair"]


def _time_limit_choices():
    from verbund.exams.services.planning import TIME_LIMIT_CHOICES

    return [(str(s), _("%(s)s Sekunden") % {"s": s}) for s in TIME_LIMIT_CHOICES]


class SolveForm(forms.Form):
    """Start a solve or a comparison of every goal; invalid input falls back to defaults."""

    goal = forms.ChoiceField(label=_("Planungsziel"), choices=PlanGoal.choices, required=False)
    time_limit = forms.TypedChoiceField(
        label=_("Rechenzeit je Plan"), coerce=float, choices=_time_limit_choices, required=False
    )
    release_published = forms.BooleanField(
        label=_("Veröffentlichte Einsätze freigeben (sonst bleiben sie unverändert)"),
        required=False,
    )
