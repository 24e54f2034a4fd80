"""The API's batch solve off the request: ``POST /exams/solve`` queues, ``GET`` polls.

An exams.md instance sent to the API is not a stored period, so the run is a core Job
(``exams.solve_instance``): the instance JSON is its payload, the plan its result. One
active run per user and period (the instance's ``period``): the same instance with the
same goal and time limit sent again while it runs gets that run back (a re-sent POST is
harmless); a different instance of the same period is refused until the first one ends.
"""

import hashlib
import json

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbund.core.models import Job
from verbund.core.services import jobs, supervision
from verbund.exams.solver import cpsat
from verbund.exams.solver.goals import Goals
from verbund.exams.solver.model import instance_from_dict, plan_to_dict

KIND = "exams.solve_instance"
PENDING = (Job.Status.QUEUED, Job.Status.RUNNING)
STAGES = {
    "filling": gettext_lazy("Alle Plätze werden besetzt …"),
    "improving": gettext_lazy("Der Plan wird verbessert …"),
    "done": gettext_lazy("Plan wird zusammengestellt …"),
}


class RunConflict(Exception):
    """Another run of the same period is still under way (``run`` is that job)."""

    def __init__(self, run: Job):
        self.run = run
        super().__init__(
            _("Für diesen Prüfungszeitraum läuft bereits eine Berechnung (Lauf %(id)s).")
            % {"id": run.pk}
        )


def digest(data: dict) -> str:
    """Fingerprint of an instance: the same JSON (any key order) gives the same value."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def start(user, data: dict, *, goal: str, time_limit: float) -> tuple[Job, bool]:
    """Queue the solve of ``data`` (an already validated instance); (job, reused)."""
    period = str((data.get("period") or {}).get("name", ""))
    params = {"period": period, "digest": digest(data), "goal": goal, "time_limit": time_limit}
    # a run whose worker died is queued again once or failed now: it never blocks (409)
    supervision.recover_abandoned(model=Job)
    with transaction.atomic():
        # two POSTs at once (a client retrying) must not both start: one at a time per user
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        pending = Job.objects.filter(
            kind=KIND, created_by=user, status__in=PENDING, params__period=period
        ).first()
        if pending is not None:
            if pending.params == params:
                return pending, True
            raise RunConflict(pending)
        payload = json.dumps(data, ensure_ascii=False).encode()
        title = _("Prüferplan berechnen: %(period)s") % {"period": period or "–"}
        return jobs.start(KIND, user=user, title=title, params=params, payload=payload), False


def run(job, progress) -> dict:
    """The job function: solve the payload's instance, return the plan (nothing stored)."""
    instance = instance_from_dict(json.loads(bytes(job.payload)))
    plan = cpsat.solve(
        instance,
        time_limit=float(job.params["time_limit"]),
        goals=Goals(job.params["goal"]),
        progress=lambda fraction, stage: progress(fraction, str(STAGES.get(stage, ""))),
    )
    progress(1.0, _("Plan berechnet."))
    return {"plan": plan_to_dict(plan)}


def visible_runs(user):
    return jobs.visible_jobs(user).filter(kind=KIND)
