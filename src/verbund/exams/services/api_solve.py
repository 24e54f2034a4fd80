"""The API's batch solve off the request: ``POST /exams/solve`` queues, ``GET`` polls.

An exams.md instance sent to the API goes the same way as the planner's solve on the
screen: a ``PlanRun`` (kind "instance", no stored period; the instance is kept on the
run) run by core's one executor (``verbund.core.services.runs``, supervised like every
run); the plan is the run's result. One active run per user and period (the instance's
``period``): the same instance with the same goal and time limit sent again while it runs
gets that run back (a re-sent POST is harmless); a different instance of the same period
is refused until the first one ends. A run whose worker died never blocks (it is solved
once more, then failed).
"""

import hashlib
import json

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from verbund.core.models import Job
from verbund.core.services import runs
from verbund.exams.models import PlanRun
from verbund.exams.solver import cpsat
from verbund.exams.solver.goals import Goals
from verbund.exams.solver.model import instance_from_dict, plan_to_dict

# Jobs of this kind were queued before API solves became plan runs (exams/jobs.py).
KIND = "exams.solve_instance"


class RunConflict(Exception):
    """Another run of the same period is still under way (``run`` is that run)."""

    def __init__(self, run: PlanRun):
        self.run = run
        super().__init__(
            _("Für diesen Prüfungszeitraum läuft bereits eine Berechnung (Lauf %(id)s).")
            % {"id": run.pk}
        )


def digest(data: dict) -> str:
    """Fingerprint of an instance: the same JSON (any key order) gives the same value."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def start(user, data: dict, *, goal: str, time_limit: float) -> tuple[PlanRun, bool]:
    """Queue the solve of ``data`` (an already validated instance); (run, reused)."""
    period = str((data.get("period") or {}).get("name", ""))
    params = {"period": period, "digest": digest(data)}
    with transaction.atomic():
        # two POSTs at once (a client retrying) must not both start: one at a time per user
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        pending = runs.active(visible_runs(user).filter(result__period=period))
        if pending is not None:
            if (pending.result.get("digest"), pending.goal, pending.time_limit) == (
                params["digest"],
                goal,
                float(time_limit),
            ):
                return pending, True
            raise RunConflict(pending)
        run = PlanRun.objects.create(
            kind=PlanRun.Kind.INSTANCE,
            instance=data,
            goal=goal,
            time_limit=float(time_limit),
            created_by=user,
            result=params,
        )
    return runs.start(run), False


def build(run: PlanRun):
    return instance_from_dict(run.instance)


def solve(run: PlanRun, instance, progress):
    return cpsat.solve(
        instance, time_limit=run.time_limit, goals=Goals(run.goal), progress=progress
    )


def store(run: PlanRun, instance, plan) -> str:
    PlanRun.objects.filter(pk=run.pk).update(result={**run.result, "plan": plan_to_dict(plan)})
    return gettext_noop("Plan berechnet.")


def run(job: Job, progress) -> dict:
    """A job queued before API solves became plan runs: solve its payload (kept for those)."""
    instance = instance_from_dict(json.loads(bytes(job.payload)))
    plan = cpsat.solve(
        instance,
        time_limit=float(job.params["time_limit"]),
        goals=Goals(job.params["goal"]),
        progress=lambda fraction, stage: progress(fraction, ""),
    )
    return {"plan": plan_to_dict(plan)}


def visible_runs(user):
    """The API solves a user may follow: their own."""
    if not user.is_authenticated:
        return PlanRun.objects.none()
    return PlanRun.objects.filter(kind=PlanRun.Kind.INSTANCE, created_by=user)
