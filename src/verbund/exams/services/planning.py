"""Run the solver for a period in the background and store the plan it returns.

``start_run`` records a PlanRun and hands it to core's one executor
(``verbund.core.services.runs``; one active run per period: a second submit gets the
running one back). The executor calls ``build`` (the instance from the database),
``solve`` (for the period's goals (locked and, unless the planner releases them, published assignments stay as they
are; declines and unconfirmed conflict warnings are forbidden) and ``store``:
unchanged assignments keep their rows (and their published state), the rest is replaced,
unfilled seats are stored with the solver's reason. A "compare" run solves every goal
mode on one instance and stores the plans for the planner to pick one (tradeoffs.py).
A run whose worker died is solved once more by core's supervision, then failed.
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from verbund.core.services import audit, runs
from verbund.exams.models import Assignment, ExamPeriod, PlanRun, RateTable, UnfilledSeat
from verbund.exams.services import api_solve
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
# Used when the chamber has no rate table for the period's year (JVEG §5(2) rate).
DEFAULT_EURO_PER_KM = Decimal("0.30")

# The solver reports fixed stage keys; the planner reads German.
STAGE_TEXTS = {
    "filling": gettext_noop("Alle Plätze werden besetzt …"),
    "improving": gettext_noop("Der Plan wird verbessert …"),
    "done": gettext_noop("Plan wird gespeichert …"),
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


def run_seconds(run) -> float:
    """How long the run's solver may take in all (a compare run solves every mode)."""
    return run.time_limit * (len(MODES) if run.kind == PlanRun.Kind.COMPARE else 1)


def active_run(period):
    """The period's queued or running run; one whose worker died never counts."""
    return runs.active(period.runs.all())


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
    runs.start(run)
    run.reused = False
    return run


def progress_factory(progress):
    """For a compare run: a ``progress`` per goal mode, each a share of the whole bar."""

    def for_share(run, share=(0.0, 1.0)):
        offset, width = share
        return lambda fraction, stage: progress(offset + width * fraction, stage)

    return for_share


def locks_for(period, built, *, release_published=False):
    """Assignments a re-plan keeps: locked ones, and published ones unless released."""
    rows = Assignment.objects.filter(sitting__period=period, declined_at__isnull=True)
    if release_published:
        rows = rows.filter(locked=True)
    else:
        rows = rows.filter(locked=True) | rows.filter(published=True)
    return built.assignments(rows.select_related("sitting").distinct())


def build(run: PlanRun):
    """The instance of the run's period and the assignments the run must keep."""
    if run.kind == PlanRun.Kind.INSTANCE:
        return api_solve.build(run)
    built = instances.build(run.period)
    try:
        locks = locks_for(run.period, built, release_published=run.result.get("release_published"))
    except LockError as error:
        raise runs.Infeasible(_lock_message(error)) from error
    return built, locks


def solve(run: PlanRun, prepared, progress):
    from verbund.exams.services import tradeoffs

    if run.kind == PlanRun.Kind.INSTANCE:
        return api_solve.solve(run, prepared, progress)
    built, locks = prepared
    try:
        if run.kind == PlanRun.Kind.COMPARE:
            return tradeoffs.solve_all(run, built, locks, progress_factory(progress))
        return _solve(run, built, locks, progress)
    except LockError as error:
        raise runs.Infeasible(_lock_message(error)) from error


def store(run: PlanRun, prepared, solution) -> str:
    if run.kind == PlanRun.Kind.INSTANCE:
        return api_solve.store(run, prepared, solution)
    built, _locks = prepared
    if run.kind == PlanRun.Kind.COMPARE:
        PlanRun.objects.filter(pk=run.pk).update(result={**run.result, "options": solution})
        return gettext_noop("Pläne berechnet. Bitte wählen Sie einen aus.")
    store_plan(run.period, built, solution, run.created_by)
    PlanRun.objects.filter(pk=run.pk).update(result={**run.result, **summary(solution)})
    return gettext_noop("Plan gespeichert.")


def _lock_message(error: LockError) -> str:
    return _(
        "Gesperrte oder veröffentlichte Einsätze verletzen inzwischen eine Regel: %(errors)s. "
        "Bitte lösen Sie die Sperre dieser Einsätze und starten Sie die Berechnung erneut."
    ) % {"errors": "; ".join(error.errors)}


def execute_run(run: PlanRun) -> PlanRun:
    """Run ``run`` here through core's executor (the demo loader and tests)."""
    runs.execute(PlanRun._meta.label, run.pk)
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


runs.register(PlanRun, build=build, solve=solve, store=store, stages=STAGE_TEXTS)
