"""The demo step registry: every app contributes ordered steps; ``load_demo`` runs them.

An app adds demo data by creating ``<app>/demo.py`` with functions decorated by
``register_step(order, name)``. Each step receives the shared ``DemoContext`` (objects the
earlier steps created, by stable key) and must only create data (the whole demo is
loaded once, in one transaction, and skipped when its marker already exists).

Order ranges: core and networks 0-99; other apps 100 and up, e.g. courses 100-199,
needs 200-299, advice 300-399, exams 400-499, apprenticeship 500-599, economy 600-699,
mobility 700-799, events 800-899.
"""

import datetime
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

# The demo counts as loaded when this network exists (created and checked by networks.demo).
MARKER_NETWORK_NAME = "MehrWert Weiterbildungsverbund im ländlichen Raum"


@dataclass(frozen=True)
class Step:
    order: int
    name: str
    function: Callable[["DemoContext"], None]


_STEPS: dict[str, Step] = {}


def register_step(order: int, name: str):
    """Decorator: run ``function(ctx)`` as demo step ``name`` at position ``order``."""

    def decorator(function):
        _STEPS[name] = Step(order, name, function)
        return function

    return decorator


def registered_steps() -> list[Step]:
    """All steps of all installed apps, in order (importing every app's ``demo`` module)."""
    autodiscover_modules("demo")
    return sorted(_STEPS.values(), key=lambda step: (step.order, step.name))


@dataclass
class DemoContext:
    """What the steps share: today's date and the created objects by stable key.

    Keys: organizations by slug ("hwk-hannover", "psg", "ihk-braunschweig", ...), networks
    by slug ("normandie", "harz-belfort", "mehrwert", "ihk-kooperation", "ruhr"), users by
    demo username ("koordination", ...), regions by official code ("03255", "FR:90").
    """

    stdout: TextIO
    today: datetime.date
    organizations: dict = field(default_factory=dict)
    networks: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    regions: dict = field(default_factory=dict)

    def org(self, key: str):
        return self.organizations[key]

    def network(self, key: str):
        return self.networks[key]

    def user(self, username: str):
        return self.users[username]

    def region(self, code: str, country: str = "DE"):
        return self.regions[code if country == "DE" else f"{country}:{code}"]

    def days(self, offset: int) -> datetime.date:
        """A date relative to today (for upcoming activities)."""
        return self.today + datetime.timedelta(days=offset)

    def log(self, message: str) -> None:
        self.stdout.write(f"  {message}\n")


_MARKERS: list[Callable[[], bool]] = []


def loaded_marker(check: Callable[[], bool]) -> Callable[[], bool]:
    """Register ``check() -> bool``: is the demo there? (networks: the marker network)."""
    if check not in _MARKERS:
        _MARKERS.append(check)
    return check


def is_loaded() -> bool:
    autodiscover_modules("demo")
    return any(check() for check in _MARKERS)


def load_demo(stdout: TextIO | None = None) -> bool:
    """Load the demo once; return False (and change nothing) when it is already there.

    All steps run in one transaction: a failing step leaves no half-loaded demo behind.
    """
    stdout = stdout or sys.stdout
    if is_loaded():
        stdout.write("Demo data already loaded; nothing to do.\n")
        return False
    context = DemoContext(stdout=stdout, today=timezone.localdate())
    # Demo steps run jobs (schedules, reports, the search index) whose results are part of
    # the demo, so here tasks run at once, inside the loading transaction; the served demo
    # queues them for its worker.
    with override_settings(TASKS=settings.TASKS_IMMEDIATE), transaction.atomic():
        for step in registered_steps():
            stdout.write(f"Demo step {step.order:>3} {step.name}\n")
            try:
                step.function(context)
            except Exception as error:
                raise RuntimeError(f"demo step {step.name!r} failed: {error}") from error
        if not is_loaded():
            raise RuntimeError("the demo steps did not create the marker network")
    return True
