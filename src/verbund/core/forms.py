from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from verbund.core.fields import GermanDecimalField, GermanFloatField
from verbund.core.models import ApiToken, Organization, Person


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    if isinstance(db_field, models.DecimalField) and not db_field.choices:
        # German decimals ("1.290,50") in a text field, never a browser number field.
        kwargs.setdefault("form_class", GermanDecimalField)
    if isinstance(db_field, models.FloatField) and not db_field.choices:
        # Coordinates typed "52,2647" or "52.2647" (the one parse_decimal, no grouping).
        kwargs.setdefault("form_class", GermanFloatField)
    if type(db_field) is models.DateField and "widget" not in kwargs:
        # The browser's date picker instead of a text field expecting "2026-12-01".
        kwargs["widget"] = DateInput()
    return db_field.formfield(**kwargs)


class ModelForm(forms.ModelForm):
    """Base of our model forms: URLs without scheme are taken as https; decimals typed
    the German way (``verbund.core.fields.GermanDecimalField``, ``GermanFloatField``);
    dates with a date picker."""

    class Meta:
        formfield_callback = staticmethod(_formfield)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def validate_unique(self):
        # Django's own check, with "… mit diesem … existiert bereits." said naturally.
        from django.core.exceptions import ValidationError

        from verbund.core.services import unique_messages

        try:
            self.instance.validate_unique(exclude=self._get_validation_exclusions())
        except ValidationError as error:
            self._update_errors(unique_messages.rephrase(error, self.instance))


class OrganizationForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Organization
        fields = [
            "name",
            "short_name",
            "kind",
            "wz_section",
            "size_class",
            "street",
            "postcode",
            "city",
            "country",
            "region",
            "lat",
            "lon",
            "website",
            "email",
            "phone",
            "description",
            "parent",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("lat") is None) != (cleaned.get("lon") is None):
            raise forms.ValidationError(_("Bitte Breite und Länge zusammen angeben."))
        return cleaned


class PersonForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = Person
        fields = [
            "salutation",
            "first_name",
            "last_name",
            "organization",
            "function",
            "email",
            "phone",
            "consent_given_at",
            "consent_purpose",
            "retain_until",
        ]
        widgets = {
            "retain_until": DateInput(),
            "consent_given_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def limit_choices(self, user):
        """People can only be filed under organizations the user may edit."""
        if not user.is_superuser:
            self.fields["organization"].queryset = Organization.objects.with_perm(
                user, "organizations.edit"
            )
        self.fields["organization"].required = True


class ApiTokenForm(ModelForm):
    class Meta(ModelForm.Meta):
        model = ApiToken
        fields = ["name", "expires_at"]
        widgets = {"expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}
