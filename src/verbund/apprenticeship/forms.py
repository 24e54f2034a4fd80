"""Forms of Verbundausbildung; the choices offered are limited to what the user may change."""

from django import forms
from django.utils.translation import gettext_lazy as _

from verbund.apprenticeship.models import (
    Apprentice,
    PlanPosition,
    Station,
    Trainer,
    TrainingProfile,
)
from verbund.apprenticeship.permissions import MANAGE_TRAINING
from verbund.apprenticeship.services.training import format_weeks, parse_weeks
from verbund.core.fields import MoneyField
from verbund.core.forms import DateInput, ModelForm
from verbund.core.models import Occupation, Organization, Person


class WeeksField(forms.CharField):
    """Training weeks as ``1-12, 20`` in the form, a sorted list of numbers in the model."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("Ausbildungswochen, z. B. „1-12, 20, 30-32“ (Woche 1 = erste Ausbildungswoche)."),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_weeks(value) if isinstance(value, list) else value

    def to_python(self, value):
        try:
            return parse_weeks(value or "", last_week=260)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


def _organizations(user):
    return Organization.objects.with_perm(user, MANAGE_TRAINING)


class ProfileForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = TrainingProfile
        fields = ["organization", "occupation", "land", "capacity", "own_cost_per_week", "notes"]
        field_classes = {"own_cost_per_week": MoneyField}

    def limit_choices(self, user):
        self.fields["organization"].queryset = _organizations(user)
        self.fields["occupation"].queryset = Occupation.objects.filter(framework_plan__isnull=False)
        if self.instance.pk:
            self.fields["organization"].disabled = True
            self.fields["occupation"].disabled = True


class CoversForm(forms.Form):
    """One number per position and period: the weeks the company teaches itself."""

    def __init__(self, profile, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        self.rows = []
        plan = profile.occupation.framework_plan
        for position in plan.positions.all():
            if position.throughout:
                continue
            cells = []
            for year, weeks in sorted(position.weeks.items()):
                name = f"p{position.pk}_{year}"
                current = (profile.covers.get(position.code) or {}).get(str(year), 0)
                self.fields[name] = forms.IntegerField(
                    label=f"{position.code} {position.title} – {plan.year_label(int(year))}",
                    min_value=0,
                    max_value=int(weeks),
                    required=False,
                    initial=current,
                    error_messages={
                        "max_value": _("Höchstens %(limit_value)s Wochen laut Rahmenplan.")
                    },
                )
                cells.append((name, int(year), int(weeks)))
            self.rows.append((position, cells))

    def covers(self) -> dict:
        found = {}
        for position, cells in self.rows:
            years = {str(year): self.cleaned_data[name] or 0 for name, year, _weeks in cells}
            found[position.code] = years
        return found


class ApprenticeForm(ModelForm):
    school_weeks = WeeksField(label=_("Berufsschul-Blockwochen"))
    vacation_weeks = WeeksField(label=_("Urlaubswochen"))

    class Meta(ModelForm.Meta):
        model = Apprentice
        fields = [
            "first_name",
            "last_name",
            "start_date",
            "school",
            "school_weeks",
            "vacation_weeks",
        ]
        widgets = {"start_date": DateInput()}


class TrainerForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Trainer
        fields = [
            "organization",
            "person",
            "aevo_certificate",
            "aevo_date",
            "aevo_chamber",
            "positions",
        ]
        widgets = {"aevo_date": DateInput()}

    def limit_choices(self, user):
        organizations = _organizations(user)
        self.fields["organization"].queryset = organizations
        self.fields["person"].queryset = Person.objects.filter(organization__in=organizations)
        self.fields["aevo_chamber"].queryset = Organization.objects.filter(
            kind__in=[Organization.Kind.IHK, Organization.Kind.HWK]
        )
        self.fields["positions"].queryset = PlanPosition.objects.filter(
            throughout=False
        ).select_related("plan__occupation")

    def clean(self):
        data = super().clean()
        person, organization = data.get("person"), data.get("organization")
        if person and organization and person.organization_id != organization.pk:
            self.add_error("person", _("Die Person gehört nicht zu diesem Betrieb."))
        return data


class StationForm(ModelForm):
    available_weeks = WeeksField(
        label=_("Verfügbare Ausbildungswochen"), help_text=_("Leer: jede Woche.")
    )

    class Meta(ModelForm.Meta):
        model = Station
        fields = [
            "organization",
            "position",
            "name",
            "capacity",
            "min_weeks",
            "max_weeks",
            "cost_per_week",
            "available_weeks",
            "active",
        ]

    def limit_choices(self, user):
        self.fields["organization"].queryset = _organizations(user)
        self.fields["position"].queryset = PlanPosition.objects.filter(
            throughout=False
        ).select_related("plan__occupation")
        self.fields["position"].label_from_instance = lambda p: (
            f"{p.plan.occupation}: {p.code} {p.title}"
        )


class PositionForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = PlanPosition
        fields = ["code", "section", "title", "throughout", "weeks"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Datei (CSV oder XLSX)"))
    write = forms.BooleanField(
        label=_("Speichern, wenn alle Zeilen gültig sind"),
        required=False,
        help_text=_("Ohne Haken wird die Datei nur geprüft."),
    )


class PartnerRequestForm(forms.Form):
    partner = forms.IntegerField(widget=forms.HiddenInput)
    stations = forms.CharField(widget=forms.HiddenInput)
    weeks = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    message = forms.CharField(
        label=_("Nachricht an den Partner"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_stations(self):
        try:
            return [int(s) for s in self.cleaned_data["stations"].split(",") if s.strip()]
        except ValueError:
            raise forms.ValidationError(_("Die Auswahl der Stationen ist ungültig.")) from None


class DecisionForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=_("Entscheidung"),
        choices=[("1", _("Annehmen")), ("0", _("Ablehnen"))],
        coerce=lambda v: v == "1",
    )
    answer = forms.CharField(
        label=_("Antwort"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class StayForm(forms.Form):
    index = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    start_week = forms.IntegerField(label=_("Beginn (Woche)"), min_value=1)
    weeks = forms.IntegerField(label=_("Wochen"), min_value=1)
    locked = forms.BooleanField(label=_("Sperren"), required=False)


class RunForm(forms.Form):
    occupation = forms.ModelChoiceField(
        label=_("Ausbildungsberuf"),
        queryset=Occupation.objects.filter(framework_plan__isnull=False),
    )
    cohort = forms.IntegerField(
        label=_("Ausbildungsbeginn (Jahr)"),
        min_value=2000,
        max_value=2100,
        help_text=_("Der Jahrgang, der geplant wird."),
    )
    time_limit = forms.IntegerField(
        label=_("Rechenzeit (Sekunden)"), min_value=2, max_value=300, initial=20
    )
