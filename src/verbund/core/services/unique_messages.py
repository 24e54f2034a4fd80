"""Natural German for "this already exists", in place of Django's default wording.

Django says "Team mit diesem Name existiert bereits." (grammar by template, the field name
in the nominative); people read "Diesen Namen gibt es hier schon" better. Forms
(``core.forms.ModelForm``) and ``core.services.editing.save_changes`` pass their uniqueness
errors through ``rephrase``.
"""

from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext as _


def _labels(instance, names) -> list[str]:
    labels = []
    for name in names:
        try:
            labels.append(str(instance._meta.get_field(name).verbose_name))
        except Exception:  # noqa: BLE001 - a constraint over an expression has no field
            labels.append(name)
    return labels


def _message(error: ValidationError, instance):
    params = error.params or {}
    if error.code == "unique":
        label = params.get("field_label") or ""
        return ValidationError(
            _("„%(label)s“ ist schon vergeben: bitte einen anderen Wert wählen.")
            % {"label": label},
            code="unique",
        )
    if error.code == "unique_together":
        fields = params.get("unique_check") or ()
        labels = get_text_list([f"„{label}“" for label in _labels(instance, fields)], _("und"))
        return ValidationError(
            _("Einen Eintrag mit diesen Angaben gibt es schon (gleiche %(fields)s).")
            % {"fields": labels},
            code="unique_together",
        )
    return error


def rephrase(error: ValidationError, instance) -> ValidationError:
    """The same error with every uniqueness message in natural German."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                field: [_message(item, instance) for item in items]
                for field, items in error.error_dict.items()
            }
        )
    return ValidationError([_message(item, instance) for item in error.error_list])
