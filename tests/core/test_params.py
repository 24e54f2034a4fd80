import pytest

from verbund.core.services.params import MAX_ID, parse_id, parse_ids, parse_int, parse_number


@pytest.mark.parametrize(
    "value", ["²", "٣", "1_000", "abc", "", None, " ", "1.5", "0x10", str(2**64), "--1", "1e3"]
)
def test_odd_ids_do_not_parse(value):
    assert parse_id(value) is None


def test_ids_and_ranges():
    assert parse_id("42") == 42 and parse_id(" 7 ") == 7
    assert parse_id("0") is None and parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id(str(MAX_ID + 1)) is None
    assert parse_int("-3") == -3 and parse_int("5", minimum=6) is None
    assert parse_int("x", 12) == 12
    assert parse_ids(["1", "²", "3"]) == [1, 3]


@pytest.mark.parametrize("value", ["nan", "inf", "1e999", "²", "1,2,3", ""])
def test_odd_numbers_do_not_parse(value):
    assert parse_number(value) is None


def test_numbers():
    assert parse_number("12,5") == 12.5 and parse_number("3") == 3.0
    assert parse_number("5000", maximum=1000) is None
