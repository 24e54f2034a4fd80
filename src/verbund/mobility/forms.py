from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from verbund.core.forms import DateInput, ModelForm
from verbund.core.models import Organization
from verbund.core.widgets import use_organization_search
from verbund.mobility.models import (
    CEFR,
    Application,
    Exchange,
    ExchangeDay,
    ExchangeParticipant,
    Language,
    LearningAgreement,
    MobilityProject,
    Payment,
    Placement,
    Stay,
)
from verbund.mobility.models.projects import Need
from verbund.mobility.permissions import MOBILITY_PLAN
from verbund.networks.models import Activity, Network

LEVEL_CHOICES = [("", _("keine Kenntnisse"))] + list(CEFR.choices)
APPLICATION_LANGUAGES = ("fr", "en", "es", "it")


def partnerships(user):
    return Network.objects.with_perm(user, MOBILITY_PLAN).filter(kind=Network.Kind.PARTNERSCHAFT)


class ProjectForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = MobilityProject
        fields = [
            "network",
            "beneficiary",
            "title",
            "reference",
            "call_year",
            "start",
            "end",
            "granted_amount",
        ]
        widgets = {"start": DateInput(), "end": DateInput()}

    def limit_choices(self, user):
        self.fields["network"].queryset = partnerships(user)
        self.fields["beneficiary"].queryset = Organization.objects.with_perm(user, MOBILITY_PLAN)


class PlacementForm(ModelForm):
    accessible = forms.MultipleChoiceField(
        label=_("Barrierefreiheit"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta(ModelForm.Meta):
        model = Placement
        fields = [
            "network",
            "host",
            "title",
            "occupations",
            "language",
            "min_level",
            "start",
            "end",
            "capacity",
            "accessible",
            "city",
            "country",
            "lat",
            "lon",
            "description",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"lat": _("Leer lassen: aus dem Ort ermittelt.")}

    def limit_choices(self, user):
        networks = Network.objects.with_perm(user, MOBILITY_PLAN).filter(
            kind=Network.Kind.PARTNERSCHAFT
        )
        self.fields["network"].queryset = networks
        abroad = Organization.objects.filter(memberships__network__in=networks).exclude(
            country="DE"
        )
        own = Organization.objects.with_perm(user, MOBILITY_PLAN)
        self.fields["host"].queryset = Organization.objects.filter(
            Q(pk__in=abroad.values("pk")) | Q(pk__in=own.values("pk"))
        )


class ApplicationForm(ModelForm):
    first_name = forms.CharField(label=_("Vorname"), max_length=100)
    last_name = forms.CharField(label=_("Nachname"), max_length=100)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    needs = forms.MultipleChoiceField(
        label=_("Bedarfe"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    preference_1 = forms.ModelChoiceField(
        Placement.objects.none(), label=_("1. Wunsch"), required=False
    )
    preference_2 = forms.ModelChoiceField(
        Placement.objects.none(), label=_("2. Wunsch"), required=False
    )
    preference_3 = forms.ModelChoiceField(
        Placement.objects.none(), label=_("3. Wunsch"), required=False
    )

    class Meta(ModelForm.Meta):
        model = Application
        fields = [
            "participant_type",
            "occupation",
            "training_company",
            "school",
            "home_city",
            "earliest",
            "latest",
            "days",
            "needs",
            "fewer_opportunities",
            "green_travel",
            "training_start",
            "training_end",
        ]
        widgets = {
            name: DateInput() for name in ("earliest", "latest", "training_start", "training_end")
        }

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code in APPLICATION_LANGUAGES:
            self.fields[f"level_{code}"] = forms.ChoiceField(
                label=_("Niveau %(language)s") % {"language": Language(code).label},
                choices=LEVEL_CHOICES,
                required=False,
            )
        if project is not None:
            placements = Placement.objects.filter(network=project.network).select_related("host")
            for n in (1, 2, 3):
                self.fields[f"preference_{n}"].queryset = placements
        self.fields["training_company"].queryset = Organization.objects.filter(
            kind=Organization.Kind.COMPANY
        )
        self.fields["school"].queryset = Organization.objects.filter(
            kind=Organization.Kind.SCHOOL, country="DE"
        )
        # Companies and schools of the whole directory: searched, not selects of hundreds.
        use_organization_search(self, "training_company", kinds=[Organization.Kind.COMPANY])
        use_organization_search(self, "school", kinds=[Organization.Kind.SCHOOL], country="DE")

    def clean(self):
        cleaned = super().clean()
        picked = [cleaned.get(f"preference_{n}") for n in (1, 2, 3)]
        picked = [p for p in picked if p is not None]
        if len({p.pk for p in picked}) != len(picked):
            raise forms.ValidationError(_("Jeden Wunschplatz bitte nur einmal nennen."))
        cleaned["preferences"] = [p.pk for p in picked]
        cleaned["languages"] = {
            code: cleaned[f"level_{code}"]
            for code in APPLICATION_LANGUAGES
            if cleaned.get(f"level_{code}")
        }
        days, earliest, latest = cleaned.get("days"), cleaned.get("earliest"), cleaned.get("latest")
        if days and earliest and latest and (latest - earliest).days + 1 < days:
            self.add_error("days", _("Die Dauer passt nicht in den gewünschten Zeitraum."))
        return cleaned


class StayForm(ModelForm):
    """Stays entered by hand (staff mobility); the grant is computed on saving."""

    class Meta(ModelForm.Meta):
        model = Stay
        fields = [
            "person",
            "participant_type",
            "host",
            "start",
            "end",
            "home_city",
            "green_travel",
            "fewer_opportunities",
            "status",
        ]
        widgets = {"start": DateInput(), "end": DateInput()}

    def limit_choices(self, user):
        from verbund.core.models import Person

        self.fields["person"].queryset = Person.objects.visible_to(user)


class AgreementForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = LearningAgreement
        fields = ["learning_outcomes", "tasks", "sending_mentor", "host_mentor", "assessment"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("learning_outcomes", "tasks", "assessment")
        }


class AgreementChangeForm(AgreementForm):
    change_reason = forms.CharField(label=_("Grund der Änderung"), max_length=255)

    class Meta(AgreementForm.Meta):
        fields = [*AgreementForm.Meta.fields]


class PaymentForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Payment
        fields = ["date", "amount", "note"]
        widgets = {"date": DateInput()}


class ExchangeForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Exchange
        fields = [
            "network",
            "kind",
            "title",
            "sending",
            "host",
            "start",
            "end",
            "place",
            "travel",
            "lodging",
            "description",
            "activity",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("travel", "lodging", "description")
            },
        }

    def limit_choices(self, user):
        networks = partnerships(user)
        self.fields["network"].queryset = networks
        self.fields["activity"].queryset = Activity.objects.filter(network__in=networks)


class ExchangeDayForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = ExchangeDay
        fields = ["date", "programme"]
        widgets = {"date": DateInput(), "programme": forms.Textarea(attrs={"rows": 2})}


class ExchangeParticipantForm(forms.Form):
    first_name = forms.CharField(label=_("Vorname"), max_length=100)
    last_name = forms.CharField(label=_("Nachname"), max_length=100)
    role = forms.ChoiceField(label=_("Rolle"), choices=ExchangeParticipant.Role.choices)
    organization = forms.ModelChoiceField(
        Organization.objects.all(), label=_("Einrichtung"), required=False
    )
