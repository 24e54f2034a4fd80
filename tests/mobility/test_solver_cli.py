"""The batch interface of mobility.md: ``verbund mobility match|check``."""

import io
import json

import pytest
from django.core.management import call_command

from verbund.mobility.solver import cli

EXAMPLE = {
    "call_year": 2026,
    "participants": [
        {
            "id": "L1",
            "type": "learner_short",
            "occupation": "mechatroniker",
            "home": {"city": "Hannover", "lat": 52.37, "lon": 9.73},
            "languages": {"fr": "A2", "en": "B1"},
            "earliest": "2027-03-01",
            "latest": "2027-06-30",
            "days": 28,
            "needs": ["wheelchair"],
            "fewer_opportunities": True,
            "green_travel": True,
            "preferences": ["H3", "H1"],
        },
        {
            "id": "L2",
            "type": "learner_short",
            "occupation": "koch",
            "home": {"city": "Hannover", "lat": 52.37, "lon": 9.73},
            "languages": {"fr": "B1"},
            "earliest": "2027-03-01",
            "latest": "2027-06-30",
            "days": 21,
        },
    ],
    "placements": [
        {
            "id": "H1",
            "host": "CMA Formation Le Havre",
            "country": "FR",
            "city": "Le Havre",
            "lat": 49.49,
            "lon": 0.11,
            "occupations": ["mechatroniker"],
            "language": "fr",
            "min_level": "A2",
            "from": "2027-02-01",
            "to": "2027-07-31",
            "capacity": 2,
            "accessible": ["wheelchair"],
        },
    ],
    "rates": {
        "travel_bands": [[10, 99, 28, 56], [100, 499, 211, 285], [500, 1999, 309, 417]],
        "daily": {"learner_short": 66},
        "travel_days": {"standard": 2, "green": 6},
        "organisational": {"learner_short": 350},
        "inclusion": 125,
    },
}


@pytest.fixture
def files(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    return path, tmp_path / "plan.json"


def test_match_writes_the_plan_format_and_check_accepts_it(files):
    instance, plan_path = files
    out, err = io.StringIO(), io.StringIO()
    assert cli.match_main(str(instance), str(plan_path), 2, 0, out, err) == 0
    plan = json.loads(plan_path.read_text())
    assert set(plan) == {"stays", "unplaced", "objective", "bound", "solver"}
    stay = plan["stays"][0]
    assert stay["participant"] == "L1" and stay["placement"] == "H1"
    assert stay["grant"] == {
        "travel": 417,
        "individual": 2244,
        "organisational": 350,
        "inclusion": 125,
        "total": 3136,
    }
    assert plan["unplaced"] == [{"participant": "L2", "reason": "no placement for the occupation"}]
    assert plan["objective"] == {"placed": 1, "preference_rank_sum": 2, "grant_total": 3136}
    assert plan["bound"] == {"placed": 1}
    assert cli.check_main(str(instance), str(plan_path), out, err) == 0
    assert "OK: 1 stays, 1 unplaced" in out.getvalue()


def test_check_exits_1_with_one_line_per_violation(files):
    instance, plan_path = files
    cli.match_main(str(instance), str(plan_path), 1, 0, io.StringIO(), io.StringIO())
    plan = json.loads(plan_path.read_text())
    plan["stays"][0]["grant"]["travel"] = 500
    plan["stays"][0]["end"] = "2027-12-31"
    plan_path.write_text(json.dumps(plan))
    out = io.StringIO()
    assert cli.check_main(str(instance), str(plan_path), out, io.StringIO()) == 1
    lines = out.getvalue().splitlines()
    assert any("grant travel 500, expected 417" in line for line in lines)
    assert any("days, 28 wanted" in line for line in lines)


def test_bad_instance_reports_every_problem_and_exits_2(tmp_path):
    broken = {
        **EXAMPLE,
        "participants": [{**EXAMPLE["participants"][0], "days": "many", "languages": {"fr": "Z9"}}],
    }
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(broken))
    err = io.StringIO()
    assert cli.match_main(str(path), str(tmp_path / "p.json"), 1, 0, io.StringIO(), err) == 2
    assert "unknown CEFR level 'Z9'" in err.getvalue()
    assert "'days' has the wrong type" in err.getvalue()
    path.write_text("{not json")
    assert cli.check_main(str(path), str(path), io.StringIO(), io.StringIO()) == 2


def test_command_uses_the_platforms_rate_table_when_rates_are_omitted(db, files):
    instance, plan_path = files
    data = {key: value for key, value in EXAMPLE.items() if key != "rates"}
    instance.write_text(json.dumps(data))
    call_command(
        "mobility",
        "match",
        str(instance),
        "--out",
        str(plan_path),
        "--time-limit",
        "1",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    grant = json.loads(plan_path.read_text())["stays"][0]["grant"]
    # seeded table 2026: green band 500-1999 km = 417, example daily rate group 2 = 66
    assert grant == {
        "travel": 417,
        "individual": (28 + 6) * 66,
        "organisational": 350,
        "inclusion": 125,
        "total": 417 + 2244 + 350 + 125,
    }
    call_command("mobility", "check", str(instance), str(plan_path), stdout=io.StringIO())
