"""German number input and output, in one place for every form and page.

Input: people type "450,50", "1.290,50", "1290.50" or "1 290,50"; a browser number field
would drop the comma ("450,50" became 45.050,00 EUR), so money and decimals are typed into
a text field and parsed here. Output: "1.290,50 €", "26.313,8 km" in German; English and
French pages get their own separators from Django's formats.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _

# Grouping may use ".", a space, a narrow no-break space or an apostrophe; the decimal
# mark is "," (German) or "." (typed by people used to English, or pasted from a system).
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d*)?$")
_PLAIN = re.compile(r"^\d*([.,]\d*)?$")


class NotANumber(ValueError):
    """The text is not a number in any accepted spelling; ``message`` says why, in German."""

    def __init__(self, text, message=None):
        self.text = str(text)
        self.explained = message is not None  # mixed or ambiguous, not just no number
        self.message = message or _("„%(value)s“ ist keine Zahl.") % {"value": self.text}
        super().__init__(self.message)


def parse_decimal(value, *, grouping: bool = True) -> Decimal:
    """The one reader of decimal numbers for every form field and import of the platform.

    German "1.290,50" and "1290,50", plain "1290.50" (and "1 290,50 €", "-3,5", ",5") are
    read; a number (an XLSX cell) is taken as it is. A dot followed by groups of exactly
    three digits groups thousands ("1.290" is 1290, as everyone in Germany writes it),
    unless ``grouping`` is False (coordinates: "52.264" is 52.264). Mixed or ambiguous
    spellings raise ``NotANumber`` with a German message instead of a guess: "1,290.50"
    (English grouping: 1.2905 or 1290.50?), "1,290,000", "1.2.3".
    """
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
        if not number.is_finite():
            raise NotANumber(value)
        return number
    text = str(value if value is not None else "")
    cleaned = _SPACES.sub("", text).replace("€", "").replace("EUR", "").replace("−", "-")
    sign = ""
    if cleaned.startswith(("+", "-")):
        sign = "-" if cleaned[0] == "-" else ""
        cleaned = cleaned[1:]
    if not cleaned or not any(char.isdigit() for char in cleaned):
        raise NotANumber(text.strip())
    if "," in cleaned and "." in cleaned and cleaned.rfind(".") > cleaned.find(","):
        raise NotANumber(
            text.strip(),
            _("„%(value)s“ mischt Komma und Punkt. Bitte schreiben Sie 1.290,50 oder 1290.50.")
            % {"value": text.strip()},
        )
    if cleaned.count(",") > 1:
        raise NotANumber(
            text.strip(),
            _("„%(value)s“ ist nicht eindeutig. Bitte schreiben Sie 1.290,50 oder 1290.50.")
            % {"value": text.strip()},
        )
    if grouping and _GROUPED_DOT.match(cleaned):
        normal = cleaned.replace(".", "").replace(",", ".")
    elif _PLAIN.match(cleaned):
        normal = cleaned.replace(",", ".")
    else:
        raise NotANumber(text.strip())
    try:
        return Decimal(sign + normal)
    except InvalidOperation as error:  # pragma: no cover - the patterns above admit only digits
        raise NotANumber(text.strip()) from error


def format_number(value, decimal_places: int | None = None) -> str:
    """A figure with thousands separators in the active language ("26.313,8")."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if decimal_places is None:
        # Keep the figure's own precision, but never show "12,000" for a whole 12.
        number = number.normalize() if number == number.to_integral() else number
        exponent = number.as_tuple().exponent
        decimal_places = max(0, -exponent) if isinstance(exponent, int) else 0
    return formats.number_format(number, decimal_places, use_l10n=True, force_grouping=True)


def format_money(value, currency: str = "EUR") -> str:
    """An amount with two decimals and its currency sign ("1.290,50 €")."""
    if value is None or value == "":
        return ""
    amount = format_number(value, 2)
    symbol = {"EUR": "€"}.get(currency, currency)
    # A no-break space keeps the sign on the amount's line.
    return f"{amount}\u00a0{symbol}"
