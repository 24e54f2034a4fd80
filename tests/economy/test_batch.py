"""``verbund economy index``: the exact interface of domain/economy.md."""

import json

import pytest
from django.core.management import call_command

HEADER = "firm_id;chamber;district;wz;employees;lage;erwartungen;exporte;investitionen;beschaeftigung;risiken\n"


def csv_file(tmp_path, rows):
    path = tmp_path / "answers.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return str(path)


def rows_for(count, wz, lage, erwartungen, prefix):
    return [
        f"{prefix}{n};BS;Braunschweig;{wz};40;{lage};{erwartungen};hoeher;gleich;geringer;fachkraeftemangel|energie_rohstoffe\n"
        for n in range(count)
    ]


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("economy", "index", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_json_overall_and_by_sector(tmp_path):
    rows = (
        rows_for(30, "C", "gut", "besser", "i")
        + rows_for(49, "29.10", "befriedigend", "gleich", "j")
        + rows_for(21, "G", "schlecht", "schlechter", "h")
        + rows_for(3, "F", "", "", "b")
    )
    code, out, _err = run(csv_file(tmp_path, rows), "--by", "sector")
    assert code == 0
    result = json.loads(out)
    assert result["all"]["firms"] == 103
    assert set(result["all"]) == {"firms", "lage", "erwartungen", "klima"}
    assert result["by"]["construction"] == {"suppressed": True, "reason": "fewer than 5 firms"}
    assert result["by"]["industry"]["firms"] == 79


def test_check_value_through_the_command(tmp_path):
    lage = ["gut"] * 30 + ["befriedigend"] * 49 + ["schlecht"] * 21
    erwartungen = ["besser"] * 13 + ["gleich"] * 52 + ["schlechter"] * 35
    rows = [
        f"f{n};BS;BS;C;20;{s};{e};;;;\n"
        for n, (s, e) in enumerate(zip(lage, erwartungen, strict=True))
    ]
    code, out, _err = run(csv_file(tmp_path, rows))
    assert json.loads(out) == {
        "all": {"firms": 100, "lage": 109.0, "erwartungen": 78.0, "klima": 92.2}
    }


def test_csv_output(tmp_path):
    rows = rows_for(6, "C", "gut", "besser", "a") + rows_for(6, "G", "gut", "gleich", "b")
    code, out, _err = run(csv_file(tmp_path, rows), "--by", "sector", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "group;firms;lage;erwartungen;klima;suppressed;reason"
    assert lines[1] == "all;12;200.0;150.0;173.2;false;"
    assert lines[2].startswith("industry;6;200.0;200.0;200.0")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x;BS;BS;C;viele;gut;besser;;;;\n", "line 2, column employees: not a whole number"),
        ("x;BS;BS;ZZ;4;gut;besser;;;;\n", "line 2, column wz"),
        ("x;BS;BS;C;4;super;besser;;;;\n", "line 2, column lage: 'super' is not one of"),
        ("x;BS;BS;C;4;gut;besser;;;;krieg\n", "unknown risk 'krieg'"),
    ],
)
def test_every_bad_row_is_reported_and_nothing_computed(tmp_path, row, message):
    code, out, err = run(
        csv_file(tmp_path, [row, "y;BS;BS;C;4;gut;;;;;\n", row.replace("x;", "z;")])
    )
    assert code == 1 and out == ""
    assert message in err
    assert "line 4" in err


def test_duplicate_firm_and_missing_column(tmp_path):
    code, _out, err = run(csv_file(tmp_path, ["a;BS;BS;C;4;gut;;;;;\n", "a;BS;BS;C;4;gut;;;;;\n"]))
    assert code == 1 and "line 3, column firm_id: firm already answered in line 2" in err
    path = tmp_path / "bad.csv"
    path.write_text("firm_id;lage\n1;gut\n", encoding="utf-8")
    code, _out, err = run(str(path))
    assert code == 1 and "missing column" in err
