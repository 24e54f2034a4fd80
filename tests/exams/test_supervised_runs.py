"""Exam plan runs through core's one executor: failures end readable, never "running"."""

import logging

from verbund.exams.models import PlanRun
from verbund.exams.services import planning
from verbund.exams.solver.eligibility import LockError


def test_a_solver_that_raises_ends_the_run_failed_with_what_to_do(
    pool_a, planner, monkeypatch, caplog
):
    def broken_solver(*args, **kwargs):
        raise RuntimeError("division by zero deep inside the model")

    monkeypatch.setattr(planning.cpsat, "solve", broken_solver)
    with caplog.at_level(logging.ERROR):
        run = planning.start_run(pool_a.period, planner, time_limit=1)
    assert run.status == PlanRun.Status.FAILED and run.finished_at is not None
    assert run.message.startswith("Die Berechnung ist abgebrochen")
    assert "Bitte erneut starten" in run.message
    assert "division" not in run.message and "Traceback" not in run.message
    assert run.error == "RuntimeError: division by zero deep inside the model"
    assert any(record.exc_info for record in caplog.records)  # the trace is in the log
    # the failed run blocks nothing: the planner starts again at once
    monkeypatch.undo()
    again = planning.start_run(pool_a.period, planner, time_limit=1)
    assert again.pk != run.pk and again.status == PlanRun.Status.DONE


def test_an_infeasible_instance_names_the_rule_that_cannot_be_met(pool_a, planner, monkeypatch):
    def infeasible(*args, **kwargs):
        raise LockError(["Prüfer Weber ist am 12.05.2027 abwesend"])

    monkeypatch.setattr(planning.cpsat, "solve", infeasible)
    run = planning.start_run(pool_a.period, planner, time_limit=1)
    assert run.status == PlanRun.Status.FAILED
    assert "Prüfer Weber ist am 12.05.2027 abwesend" in run.message
    assert "erneut" in run.message
