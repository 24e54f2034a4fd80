"""The zahlenmäßiger Nachweis against figures computed by hand (shared/domain/funding.md)."""

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from verbund.funding.services import proof_of_use
from verbund.funding.services.proof_of_use import ProofError, compute, read_input, split_by_key

D = Decimal


def plan(financing="anteil", lines=None, expenditures=None, **extra):
    data = {
        "financing": financing,
        "share": 0.7,
        "max_grant": 700000.00,
        "fixed_amount": None,
        "lines": lines
        or [
            {"key": "personal", "label": "Personalausgaben", "planned": 600000.00},
            {"key": "sach", "label": "Sachausgaben", "planned": 300000.00},
        ],
        "expenditures": expenditures or [],
        "income": {"own": 0.00, "third_party": 0.00},
        "paid": 0.00,
        "cofunders": [],
    }
    data.update(extra)
    return data


def spend(line, amount, date="2026-03-31", receipt=""):
    return {"line": line, "amount": amount, "date": date, "receipt": receipt}


def figures(data):
    return compute(read_input(data))


def by_key(result):
    return {line.key: line for line in result.lines}


def test_the_interface_example_gives_its_shape_and_the_rules_figures():
    result = figures(
        plan(
            expenditures=[spend("personal", 650000.00, receipt="B-17")],
            paid=700000.00,
            cofunders=[
                {"name": "Landkreis Holzminden", "share": 0.5},
                {"name": "Landkreis Hameln-Pyrmont", "share": 0.5},
            ],
        )
    )
    # The overrun of 50,000 on staff is offset by the 300,000 not spent on Sachausgaben.
    out = result.as_interface()
    assert list(out) == ["lines", "eligible_total", "grant", "paid", "balance", "cofunders"]
    assert out["lines"][0] == {
        "key": "personal",
        "planned": D("600000.00"),
        "actual": D("650000.00"),
        "eligible": D("650000.00"),
        "not_eligible": D("0.00"),
    }
    assert out["eligible_total"] == D("650000.00")
    assert out["grant"] == D("455000.00")  # 70 % of 650,000
    assert out["balance"] == D("245000.00")  # paid 700,000 - due 455,000: paid back
    assert out["cofunders"] == [
        {"name": "Landkreis Holzminden", "amount": D("97500.00")},
        {"name": "Landkreis Hameln-Pyrmont", "amount": D("97500.00")},
    ]


def test_share_financing_within_plan_with_cents_and_a_split_cent():
    result = figures(
        plan(
            expenditures=[
                spend("personal", 550000.00),
                spend("personal", 50000.50),
                spend("sach", 250000.00),
            ],
            paid=600000.00,
            cofunders=[{"name": "A", "share": 0.5}, {"name": "B", "share": 0.5}],
        )
    )
    assert by_key(result)["personal"].eligible == D("600000.50")
    assert result.eligible_total == D("850000.50")
    assert result.grant == D("595000.35")  # 0.7 x 850,000.50
    assert result.balance == D("4999.65")
    # 255,000.15 split half and half: the odd cent goes to the first co-funder.
    assert [c.amount for c in result.cofunders] == [D("127500.08"), D("127500.07")]


def test_a_line_is_eligible_up_to_120_percent_when_savings_offset_it():
    result = figures(
        plan(
            lines=[
                {"key": "personal", "label": "Personal", "planned": 100000},
                {"key": "sach", "label": "Sach", "planned": 100000},
            ],
            expenditures=[spend("personal", 130000), spend("sach", 50000)],
        )
    )
    personal = by_key(result)["personal"]
    assert personal.ceiling == D("120000.00")
    assert personal.eligible == D("120000.00")
    assert personal.not_eligible == D("10000.00")
    assert result.eligible_total == D("170000.00")


def test_savings_shared_in_proportion_when_they_do_not_cover_every_overrun():
    result = figures(
        plan(
            lines=[
                {"key": "personal", "label": "Personal", "planned": 100000},
                {"key": "reise", "label": "Reisen", "planned": 50000},
                {"key": "sach", "label": "Sach", "planned": 50000},
            ],
            expenditures=[
                spend("personal", 115000),  # 15,000 over
                spend("reise", 60000),  # 10,000 over (its 20 % exactly)
                spend("sach", 40000),  # 10,000 saved
            ],
        )
    )
    lines = by_key(result)
    assert lines["personal"].eligible == D("106000.00")  # 10,000 x 15/25
    assert lines["reise"].eligible == D("54000.00")  # 10,000 x 10/25
    assert lines["sach"].eligible == D("40000.00")
    assert result.eligible_total == D("200000.00") == result.planned_total


def test_a_line_without_a_planned_amount_is_not_eligible():
    result = figures(
        plan(
            lines=[
                {"key": "personal", "label": "Personal", "planned": 100000},
                {"key": "honorar", "label": "Honorare", "planned": 0},
            ],
            expenditures=[spend("personal", 50000), spend("honorar", 5000)],
        )
    )
    assert by_key(result)["honorar"].eligible == D("0.00")
    assert by_key(result)["honorar"].not_eligible == D("5000.00")
    assert result.eligible_total == D("50000.00")


