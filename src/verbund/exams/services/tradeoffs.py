"""The trade-off view: the plan of every goal mode side by side, and keeping one.

A "compare" run (planning.py) builds the instance once and solves it in each goal mode
(balanced with the period's euro weights, continuity, travel, load) with the same locks;
the plans are stored on the run. The planner sees unfilled seats, board changes, load
spread, travel in km and euros per plan and keeps one: it is stored like a solved plan,
provided the period's plan has not changed since the comparison started (then the
stored plans may no longer fit and the planner is asked to compare again).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.exams.models import ExamPeriod, PlanRun
from verbund.exams.services import instance as instances
from verbund.exams.services import planning
from verbund.exams.solver import checker
from verbund.exams.solver.goals import MODES
from verbund.exams.solver.model import Assignment, Plan, Unfilled
from verbund.exams.solver.objective import evaluate


class KeepError(Exception):
    """The chosen plan cannot be kept; ``errors`` are German messages."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


def solve_all(run, built, locks, progress_factory) -> dict:
    """Solve every goal mode on ``built``; returns mode -> stored option."""
    period = run.period
    weights = planning.weights_for(period)
    run.result = {
        **run.result,
        "version": period.version,
        "weights": weights.__dict__,
        "fixed": len(locks),
    }
    PlanRun.objects.filter(pk=run.pk).update(result=run.result)
    if period.solved_at is not None:
        # the plan the planner has now, valued the same way, as the yardstick
        current = instances.current_plan(period, built)
        objective = evaluate(built.instance, current.assignments)
        run.result["current"] = {
            "objective": objective,
            "travel_euros": round(weights.travel_euros(objective["travel_km"]), 2),
            "balanced_euros": round(weights.plan_euros(objective), 2),
        }
        PlanRun.objects.filter(pk=run.pk).update(result=run.result)
    options = {}
    for index, mode in enumerate(MODES):
        share = (index / len(MODES), 1 / len(MODES))
        plan = planning._solve(run, built, locks, progress_factory(run, share), goal=mode)
        options[mode] = _option(plan, weights)
    return options


def _option(plan: Plan, weights) -> dict:
    objective = dict(plan.objective)
    return {
        "objective": objective,
        "bound": dict(plan.bound),
        "travel_euros": round(weights.travel_euros(objective["travel_km"]), 2),
        "balanced_euros": round(weights.plan_euros(objective), 2),
        "assignments": [[a.sitting, a.examiner, a.group] for a in plan.assignments],
        "unfilled": [[u.sitting, u.group, u.reason] for u in plan.unfilled],
        "solver": dict(plan.solver),
    }


def rows(run) -> list[dict]:
    """The options of a finished compare run in MODES order, for the template."""
    options = run.result.get("options") or {}
    labels = dict(ExamPeriod._meta.get_field("goal").choices)
    best = {
        key: min((o["objective"][key] for o in options.values()), default=None)
        for key in ("board_changes", "load_spread", "travel_km")
    }
    return [
        {
            "mode": mode,
            "label": labels[mode],
            "objective": options[mode]["objective"],
            "travel_euros": options[mode]["travel_euros"],
            "balanced_euros": options[mode]["balanced_euros"],
            "best": {key: options[mode]["objective"][key] == value for key, value in best.items()},
        }
        for mode in MODES
        if mode in options
    ]


def note(run) -> dict:
    """What the planner should know about the comparison beside the figures.

    ``fixed``: locked or published assignments every plan kept; ``current``: the figures
    of the period's plan when the comparison started; ``identical``: every goal gave the
    same plan (e.g. when everything is published and kept), so choosing makes no
    difference and releasing the published assignments is the way to real alternatives.
    """
    options = list((run.result.get("options") or {}).values())
    plans = {tuple(map(tuple, o["assignments"])) for o in options}
    return {
        "fixed": run.result.get("fixed", 0),
        "identical": len(options) > 1 and len(plans) == 1,
        "released": bool(run.result.get("release_published")),
        "current": run.result.get("current"),
    }


def keep(run, mode: str, user) -> Plan:
    """Store the plan of ``mode`` from the compare ``run`` as the period's plan."""
    option = (run.result.get("options") or {}).get(mode)
    if run.kind != PlanRun.Kind.COMPARE or run.status != PlanRun.Status.DONE or option is None:
        raise KeepError([_("Dieser Plan steht nicht zur Auswahl.")])
    period = run.period
    with transaction.atomic():
        locked = ExamPeriod.objects.select_for_update().get(pk=period.pk)
        if locked.version != run.result.get("version"):
            raise KeepError(
                [
                    _(
                        "Der Plan des Zeitraums wurde seit dem Vergleich geändert. Bitte "
                        "vergleichen Sie die Ziele erneut."
                    )
                ]
            )
        built = instances.build(period)
        plan = Plan(
            assignments=tuple(Assignment(*entry) for entry in option["assignments"]),
            unfilled=tuple(Unfilled(*entry) for entry in option["unfilled"]),
            objective=option["objective"],
            bound=option["bound"],
            solver=option["solver"],
        )
        violations = checker.check(built.instance, plan)
        if violations:
            raise KeepError(
                [_("Der Plan passt nicht mehr zu den Daten des Zeitraums.")] + violations[:5]
            )
        planning.store_plan(period, built, plan, user)
        audit.record(period, "exams.plan.kept", user=user, data={"run": run.pk, "goal": mode})
    return plan
