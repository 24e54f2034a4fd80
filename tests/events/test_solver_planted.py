"""Planted forums: the schedule they are built around is valid and has the gaps claimed,
and the scheduler does at least as well on a small one."""

import io
import json

import pytest

from verbund.events.solver import checker, cli, generate, model, planted, scheduler
from verbund.events.solver.tables import build_schedule


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_schedule_passes_the_checker_with_the_gaps_claimed(seed):
    instance, plan = planted.planted(40, seed)
    known = build_schedule(instance, plan, status="PLANTED", seconds=0.0)
    assert checker.check(instance, known) == []
    assert known.objective["scheduled"] == len(instance.meetings)
    assert known.objective["idle_gaps"] == planted.planted_gaps(instance, plan)
    shape = generate.structure(instance)
    # The published forums' shape: 4.4-7.7 meetings per company, 50-90 % spare tables.
    assert 3 <= shape["mean_degree"] <= 8
    assert shape["table_use"] <= 0.75


def test_planted_forum_has_no_meeting_within_a_company_or_twice():
    instance, _plan = planted.planted(60, 4)
    pairs = [frozenset(m.participants) for m in instance.meetings]
    assert len(pairs) == len(set(pairs))
    for meeting in instance.meetings:
        first, second = (instance.participants[p].company for p in meeting.participants)
        assert first != second


def test_scheduler_matches_the_planted_schedule_on_a_small_forum():
    instance, plan = planted.planted(30, 5)
    result = scheduler.solve(instance, time_limit=4, seed=1)
    assert checker.check(instance, result) == []
    assert result.objective["scheduled"] == len(instance.meetings)
    assert result.objective["idle_gaps"] <= planted.planted_gaps(instance, plan)


def test_cli_generate_planted_writes_the_known_schedule(tmp_path):
    instance_path, known_path = tmp_path / "forum.json", tmp_path / "known.json"
    err = io.StringIO()
    options = {
        "action": "generate",
        "participants": 25,
        "requests": None,
        "seed": 2,
        "planted": True,
        "planted_out": str(known_path),
        "out": str(instance_path),
    }
    assert cli.dispatch(options, stdout=io.StringIO(), stderr=err) == 0
    assert "idle gaps exists" in err.getvalue()
    instance = model.load_instance(instance_path)
    assert checker.check(instance, model.load_schedule(known_path)) == []
    assert json.loads(known_path.read_text())["solver"]["status"] == "PLANTED"


def test_cli_generate_without_requests_or_planted_is_an_error():
    err = io.StringIO()
    options = {"action": "generate", "participants": 5, "requests": None, "seed": 0}
    assert cli.dispatch(options, stdout=io.StringIO(), stderr=err) == 2
    assert "--requests" in err.getvalue()
