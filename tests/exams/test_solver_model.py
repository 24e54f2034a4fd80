"""The JSON batch format of exams.md: exact round trip and clear validation errors."""

import copy
import json

import pytest

from tests.exams.solver_cases import case, lawful_plan
from verbund.exams.solver import model
from verbund.exams.solver.generate import generate
from verbund.exams.solver.model import InstanceError, Unfilled

# The examples of exams.md, verbatim.
DOC_INSTANCE = {
    "period": {"name": "Sommer 2027", "start": "2027-05-03", "end": "2027-07-09"},
    "examiners": [
        {
            "id": "E17",
            "group": "employer",
            "occupations": ["2611"],
            "home": {"lat": 52.27, "lon": 10.52},
            "available": ["2027-05-10", "2027-05-11"],
            "max_sittings": 6,
            "appointed_until": "2029-12-31",
            "company": "C0042",
            "relatives": ["P9003"],
        }
    ],
    "sittings": [
        {
            "id": "S301",
            "board": "B-2611-BS-1",
            "occupation": "2611",
            "date": "2027-05-10",
            "location": {"lat": 52.26, "lon": 10.53},
            "seats": {"employer": 1, "employee": 1, "teacher": 1},
            "candidates": [{"id": "P9003", "company": "C0042"}],
        }
    ],
}
DOC_PLAN = {
    "assignments": [{"sitting": "S301", "examiner": "E17", "group": "employer"}],
    "unfilled": [
        {"sitting": "S302", "group": "teacher", "reason": "no qualified teacher available"}
    ],
    "objective": {"unfilled": 1, "travel_km": 1234.5, "load_spread": 2, "board_changes": 14},
    "bound": {"unfilled": 1},
    "solver": {"status": "FEASIBLE", "seconds": 41.2},
}


def test_documented_instance_round_trips_exactly():
    instance = model.instance_from_dict(DOC_INSTANCE)
    assert model.instance_to_dict(instance) == DOC_INSTANCE
    assert instance.examiners[0].relatives == ("P9003",)
    assert instance.sittings[0].seats.total == 3


def test_documented_plan_round_trips_exactly():
    plan = model.plan_from_dict(DOC_PLAN)
    assert model.plan_to_dict(plan) == DOC_PLAN
    assert plan.unfilled == (Unfilled("S302", "teacher", "no qualified teacher available"),)


def test_files_round_trip(tmp_path):
    instance = generate(60, 20, planted=True, seed=4)
    model.dump_instance(instance, tmp_path / "i.json")
    assert model.load_instance(tmp_path / "i.json") == instance
    model.dump_plan(lawful_plan(), tmp_path / "p.json")
    assert model.load_plan(tmp_path / "p.json") == lawful_plan()
    assert json.loads((tmp_path / "p.json").read_text())["assignments"][0] == {
        "sitting": "S1",
        "examiner": "A1",
        "group": "employer",
    }


def test_hand_made_instance_round_trips():
    instance = case()
    assert model.instance_from_dict(model.instance_to_dict(instance)) == instance


def errors_of(data) -> list[str]:
    with pytest.raises(InstanceError) as caught:
        model.instance_from_dict(data)
    return caught.value.errors


def test_errors_name_the_offending_id_and_field():
    data = copy.deepcopy(DOC_INSTANCE)
    data["examiners"][0]["group"] = "boss"
    data["examiners"][0]["available"] = ["10.05.2027"]
    del data["sittings"][0]["board"]
    assert errors_of(data) == [
        "examiner E17: field 'available': '10.05.2027' is not an ISO date (YYYY-MM-DD)",
        "sitting S301: field 'board' is missing",
    ]
    data = copy.deepcopy(DOC_INSTANCE)
    data["examiners"][0]["group"] = "boss"
    data["examiners"][0]["max_sittings"] = "six"
    assert errors_of(data) == ["examiner E17: field 'max_sittings' has the wrong type ('six')"]
    data["examiners"][0]["max_sittings"] = 6
    assert errors_of(data) == [
        "examiner E17: group 'boss' is not one of employer, employee, teacher"
    ]


def test_seats_must_satisfy_section_40():
    data = copy.deepcopy(DOC_INSTANCE)
    data["sittings"][0]["seats"] = {"employer": 1, "employee": 1, "teacher": 2}
    assert errors_of(data) == [
        "sitting S301: seats: §40(2): employer + employee seats must be at least two thirds"
    ]
    data["sittings"][0]["seats"] = {"employer": 2, "employee": 1, "teacher": 1}
    assert errors_of(data) == [
        "sitting S301: seats: §40(2): employer and employee seats must be equal"
    ]
    data["sittings"][0]["seats"] = {"employer": 1, "employee": 1, "teacher": 0}
    assert errors_of(data) == [
        "sitting S301: seats: §40(2): at least one teacher seat is required",
        "sitting S301: seats: §40(1): a board has at least 3 members",
    ]
    # check_rules=False parses anyway, so the checker can report it in its own words
    assert model.instance_from_dict(data, check_rules=False).sittings[0].seats.teacher == 0


def test_duplicate_ids_and_dates_outside_the_period():
    data = copy.deepcopy(DOC_INSTANCE)
    data["examiners"].append(copy.deepcopy(data["examiners"][0]))
    data["sittings"][0]["date"] = "2027-08-02"
    assert errors_of(data) == [
        "examiner E17: duplicate id",
        "sitting S301: date 2027-08-02 is outside the period",
    ]


def test_invalid_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{")
    with pytest.raises(InstanceError, match="not valid JSON"):
        model.load_instance(path)
