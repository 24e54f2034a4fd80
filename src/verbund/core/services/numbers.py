"""German number input and output, in one place for every form and page.

Input: people type "450,50", "1.290,50", "1290.50" or "1 290,50"; a browser number field
would drop the comma ("450,50" became 45.050,00 EUR), so money and decimals are typed into
a text field and parsed here. Output: "1.290,50 €", "26.313,8 km" in German; English and
French pages get their own separators from Django's formats.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils import formats

# Grouping may use ".", a space, a narrow no-break space or an apostrophe; the decimal
# mark is "," (German) or "." (typed by people used to English, or pasted from a system).
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d*)?$")
_GROUPED_COMMA = re.compile(r"^\d{1,3}(,\d{3})+\.\d*$")
_PLAIN = re.compile(r"^\d*([.,]\d*)?$")


class NotANumber(ValueError):
    """The text is not a number in any of the accepted spellings."""


def parse_decimal(text: str) -> Decimal:
    """Read a decimal number typed the German or the English way.

    "1.290,50" and "1290,50" and "1290.50" are 1290.50; "1.290" is 1290 (a dot followed by
    exactly three digits groups thousands, as everyone in Germany writes it); "1,290.50"
    (English grouping) is 1290.50 as well. Anything else raises ``NotANumber``.
    """
    cleaned = _SPACES.sub("", str(text)).replace("€", "").replace("−", "-")
    sign = ""
    if cleaned.startswith(("+", "-")):
        sign = "-" if cleaned[0] == "-" else ""
        cleaned = cleaned[1:]
    if not cleaned or not any(char.isdigit() for char in cleaned):
        raise NotANumber(text)
    if _GROUPED_DOT.match(cleaned):
        normal = cleaned.replace(".", "").replace(",", ".")
    elif _GROUPED_COMMA.match(cleaned):
        normal = cleaned.replace(",", "")
    elif _PLAIN.match(cleaned):
        normal = cleaned.replace(",", ".")
    else:
        raise NotANumber(text)
    try:
        return Decimal(sign + normal)
    except InvalidOperation as error:  # pragma: no cover - the patterns above admit only digits
        raise NotANumber(text) from error


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
