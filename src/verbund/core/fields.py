"""Form fields every app uses for figures typed by people (see docs/ui.md)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from verbund.core.services.numbers import NotANumber, format_number, parse_decimal


class DecimalInput(forms.TextInput):
    """A text field with the decimal keypad on phones; never ``type=number``.

    A browser number field drops or misreads the German decimal comma, so the text is
    sent as typed and parsed on the server.
    """

    def __init__(self, attrs=None, *, decimal_places: int | None = None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.decimal_places = decimal_places

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_number(value, self.decimal_places)
        return super().format_value(value)


class MoneyInput(DecimalInput):
    """An amount in euro, shown with two decimals ("1.290,50")."""

    def __init__(self, attrs=None):
        super().__init__(attrs, decimal_places=2)


class GermanDecimalField(forms.DecimalField):
    """Understands "450,50", "1.290,50" and "1290.50"; rejects anything else clearly."""

    widget = DecimalInput
    default_error_messages = {
        "invalid": _(
            "Bitte geben Sie eine Zahl ein, zum Beispiel 450,50 oder 1.290,50 "
            "(ohne Buchstaben und Einheiten)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs["localize"] = False  # parsing is ours; Django's would reject "1.290,50"
        super().__init__(**kwargs)
        if not isinstance(self.widget, DecimalInput):
            # A number widget given by a form's Meta.widgets would drop the comma again.
            self.widget = DecimalInput(self.widget.attrs)
        if self.widget.decimal_places is None:
            self.widget.decimal_places = self.decimal_places

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)  # only meaningful for type=number
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_decimal(str(value).strip())
        except NotANumber as error:
            # Mixed or ambiguous spellings get their own explanation ("1,290.50").
            message = error.message if error.explained else self.error_messages["invalid"]
            raise ValidationError(message, code="invalid") from None
        if not number.is_finite():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class MoneyField(GermanDecimalField):
    """An amount of money in euro: two decimals, never negative unless allowed."""

    widget = MoneyInput

    def __init__(self, **kwargs):
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)


class GermanFloatField(forms.FloatField):
    """A coordinate or measure kept as float: "52,2647" and "52.2647" are both 52.2647.

    Read by the one ``parse_decimal`` without thousands grouping (a coordinate such as
    "52.264" has three decimals, not a thousands dot).
    """

    widget = DecimalInput
    default_error_messages = GermanDecimalField.default_error_messages

    def __init__(self, **kwargs):
        kwargs["localize"] = False
        super().__init__(**kwargs)
        if not isinstance(self.widget, DecimalInput):
            self.widget = DecimalInput(self.widget.attrs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return attrs

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, float | int) and not isinstance(value, bool):
            return float(value)
        try:
            return float(parse_decimal(str(value).strip(), grouping=False))
        except NotANumber as error:
            message = error.message if error.explained else self.error_messages["invalid"]
            raise ValidationError(message, code="invalid") from None
