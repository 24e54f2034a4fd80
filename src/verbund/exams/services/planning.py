"""Run the solver for a period in the background and store the plan it returns.

``start_run`` records a PlanRun and enqueues ``verbund.exams.tasks.run_plan`` (one active
run per period: a second submit gets the running one back); the task calls
``execute_run``, which builds the instance from the database, solves for the period's
goals (locked and, unless the planner releases them, published assignments stay as they
are; declines and unconfirmed conflict warnings are forbidden) and stores the plan:
unchanged assignments keep their rows (and their published state), the rest is replaced,
unfilled seats are stored with the solver's reason. A "compare" run solves every goal
mode on one instance and stores the plans for the planner to pick one (tradeoffs.py).
A run whose worker died is marked failed by ``fail_stale_runs``.
"""

import datetime
import logging
import time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks.backends.immediate import ImmediateBackend

from verbund.core.services import audit
from verbund.exams.models import Assignment, ExamPeriod, PlanRun, RateTable, UnfilledSeat
from verbund.exams.services import instance as instances
from verbund.exams.solver import cpsat
from verbund.exams.solver.eligibility import LockError
from verbund.exams.solver.goals import MODES, Goals, Weights
from verbund.exams.solver.model import Plan

logger = logging.getLogger(__name__)

# Seconds the UI gives the solver unless the planner chooses otherwise; the solver keeps
# a complete plan from its first phase, the rest of the time improves the goals.
DEFAULT_TIME_LIMIT = 20.0
# What the planner may choose in the UI: the database worker runs one task at a time and
# a compare run takes four times as long, so minutes-long runs would block everyone.
TIME_LIMIT_CHOICES = (10, 20, 30, 60, 120)
MAX_TIME_LIMIT = float(max(TIME_LIMIT_CHOICES))
# Write progress to the database at most this often (the page polls every second).
PROGRESS_INTERVAL = 0.5
# A running run that has not reported for this long (beyond its time limit) lost its
# worker; a queued one that no worker picked up in this time is given up as well.
STALE_RUNNING_GRACE = datetime.timedelta(minutes=2)
STALE_QUEUED_AFTER = datetime.timedelta(minutes=30)
# Used when the chamber has no rate table for the period's year (JVEG §5(2) rate).
DEFAULT_EURO_PER_KM = Decimal("0.30")

# The solver reports fixed stage keys; the planner reads German.
STAGE_TEXTS = {
    "filling": gettext_lazy("Alle Plätze werden besetzt …"),
    "improving": gettext_lazy("Der Plan wird verbessert …"),
    "done": gettext_lazy("Plan wird gespeichert …"),
}


def euro_per_km(period) -> Decimal:
    """The chamber's travel rate of the period's year (latest earlier year as fallback)."""
    rate = (
        RateTable.objects.filter(chamber=period.chamber_id, year__lte=period.start.year)
        .order_by("-year")
        .values_list("travel_per_km", flat=True)
        .first()
    )
    return rate if rate is not None else DEFAULT_EURO_PER_KM


def weights_for(period) -> Weights:
    return Weights(
        euro_per_km=float(euro_per_km(period)),
        euro_per_board_change=float(period.euro_per_board_change),
        euro_per_sitting_above_fair=float(period.euro_per_sitting_above_fair),
    )


def goals_for(period, mode: str | None = None) -> Goals:
    return Goals(mode or period.goal, weights_for(period))


def fail_stale_runs(period=None) -> int:
    """Mark runs failed whose worker died (no zombies "Läuft 36 %" forever)."""
    now = timezone.now()
    runs = PlanRun.objects.filter(status__in=[PlanRun.Status.QUEUED, PlanRun.Status.RUNNING])
    if period is not None:
        runs = runs.filter(period=period)
    stale = []
    for run in runs:
        if run.status == PlanRun.Status.RUNNING:
            seen = run.heartbeat_at or run.started_at or run.created_at
            limit = datetime.timedelta(seconds=run_seconds(run)) + STALE_RUNNING_GRACE
            if now - (run.started_at or seen) > limit and now - seen > STALE_RUNNING_GRACE:
                stale.append(run.pk)
        elif now - run.created_at > STALE_QUEUED_AFTER:
            stale.append(run.pk)
    if stale:
        PlanRun.objects.filter(pk__in=stale).update(
            status=PlanRun.Status.FAILED,
            message=_("Die Berechnung wurde unterbrochen. Bitte starten Sie sie erneut."),
            finished_at=now,
        )
    return len(stale)


def run_seconds(run) -> float:
    """How long the run's solver may take in all (a compare run solves every mode)."""
    return run.time_limit * (len(MODES) if run.kind == PlanRun.Kind.COMPARE else 1)


def active_run(period):
    fail_stale_runs(period)
    return period.runs.filter(status__in=[PlanRun.Status.QUEUED, PlanRun.Status.RUNNING]).first()


