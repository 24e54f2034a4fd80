"""Group exchange rules with hand-checked cases (shared/domain/mobility.md)."""

import datetime
import json
import subprocess
import sys

import pytest

from verbund.mobility.exchanges.rules import ExchangeFileError, age_on, check, read, result


def person(pid, role="learner", birth="2000-01-01", consent=False):
    return {"id": pid, "role": role, "birth_date": birth, "guardian_consent": consent}


def group(learners=8, companions=2, birth="2000-01-01"):
    return [person(f"L{n}", birth=birth) for n in range(learners)] + [
        person(f"C{n}", role="companion", birth="1980-01-01") for n in range(companions)
    ]


def exchange(**changes):
    data = {
        "programme": "protandem_initial",
        "preparatory_meeting": {"date": "2027-02-10", "persons": 2},
        "tandem_course_hours": 20,
        "legs": [
            {
                "direction": "outgoing",
                "start": "2027-04-05",
                "end": "2027-04-25",
                "participants": group(),
            },
            {
                "direction": "incoming",
                "start": "2027-09-06",
                "end": "2027-09-26",
                "participants": group(),
            },
        ],
    }
    data.update(changes)
    return data


def rules_broken(data):
    return [(v.rule, v.leg) for v in check(read(data))]


def test_a_complete_exchange_is_valid():
    assert result(read(exchange())) == {"valid": True, "violations": []}


def test_days_count_first_and_last_day():
    # 5 to 25 April is 21 days: enough for initial training; 5 to 24 April is not.
    data = exchange()
    data["legs"][0]["end"] = "2027-04-24"
    violations = check(read(data))
    assert [(v.rule, v.leg) for v in violations] == [("duration", 0)]
    assert "20 Tage" in violations[0].detail_de and "20 jours" in violations[0].detail_fr


def test_continuing_training_needs_14_days_6_learners_1_companion():
    data = exchange(programme="protandem_continuing")
    for leg in data["legs"]:
        leg["participants"] = group(learners=6, companions=1)
    data["legs"][0]["end"] = "2027-04-18"  # 14 days
    assert rules_broken(data) == []
    data["legs"][1]["participants"] = group(learners=5, companions=1)
    assert rules_broken(data) == [("group_size", 1)]


def test_language_companions_do_not_count_as_companions():
    data = exchange()
    data["legs"][0]["participants"] = group(companions=1) + [person("S", role="language_companion")]
    assert rules_broken(data) == [("group_size", 0)]


def test_reciprocity_needs_both_directions():
    data = exchange()
    data["legs"][1]["direction"] = "outgoing"
    violations = check(read(data))
    assert [(v.rule, v.leg) for v in violations] == [("reciprocity", None)]
    assert "Rückbegegnung" in violations[0].detail_de


@pytest.mark.parametrize(
    ("birth", "minor"),
    [
        ("2009-04-05", False),  # 18th birthday on the first day: of age (§ 187 (2) BGB)
        ("2009-04-06", True),  # one day short of 18
        ("2009-02-28", False),
    ],
)
def test_guardian_consent_by_age_on_the_first_day(birth, minor):
    data = exchange()
    data["legs"][0]["participants"][0] = person("L0", birth=birth)
    assert (("guardian_consent", 0) in rules_broken(data)) is minor


def test_consent_given_is_enough_and_only_learners_need_it():
    data = exchange()
    data["legs"][0]["participants"][0] = person("L0", birth="2012-01-01", consent=True)
    data["legs"][0]["participants"].append(
        person("J", role="language_companion", birth="2012-01-01")
    )
    assert rules_broken(data) == []


def test_born_on_29_february_is_18_from_1_march():
    assert age_on(datetime.date(2008, 2, 29), datetime.date(2026, 2, 28)) == 17
    assert age_on(datetime.date(2008, 2, 29), datetime.date(2026, 3, 1)) == 18


def test_the_age_is_checked_on_each_legs_first_day():
    data = exchange()
    # 18 on 1 June 2027: a minor on the April leg, of age on the September leg.
    for leg in data["legs"]:
        leg["participants"][0] = person("L0", birth="2009-06-01")
    assert rules_broken(data) == [("guardian_consent", 0)]


def test_preparatory_meeting_missing_or_late():
    data = exchange(preparatory_meeting=None)
    assert rules_broken(data) == [("preparatory_meeting", None)]
    data = exchange(preparatory_meeting={"date": "2027-04-05", "persons": 2})
    assert rules_broken(data) == [("preparatory_meeting", None)]


def test_tandem_course_of_fewer_than_20_hours():
    assert rules_broken(exchange(tandem_course_hours=19.5)) == [("tandem_course", None)]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"programme": "erasmus"}, "programme"),
        ({"legs": "keine"}, "legs"),
        ({"preparatory_meeting": {"date": "10.02.2027"}}, "preparatory_meeting.date"),
        ({"tandem_course_hours": "zwanzig"}, "tandem_course_hours"),
    ],
)
def test_a_malformed_file_names_the_field(change, field):
    with pytest.raises(ExchangeFileError, match=field.replace(".", r"\.")):
        read(exchange(**change))


def test_a_malformed_participant_names_its_place():
    data = exchange()
    data["legs"][1]["participants"][3]["role"] = "teacher"
    with pytest.raises(ExchangeFileError, match=r"legs\[1\]\.participants\[3\]\.role"):
        read(data)


def _run(tmp_path, data):
    path = tmp_path / "austausch.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "verbund", "mobility", "check-exchange", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_command_exit_codes_and_output(tmp_path):
    valid = _run(tmp_path, exchange())
    assert valid.returncode == 0
    assert json.loads(valid.stdout) == {"valid": True, "violations": []}
    spec_example = exchange(
        legs=[
            {
                "direction": "outgoing",
                "start": "2027-04-05",
                "end": "2027-04-25",
                "participants": [person("A1", birth="2008-05-01")],
            },
            {
                "direction": "incoming",
                "start": "2027-09-06",
                "end": "2027-09-26",
                "participants": [],
            },
        ]
    )
    broken = _run(tmp_path, spec_example)
    assert broken.returncode == 1
    out = json.loads(broken.stdout)
    assert out["valid"] is False
    assert {(v["rule"], v["leg"]) for v in out["violations"]} == {
        ("group_size", 0),
        ("group_size", 1),
    }
    malformed = _run(tmp_path, '{"programme": ')
    assert malformed.returncode == 2 and "JSON" in malformed.stderr
