"""A searchable organization field: type a few letters, pick from the matches (htmx).

Replaces selects with hundreds of organizations. Without JavaScript the typed text is
matched on the server (exact name or short name), so the form still works.

The matches come from ``core:organization_choices``: organizations the user may see,
narrowed to the field's kinds (and country) when the form gives them, so that a company
field offers only companies. The field itself still validates against its queryset.
Use ``use_organization_search(form, "organization", kinds=[Organization.Kind.COMPANY])``
for every field that picks an organization from the whole directory.
"""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SEARCH_SUFFIX = "__search"


class OrganizationAutocomplete(forms.Widget):
    template_name = "core/widgets/organization_autocomplete.html"

    def __init__(self, attrs=None, kinds=(), country=""):
        super().__init__(attrs)
        self.kinds = tuple(str(kind) for kind in kinds)
        self.country = country

    def get_context(self, name, value, attrs):
        from verbund.core.models import Organization

        context = super().get_context(name, value, attrs)
        chosen, label = "", ""
        if value not in (None, ""):
            if str(value).isdigit():
                organization = Organization.objects.filter(pk=value).first()
                chosen, label = (value, str(organization)) if organization else ("", "")
            else:
                label = str(value)  # typed text that matched nothing, shown again
        context["widget"].update(
            chosen=chosen,
            label=label,
            search_name=f"{name}{SEARCH_SUFFIX}",
            url=self.choices_url(),
        )
        return context

    def choices_url(self) -> str:
        narrowing = [("kind", kind) for kind in self.kinds]
        if self.country:
            narrowing.append(("country", self.country))
        url = reverse("core:organization_choices")
        return f"{url}?{urlencode(narrowing)}" if narrowing else url

    def value_from_datadict(self, data, files, name):
        return data.get(name) or (data.get(f"{name}{SEARCH_SUFFIX}") or "").strip() or None

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}{SEARCH_SUFFIX}" not in data


class OrganizationChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over organizations that also accepts an exact typed name."""

    widget = OrganizationAutocomplete
    default_error_messages = {
        "invalid_choice": _(
            "Bitte wählen Sie eine Organisation aus der Liste der Treffer "
            "(Namen eintippen, dann auswählen)."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values or str(value).isdigit():
            return super().to_python(value)
        matches = list(
            self.queryset.filter(Q(name__iexact=value) | Q(short_name__iexact=value))[:2]
        )
        if len(matches) != 1:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return matches[0]


def use_organization_search(form, name: str, *, kinds=(), country: str = "") -> None:
    """Turn ``form.fields[name]`` (an organization select) into the searchable field.

    ``kinds``/``country`` narrow the matches offered while typing to what the field's
    queryset allows (the queryset itself is kept and validates the choice)."""
    old = form.fields[name]
    form.fields[name] = OrganizationChoiceField(
        queryset=old.queryset,
        required=old.required,
        label=old.label,
        help_text=old.help_text,
        initial=old.initial,
        widget=OrganizationAutocomplete(kinds=kinds, country=country),
    )