def start_run(
    period,
    user,
    *,
    kind=PlanRun.Kind.SOLVE,
    time_limit=DEFAULT_TIME_LIMIT,
    sittings=(),
    goal=None,
    release_published=False,
):
    """Record a run and hand it to the task backend; returns the run.

    Only one run per period is active: while one is queued or running, a second submit
    (another planner, a re-sent POST) gets that run back, marked ``run.reused = True``.
    """
    from verbund.exams.tasks import run_plan

    with transaction.atomic():
        ExamPeriod.objects.select_for_update().filter(pk=period.pk).first()
        running = active_run(period)
        if running is not None:
            running.reused = True
            return running
        run = PlanRun.objects.create(
            period=period,
            kind=kind,
            goal=goal or period.goal,
            time_limit=min(max(float(time_limit), 1.0), MAX_TIME_LIMIT),
            created_by=user if user is not None and user.is_authenticated else None,
            result={"sittings": list(sittings), "release_published": bool(release_published)},
        )
        audit.record(period, f"exams.plan.{kind}_started", user=user, data={"run": run.pk})
    if isinstance(run_plan.get_backend(), ImmediateBackend):
        # Tests: run now, in this request (the progress page is already final).
        run_plan.enqueue(run.pk)
    else:
        # A worker must only see the run once it is committed (atomic requests).
        transaction.on_commit(lambda: run_plan.enqueue(run.pk))
    run.refresh_from_db()
    run.reused = False
    return run


def _progress_writer(run, share=(0.0, 1.0)):
    last = [0.0]
    offset, width = share

    def report(fraction: float, stage: str) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and fraction < 1.0:
            return
        last[0] = now
        PlanRun.objects.filter(pk=run.pk).update(
            progress=min(offset + width * fraction, 1.0),
            message=str(STAGE_TEXTS.get(stage, ""))[:255],
            heartbeat_at=timezone.now(),
        )

    return report


def locks_for(period, built, *, release_published=False):
    """Assignments a re-plan keeps: locked ones, and published ones unless released."""
    rows = Assignment.objects.filter(sitting__period=period, declined_at__isnull=True)
    if release_published:
        rows = rows.filter(locked=True)
    else:
        rows = rows.filter(locked=True) | rows.filter(published=True)
    return built.assignments(rows.select_related("sitting").distinct())


def execute_run(run: PlanRun) -> PlanRun:
    """Solve and store; a failure is recorded on the run, never half-stored."""
    from verbund.exams.services import tradeoffs

    now = timezone.now()
    PlanRun.objects.filter(pk=run.pk).update(
        status=PlanRun.Status.RUNNING, message="", started_at=now, heartbeat_at=now
    )
    period = run.period
    try:
        built = instances.build(period)
        locks = locks_for(period, built, release_published=run.result.get("release_published"))
        if run.kind == PlanRun.Kind.COMPARE:
            options = tradeoffs.solve_all(run, built, locks, _progress_writer)
            run.result = {**run.result, "options": options}
        else:
            plan = _solve(run, built, locks, _progress_writer(run))
            store_plan(period, built, plan, run.created_by)
            run.result = {**run.result, **summary(plan)}
    except LockError as error:
        _fail(
            run,
            _("Gesperrte oder veröffentlichte Einsätze verletzen inzwischen eine Regel: %(errors)s")
            % {"errors": "; ".join(error.errors)},
        )
    except Exception:  # recorded for the planner; the traceback goes to the log
        logger.exception("exam plan run %s failed", run.pk)
        _fail(run, _("Die Berechnung ist fehlgeschlagen. Bitte wenden Sie sich an den Betrieb."))
    else:
        run.status = PlanRun.Status.DONE
        run.progress = 1.0
        run.message = (
            _("Pläne berechnet. Bitte wählen Sie einen aus.")
            if run.kind == PlanRun.Kind.COMPARE
            else _("Plan gespeichert.")
        )
        run.finished_at = timezone.now()
        run.save()
    run.refresh_from_db()
    return run


def _solve(run, built, locks, report, goal=None, time_limit=None) -> Plan:
    goals = goals_for(run.period, goal or run.goal)
    seconds = time_limit or run.time_limit
    if run.kind == PlanRun.Kind.RESOLVE and run.result.get("sittings"):
        return cpsat.resolve(
            built.instance,
            instances.current_plan(run.period, built),
            run.result["sittings"],
            locked=locks,
            forbidden=built.forbidden,
            time_limit=seconds,
            progress=report,
            goals=goals,
        )
    # the balanced search starts from the current plan when that beats greedy's start
    start = instances.current_plan(run.period, built).assignments if run.period.solved_at else ()
    return cpsat.solve(
        built.instance,
        locked=locks,
        forbidden=built.forbidden,
        time_limit=seconds,
        progress=report,
        goals=goals,
        start=start,
    )


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
        kept, removed = set(), 0
        for row in active.select_related("sitting"):
            key = (row.sitting.code, instances.examiner_id(row.examiner_id))
            if key in wanted and wanted[key] == row.group:
                kept.add(key)
            else:
                row.delete()
                removed += 1
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
        if removed or len(kept) != len(wanted):
            mark_changed(period)
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


def mark_changed(period) -> None:
    """The plan differs from what examiners were told: "unveröffentlichte Änderungen"."""
    from django.db.models import F

    ExamPeriod.objects.filter(pk=period.pk).update(
        plan_changed_at=timezone.now(), version=F("version") + 1
    )
    period.refresh_from_db(fields=["plan_changed_at", "version"])
