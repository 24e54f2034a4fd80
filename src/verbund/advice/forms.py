from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from verbund.advice.models import Case, CaseNeed, Office
from verbund.advice.permissions import ADVICE_MANAGE
from verbund.core.forms import DateInput, ModelForm
from verbund.core.models import Organization, Person, Region
from verbund.core.widgets import use_organization_search
from verbund.networks.models import Network


class OfficeForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Office
        fields = [
            "network",
            "name",
            "host",
            "street",
            "postcode",
            "city",
            "email",
            "phone",
            "districts",
        ]
        widgets = {"districts": forms.SelectMultiple(attrs={"size": 8})}

    def limit_choices(self, user):
        self.fields["network"].queryset = Network.objects.with_perm(user, ADVICE_MANAGE)
        self.fields["districts"].queryset = Region.objects.filter(
            kind__in=[Region.Kind.LANDKREIS, Region.Kind.KREISFREIE_STADT, Region.Kind.DEPARTEMENT]
        )
        if self.instance.pk:
            self.fields["network"].disabled = True


class AdvisorForm(forms.Form):
    username = forms.CharField(label=_("Benutzername"), max_length=150)

    def clean_username(self):
        user = (
            get_user_model()
            .objects.filter(username=self.cleaned_data["username"], is_active=True)
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("Kein aktives Benutzerkonto mit diesem Namen."))
        return user


class CaseForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Case
        fields = [
            "subject",
            "organization",
            "person",
            "district",
            "opened_on",
            "notes",
            "outcome",
            "outcome_reason",
            "follow_up_on",
        ]
        widgets = {
            "opened_on": DateInput(),
            "follow_up_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def limit_choices(self, user):
        self.fields["organization"].queryset = Organization.objects.filter(
            kind=Organization.Kind.COMPANY
        )
        # Every company of the directory: searched, not a select of hundreds.
        use_organization_search(self, "organization", kinds=[Organization.Kind.COMPANY])
        self.fields["person"].queryset = Person.objects.visible_to(user)
        self.fields["district"].queryset = Region.objects.filter(
            kind__in=[Region.Kind.LANDKREIS, Region.Kind.KREISFREIE_STADT]
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Case.Outcome.NOT_BOOKED and not cleaned.get("outcome_reason"):
            self.add_error("outcome_reason", _("Bitte angeben, warum nicht gebucht wurde."))
        return cleaned


class CaseNeedForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = CaseNeed
        fields = [
            "topic",
            "target_group",
            "employees",
            "urgency",
            "format",
            "time_budget_days",
            "time_of_day",
            "budget_per_person",
            "details",
        ]


class ContactForm(ModelForm):
    class Meta(ModelForm.Meta):
        from verbund.advice.models import Contact

        model = Contact
        fields = ["date", "channel", "minutes", "note"]