def test_share_financing_is_capped_at_the_approved_maximum():
    result = figures(
        plan(
            lines=[{"key": "personal", "label": "Personal", "planned": 1100000}],
            expenditures=[spend("personal", 1100000)],
            paid=650000,
        )
    )
    assert result.grant == D("700000.00")  # 770,000 capped
    assert result.balance == D("-50000.00")  # a final payment of 50,000 is due


def test_share_financing_rounds_half_up_at_the_end():
    result = figures(
        plan(
            lines=[{"key": "sach", "label": "Sach", "planned": 200}],
            expenditures=[spend("sach", 100.05)],
        )
    )
    assert result.grant == D("70.04")  # 70.035


@pytest.mark.parametrize(
    ("own", "third_party", "expected"),
    [
        (20000, 30000, D("140000.00")),  # 150,000 capped at the maximum of 140,000
        (60000, 30000, D("110000.00")),  # 200,000 - 60,000 - 30,000
        (190000, 20000, D("0.00")),  # income above the expenditure: never below 0
    ],
)
def test_deficit_financing(own, third_party, expected):
    result = figures(
        plan(
            financing="fehlbedarf",
            max_grant=140000,
            lines=[{"key": "personal", "label": "Personal", "planned": 200000}],
            expenditures=[spend("personal", 200000)],
            income={"own": own, "third_party": third_party},
        )
    )
    assert result.grant == expected


@pytest.mark.parametrize(("spent", "expected"), [(40000, D("40000.00")), (200000, D("50000.00"))])
def test_fixed_amount_financing(spent, expected):
    result = figures(
        plan(
            financing="festbetrag",
            fixed_amount=50000,
            max_grant=None,
            lines=[{"key": "personal", "label": "Personal", "planned": 200000}],
            expenditures=[spend("personal", spent)],
        )
    )
    assert result.grant == expected


def test_seven_districts_split_to_the_cent():
    seventh = 0.142857  # as typed: the seven shares add up to 0.999999
    amounts = split_by_key(D("100.00"), [D(str(seventh))] * 7)
    assert sum(amounts) == D("100.00")
    assert amounts == [D("14.29")] * 2 + [D("14.29")] * 2 + [D("14.28")] * 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"expenditures": [spend("reise", 10, receipt="B-3")]}, "Beleg B-3"),
        ({"expenditures": [spend("sach", -5)]}, "nicht negativ"),
        ({"cofunders": [{"name": "A", "share": 0.5}, {"name": "B", "share": 0.4}]}, "0.9"),
        ({"financing": "zuschuss"}, "zuschuss"),
        ({"expenditures": [{"line": "sach", "amount": 5}]}, "»date« fehlt"),
        ({"expenditures": [spend("sach", 5, date="31.03.2026")]}, "kein Datum"),
        ({"expenditures": [spend("sach", "1e400")]}, "unrealistisch"),
    ],
)
def test_bad_input_names_the_item(change, message):
    with pytest.raises(ProofError, match=message):
        read_input(plan(**change))


def test_a_missing_field_is_named():
    data = plan()
    del data["paid"]
    with pytest.raises(ProofError, match="»paid« fehlt"):
        read_input(data)


def test_command_prints_the_interface_json(tmp_path, capsys):
    path = tmp_path / "nachweis.json"
    path.write_text(json.dumps(plan(expenditures=[spend("personal", 650000.00)], paid=700000)))
    call_command("networks", "proof-of-use", str(path), "--format", "json")
    printed = capsys.readouterr().out
    assert '"eligible_total": 650000.00' in printed
    assert json.loads(printed)["balance"] == 245000.0


def test_command_table_speaks_german(tmp_path, capsys):
    path = tmp_path / "nachweis.json"
    path.write_text(json.dumps(plan(expenditures=[spend("personal", 650000.00)], paid=700000)))
    call_command("networks", "proof-of-use", str(path))
    printed = capsys.readouterr().out
    assert "Personalausgaben" in printed
    assert "Rückforderung" in printed
    assert "245.000,00" in printed


def test_command_refuses_broken_json_with_the_place(tmp_path):
    path = tmp_path / "kaputt.json"
    path.write_text('{"financing": "anteil",')
    with pytest.raises(CommandError, match="Zeile 1"):
        call_command("networks", "proof-of-use", str(path))


def test_command_exits_1_and_computes_nothing_on_bad_input(tmp_path):
    path = tmp_path / "falsch.json"
    path.write_text(json.dumps(plan(expenditures=[spend("reise", 10)])))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "verbund",
            "networks",
            "proof-of-use",
            str(path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "reise" in done.stderr


def test_json_writer_keeps_two_decimals():
    assert proof_of_use.to_json({"a": [D("1.5")]}) == '{\n  "a": [\n    1.50\n  ]\n}'
