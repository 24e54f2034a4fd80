"""Run the solver for a period in the background and store the plan it returns.

``start_run`` records a PlanRun and enqueues ``verbund.exams.tasks.run_plan``; the task
calls ``execute_run``, which builds the instance from the database, solves (locked
assignments stay as they are, declines and unconfirmed conflict warnings are forbidden)
and stores the plan: unchanged assignments keep their rows (and their published state),
the rest is replaced, unfilled seats are stored with the solver's reason.
"""

import logging
import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.backends.immediate import ImmediateBackend

from verbund.core.services import audit
from verbund.exams.models import Assignment, PlanRun, UnfilledSeat
from verbund.exams.services import instance as instances
from verbund.exams.solver import cpsat
from verbund.exams.solver.eligibility import LockError
from verbund.exams.solver.model import Plan

logger = logging.getLogger(__name__)

# Seconds the UI gives the solver unless the planner chooses otherwise; the solver keeps
# a complete plan from its first phase, the rest of the time improves continuity.
DEFAULT_TIME_LIMIT = 20.0
# Write progress to the database at most this often (the page polls every second).
PROGRESS_INTERVAL = 0.5


def start_run(period, user, *, kind=PlanRun.Kind.SOLVE, time_limit=DEFAULT_TIME_LIMIT, sittings=()):
    """Record a run and hand it to the task backend (immediate in demo/tests)."""
    from verbund.exams.tasks import run_plan

    run = PlanRun.objects.create(
        period=period,
        kind=kind,
        time_limit=time_limit,
        created_by=user if user is not None and user.is_authenticated else None,
        result={"sittings": list(sittings)},
    )
    audit.record(period, f"exams.plan.{kind}_started", user=user, data={"run": run.pk})
    if isinstance(run_plan.get_backend(), ImmediateBackend):
        # Demo and tests: run now, in this request (the progress page is already final).
        run_plan.enqueue(run.pk)
    else:
        # A worker must only see the run once it is committed.
        transaction.on_commit(lambda: run_plan.enqueue(run.pk))
    run.refresh_from_db()
    return run


def _progress_writer(run):
    last = [0.0]

    def report(fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and fraction < 1.0:
            return
        last[0] = now
        PlanRun.objects.filter(pk=run.pk).update(progress=min(fraction, 1.0), message=message[:255])

    return report


def execute_run(run: PlanRun) -> PlanRun:
    """Solve and store; a failure is recorded on the run, never half-stored."""
    PlanRun.objects.filter(pk=run.pk).update(status=PlanRun.Status.RUNNING, message="")
    period = run.period
    try:
        built = instances.build(period)
        locks = built.assignments(
            Assignment.objects.filter(
                sitting__period=period, declined_at__isnull=True, locked=True
            ).select_related("sitting")
        )
        report = _progress_writer(run)
        if run.kind == PlanRun.Kind.RESOLVE and run.result.get("sittings"):
            plan = cpsat.resolve(
                built.instance,
                instances.current_plan(period, built),
                run.result["sittings"],
                locked=locks,
                forbidden=built.forbidden,
                time_limit=run.time_limit,
                progress=report,
            )
        else:
            plan = cpsat.solve(
                built.instance,
                locked=locks,
                forbidden=built.forbidden,
                time_limit=run.time_limit,
                progress=report,
            )
        store_plan(period, built, plan, run.created_by)
    except LockError as error:
        _fail(
            run,
            _("Gesperrte Einsätze verletzen inzwischen eine Regel: %(errors)s")
            % {"errors": "; ".join(error.errors)},
        )
    except Exception as error:  # recorded for the planner; the traceback goes to the log
        logger.exception("exam plan run %s failed", run.pk)
        _fail(run, str(error))
    else:
        run.status = PlanRun.Status.DONE
        run.progress = 1.0
        run.message = _("Plan gespeichert.")
        run.finished_at = timezone.now()
        run.result = {**run.result, **summary(plan)}
        run.save()
    run.refresh_from_db()
    return run


def _fail(run, message: str) -> None:
    PlanRun.objects.filter(pk=run.pk).update(
        status=PlanRun.Status.FAILED, message=message[:255], finished_at=timezone.now()
    )


def summary(plan: Plan) -> dict:
    return {
        "assignments": len(plan.assignments),
        "unfilled": len(plan.unfilled),
        "objective": dict(plan.objective),
        "bound": dict(plan.bound),
        "solver": dict(plan.solver),
    }


def store_plan(period, built, plan: Plan, user) -> None:
    """Replace the period's active plan by ``plan``; identical assignments keep their row."""
    wanted = {(a.sitting, a.examiner): a.group for a in plan.assignments}
    with transaction.atomic():
        active = Assignment.objects.select_for_update().filter(
            sitting__period=period, declined_at__isnull=True
        )
        kept = set()
        for row in active.select_related("sitting"):
            key = (row.sitting.code, instances.examiner_id(row.examiner_id))
            if key in wanted and wanted[key] == row.group:
                kept.add(key)
            else:
                row.delete()
        Assignment.objects.bulk_create(
            [
                Assignment(
                    sitting=built.sittings[sitting],
                    examiner=built.examiners[examiner],
                    group=group,
                )
                for (sitting, examiner), group in wanted.items()
                if (sitting, examiner) not in kept
            ]
        )
        store_unfilled(period, built, plan)
        period.solved_at = timezone.now()
        period.plan_summary = summary(plan)
        period.save(update_fields=["solved_at", "plan_summary"])
        audit.record(
            period,
            "exams.plan.solved",
            user=user,
            data={"kept": len(kept), "new": len(wanted) - len(kept), **summary(plan)},
        )


def store_unfilled(period, built, plan: Plan, only_sittings=None) -> None:
    rows = UnfilledSeat.objects.filter(sitting__period=period)
    if only_sittings is not None:
        rows = rows.filter(sitting__code__in=only_sittings)
    rows.delete()
    UnfilledSeat.objects.bulk_create(
        [
            UnfilledSeat(sitting=built.sittings[u.sitting], group=u.group, reason=u.reason[:255])
            for u in plan.unfilled
            if only_sittings is None or u.sitting in only_sittings
        ]
    )
