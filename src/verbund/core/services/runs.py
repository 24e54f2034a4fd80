"""One executor for the apps' solver runs (exam plans, rotation plans, matching, B2B).

An app's run model inherits ``core.job_models.SolverRun``; the app registers three
functions in ``AppConfig.ready`` and starts runs with ``runs.start``::

    runs.register(
        PlanRun,
        build=build_instance,    # (run) -> instance, read from the database
        solve=solve,             # (run, instance, progress) -> solution; pure, no writes
        store=store,             # (run, instance, solution) -> German "done" message
        stages={"filling": gettext_noop("Alle Plätze werden besetzt …")},
    )

The executor claims the run, reports progress and heartbeats, and ends the run done or
failed: ``RunError``/``Infeasible`` carry a German message for the user (for an infeasible
instance: which rule cannot be met), any other exception ends the run with
``FAILED_MESSAGE`` and its traceback goes to the log only. Runs are supervised like every
job (``verbund.core.services.supervision``): a run whose worker died is solved once more,
which is safe because solving is pure and ``store`` replaces what an earlier run stored.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext_noop
from django_tasks.backends.immediate import ImmediateBackend

from verbund.core.services import stored_text, supervision

logger = logging.getLogger(__name__)

# Progress is written at most this often (the progress pages poll every second).
PROGRESS_INTERVAL = 0.5
FAILED_MESSAGE = gettext_noop(
    "Die Berechnung ist abgebrochen (ein unerwarteter Fehler). Bitte erneut starten; "
    "geschieht es wieder, wenden Sie sich an den Betrieb."
)
RUNNING_MESSAGE = gettext_noop("Die Berechnung läuft …")


class RunError(Exception):
    """A failure the user can act on; the message is German and says what to do."""


class Infeasible(RunError):
    """The instance has no solution; the message names the rule that cannot be met."""


Progress = Callable[[float, object], None]


@dataclass(frozen=True)
class RunType:
    model: type
    build: Callable
    solve: Callable
    store: Callable
    # the solver's stage keys -> German (stored as source text, shown translated)
    stages: Mapping[str, str] = field(default_factory=dict)


_TYPES: dict[str, RunType] = {}


def register(model, *, build, solve, store, stages: Mapping[str, str] | None = None) -> None:
    """Make ``model`` (a ``SolverRun``) runnable and supervised."""
    label = model._meta.label
    _TYPES[label] = RunType(model, build, solve, store, dict(stages or {}))
    supervision.supervise(model, lambda pk: _enqueue(label, pk))


def registered_models() -> list[type]:
    return [entry.model for entry in _TYPES.values()]


def _enqueue(label: str, pk: int):
    from verbund.core.tasks import run_solver

    return run_solver.enqueue(label, pk)


def start(run):
    """Hand a freshly created run to the queue; returns it refreshed.

    Tests (the immediate backend) run it at once; otherwise the worker sees it only once
    the surrounding transaction has committed.
    """
    from verbund.core.tasks import run_solver

    label = run._meta.label
    if label not in _TYPES:
        raise ValueError(f"{label} is not a registered run model")
    if isinstance(run_solver.get_backend(), ImmediateBackend):
        _enqueue(label, run.pk)
    else:
        transaction.on_commit(lambda: _enqueue(label, run.pk))
    run.refresh_from_db()
    return run


def active(queryset):
    """The queued or running run of ``queryset`` (one guard), never an abandoned one.

    Abandoned runs of the model are dealt with first (queued again once, or failed), so a
    run whose worker died never blocks a new one for longer than its retry.
    """
    supervision.recover_abandoned(model=queryset.model)
    return queryset.filter(
        status__in=(queryset.model.Status.QUEUED, queryset.model.Status.RUNNING)
    ).first()


def progress_writer(run, stages: Mapping[str, str] | None = None) -> Progress:
    """``progress(fraction, stage)``: throttled, writes the heartbeat, stage -> German."""
    stages = _TYPES[run._meta.label].stages if stages is None else stages
    last = [0.0]

    def report(fraction: float, stage: object = "") -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_INTERVAL and fraction < 1.0:
            return
        last[0] = now
        text = stages.get(stage, RUNNING_MESSAGE) if isinstance(stage, str) else RUNNING_MESSAGE
        supervision.beat(
            run, progress=min(max(float(fraction), 0.0), 1.0), message=stored_text.fits(text, 300)
        )

    return report


def execute(label: str, pk: int, task_id: str = "") -> str:
    """Build, solve and store one run (in the worker); every failure ends it readable."""
    entry = _TYPES.get(label) or _type_of(label)
    run = supervision.claim(entry.model, pk, task_id)
    if run is None:
        return "skipped"  # finished, taken by another worker, or unknown
    with supervision.working_on(run):
        try:
            instance = entry.build(run)
            solution = entry.solve(run, instance, progress_writer(run))
            message = entry.store(run, instance, solution)
        except RunError as error:
            logger.info("%s %s failed: %s", label, pk, error)
            supervision.finish(run, run.Status.FAILED, str(error), error=str(error))
            return run.Status.FAILED
        except Exception as error:  # the user reads what to do; the traceback goes to the log
            logger.exception("%s %s failed", label, pk)
            supervision.finish(
                run, run.Status.FAILED, FAILED_MESSAGE, error=f"{type(error).__name__}: {error}"
            )
            return run.Status.FAILED
        supervision.finish(run, run.Status.DONE, stored_text.fits(str(message or ""), 300))
    return run.Status.DONE


def _type_of(label: str) -> RunType:
    apps.get_model(label)  # an unknown label raises LookupError with a clear text
    raise LookupError(f"{label} is not a registered run model")
