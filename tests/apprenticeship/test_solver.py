"""Rotation solver and checker: one test per hard rule, property tests, the batch interface."""

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verbund.apprenticeship.solver import checker, cli, cpsat, generate, greedy, model
from verbund.apprenticeship.solver.model import Plan, Stay, Uncovered

INSTANCE = {
    "occupation": {
        "code": "mechatroniker",
        "weeks": 104,
        "years": [
            {"year": 1, "from_week": 1, "to_week": 52},
            {"year": 2, "from_week": 53, "to_week": 104},
        ],
        "positions": [
            {"id": "9", "title": "Prüfen, Anreißen und Kennzeichnen", "weeks": {"1": 6}},
            {"id": "11", "title": "Fügen", "weeks": {"2": 4}},
        ],
    },
    "companies": [
        {
            "id": "C1",
            "location": {"lat": 51.30, "lon": 7.34},
            "covers": {"9": {"1": 2}, "11": {"2": 4}},
        },
        {"id": "C2", "location": {"lat": 51.48, "lon": 7.22}, "covers": {}},
    ],
    "apprentices": [
        {"id": "A1", "company": "C1", "blocked_weeks": [10, 11, 12]},
        {"id": "A2", "company": "C2", "blocked_weeks": []},
    ],
    "stations": [
        {
            "id": "S1",
            "partner": "P1",
            "position": "9",
            "location": {"lat": 51.36, "lon": 7.47},
            "capacity": 1,
            "min_weeks": 2,
            "max_weeks": 6,
            "cost_per_week": 180,
            "available_weeks": list(range(1, 40)),
        },
        {
            "id": "S2",
            "partner": "P2",
            "position": "11",
            "location": {"lat": 51.51, "lon": 7.46},
            "capacity": 2,
            "min_weeks": 2,
            "max_weeks": 4,
            "cost_per_week": 120,
        },
    ],
    "costs": {"partner_fixed_eur": 300, "travel_eur_per_km": 0.30, "commute_days_per_week": 5},
}


def instance():
    return model.instance_from_dict(json.loads(json.dumps(INSTANCE)))


def lawful_plan():
    return Plan(
        stays=[
            Stay("A1", "S1", "9", 1, 1, 4),
            Stay("A2", "S1", "9", 1, 13, 6),
            Stay("A2", "S2", "11", 2, 60, 4),
        ]
    )


def test_lawful_plan_passes():
    assert checker.check(instance(), lawful_plan()) == []


def _violations(change):
    plan = lawful_plan()
    change(plan)
    return checker.check(instance(), plan)


def test_checker_catches_stay_outside_its_training_year():
    def change(plan):
        plan.stays[0].start_week = 50  # weeks 50..53 cross into year 2

    assert any("not inside training year" in v for v in _violations(change))


def test_checker_catches_blocked_week():
    def change(plan):
        plan.stays[0].start_week = 9

    assert any("blocked weeks 10, 11, 12" in v for v in _violations(change))


def test_checker_catches_week_the_station_is_closed():
    def change(plan):
        plan.stays[1].start_week = 36  # S1 is open up to week 39

    assert any("not available in weeks 40, 41" in v for v in _violations(change))


def test_checker_catches_too_short_and_too_long_stays():
    def short(plan):
        plan.stays[0].weeks = 1
        plan.uncovered.append(Uncovered("A1", "9", 1, 3, "test"))

    def long(plan):
        plan.stays[1].weeks = 7

    assert any("outside the station's 2..6" in v for v in _violations(short))
    assert any("outside the station's 2..6" in v for v in _violations(long))


def test_checker_catches_wrong_position_at_station():
    def change(plan):
        plan.stays[2].position = "9"
        plan.stays[2].year = 1
        plan.stays[2].start_week = 30

    assert any("teaches position 11, not 9" in v for v in _violations(change))


def test_checker_catches_apprentice_in_two_stays_at_once():
    def change(plan):
        plan.stays.append(Stay("A2", "S2", "11", 2, 61, 2))

    assert any("two stays at once" in v for v in _violations(change))


def test_checker_catches_station_over_capacity():
    def change(plan):
        plan.stays[1].start_week = 3  # A1 is at S1 in weeks 1..4, capacity 1

    assert any("more than 1 apprentices in weeks 3, 4" in v for v in _violations(change))


def test_checker_catches_gap_not_covered_and_not_reported():
    def change(plan):
        plan.stays.pop(0)

    assert any("A1: position 9 year 1 covered 0 of 4" in v for v in _violations(change))


def test_reported_gap_is_lawful():
    plan = lawful_plan()
    plan.stays.pop(0)
    plan.uncovered.append(Uncovered("A1", "9", 1, 4, "no station with free capacity"))
    assert checker.check(instance(), plan) == []


def test_broken_references_are_rejected():
    data = json.loads(json.dumps(INSTANCE))
    data["apprentices"][0]["company"] = "C9"
    data["stations"][0]["position"] = "99"
    try:
        model.instance_from_dict(data)
    except model.InstanceError as error:
        assert "apprentice A1: unknown company C9" in error.errors
        assert "station S1: unknown position 99" in error.errors
    else:
        raise AssertionError("broken references must be rejected")


def test_solver_covers_every_gap_at_least_cost():
    plan = cpsat.plan_rotation(instance(), time_limit=10)
    assert checker.check(instance(), plan) == []
    assert plan.uncovered == []
    assert sum(s.weeks for s in plan.stays) == 4 + 6 + 4  # no week more than the gaps
    assert plan.solver["status"] == "OPTIMAL"


def test_solver_reports_what_no_station_teaches():
    data = json.loads(json.dumps(INSTANCE))
    data["stations"].pop(1)
    plan = cpsat.solve(model.instance_from_dict(data), time_limit=10)
    assert [(u.apprentice, u.position, u.weeks, u.reason) for u in plan.uncovered] == [
        ("A2", "11", 4, cpsat.NO_STATION)
    ]


def test_locked_stays_are_kept_and_the_rest_replanned():
    locked = [Stay("A2", "S1", "9", 1, 20, 6, locked=True)]
    plan = cpsat.plan_rotation(instance(), locked=locked, time_limit=10)
    assert locked[0] in plan.stays
    assert checker.check(instance(), plan) == []
    assert not any(s.apprentice == "A2" and s.position == "9" and not s.locked for s in plan.stays)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(companies=st.integers(1, 4), apprentices=st.integers(1, 5), seed=st.integers(0, 10_000))
def test_solver_and_greedy_plans_pass_the_checker(companies, apprentices, seed):
    instance = generate.generate(companies, apprentices, stations=6, seed=seed)
    for plan in (greedy.solve(instance), cpsat.solve(instance, time_limit=3)):
        assert checker.check(instance, plan) == []


def test_batch_interface_round_trip(tmp_path):
    instance_path, plan_path = tmp_path / "instance.json", tmp_path / "plan.json"
    assert cli.generate_main(3, 4, str(instance_path), stations=5, seed=3) == 0
    assert cli.plan_main(str(instance_path), str(plan_path), time_limit=5) == 0
    written = json.loads(plan_path.read_text())
    assert set(written) == {"stays", "uncovered", "cost", "bound", "solver"}
    assert set(written["cost"]) == {"training", "partners", "travel", "total"}
    assert cli.check_main(str(instance_path), str(plan_path)) == 0
    written["stays"].append(dict(written["stays"][0]))  # the same stay twice
    plan_path.write_text(json.dumps(written))
    out = io.StringIO()
    assert cli.check_main(str(instance_path), str(plan_path), stdout=out) == 1
    assert "two stays at once" in out.getvalue()
