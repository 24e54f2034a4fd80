"""German numbers: typed as people type them, shown with separators."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from verbund.core.fields import GermanDecimalField, MoneyField
from verbund.core.forms import ModelForm
from verbund.core.services.numbers import NotANumber, format_money, format_number, parse_decimal
from verbund.networks.models import FundingSource


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("450,50", "450.50"),
        ("1.290,50", "1290.50"),
        ("1290.50", "1290.50"),
        ("1290,5", "1290.5"),
        ("1 290,50", "1290.50"),
        ("1.290", "1290"),
        ("12", "12"),
        ("-3,5", "-3.5"),
        ("0,75 €", "0.75"),
        (",5", "0.5"),
    ],
)
def test_parse_decimal_understands_german_and_english_spelling(typed, expected):
    assert parse_decimal(typed) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("1,290.50", "mischt Komma und Punkt"),
        ("1.290,50.", "mischt Komma und Punkt"),
        ("1,290,000", "nicht eindeutig"),
    ],
)
def test_parse_decimal_refuses_mixed_and_ambiguous_spellings_with_a_reason(typed, reason):
    with pytest.raises(NotANumber, match=reason):
        parse_decimal(typed)


def test_parse_decimal_takes_numbers_from_spreadsheets_and_coordinates_without_grouping():
    assert parse_decimal(1290.5) == Decimal("1290.5")
    assert parse_decimal(Decimal("12.50")) == Decimal("12.50")
    assert parse_decimal("52.264", grouping=False) == Decimal("52.264")
    assert parse_decimal("52,264", grouping=False) == Decimal("52.264")
    with pytest.raises(NotANumber):
        parse_decimal(float("nan"))


def test_the_importers_use_the_one_parser():
    from verbund.core.services import numbers, tabular

    assert tabular.parse_decimal is numbers.parse_decimal


@pytest.mark.parametrize("typed", ["abc", "1,2,3", "1.2.3,4,5", "12a", "", "-", "1..5", "∞"])
def test_parse_decimal_rejects_garbage(typed):
    with pytest.raises(NotANumber):
        parse_decimal(typed)


def test_format_in_german_and_english():
    with translation.override("de"):
        assert format_money(Decimal("1290.5")) == "1.290,50\u00a0€"
        assert format_number(Decimal("26313.8")) == "26.313,8"
        assert format_number(Decimal("12.000")) == "12"
        assert format_number(1234567) == "1.234.567"
        assert format_number(Decimal("0.125"), 1) == "0,1"
    with translation.override("en"):
        assert format_money(Decimal("1290.5")) == "1,290.50\u00a0€"


def test_field_cleans_and_reports_clearly():
    field = MoneyField(max_digits=9)
    assert field.clean("1.290,50") == Decimal("1290.50")
    with pytest.raises(ValidationError) as raised:
        field.clean("zwölf Euro")
    assert "450,50" in str(raised.value)
    with pytest.raises(ValidationError):
        field.clean("-5")  # money is never negative by default
    widget_html = field.widget.render("price", Decimal("1290.5"))
    assert 'inputmode="decimal"' in widget_html
    assert 'type="text"' in widget_html
    assert 'value="1.290,50"' in widget_html


def test_model_forms_get_the_german_field_for_decimals(db):
    class ShareForm(ModelForm):
        class Meta(ModelForm.Meta):
            model = FundingSource
            fields = ["share_percent", "amount"]

    form = ShareForm()
    assert isinstance(form.fields["amount"], GermanDecimalField)
    assert 'type="number"' not in str(form["amount"])
    bound = ShareForm({"share_percent": "12,5", "amount": "1.290,50"})
    bound.is_valid()
    assert bound.cleaned_data["amount"] == Decimal("1290.50")
    assert bound.cleaned_data["share_percent"] == Decimal("12.5")


def test_template_filters(rf):
    from django.template import Context, Template

    with translation.override("de"):
        html = Template("{% load verbund_ui %}{{ a|money }} · {{ d|number:1 }} km").render(
            Context({"a": Decimal("1290.5"), "d": Decimal("26313.84")})
        )
    assert html == "1.290,50\u00a0€ · 26.313,8 km"


def test_model_forms_get_a_date_picker_for_dates(db):
    from verbund.networks.models import Network

    class NetworkForm(ModelForm):
        class Meta(ModelForm.Meta):
            model = Network
            fields = ["since"]

    assert 'type="date"' in str(NetworkForm()["since"])
