"""What a user's dashboard shows, contributed by the apps (core imports none of them).

Each app registers, in its own ``dashboard.py`` imported from its ``AppConfig.ready``:

- open tasks with ``task_provider`` (``function(user) -> iterable of Task``),
- key figures with ``figure_provider`` (``function(user) -> iterable of Figure``),
- what a network uses with ``verbund.core.services.capabilities.capability_provider``,
- extra context for a core page with ``page_context`` (the dashboard's networks and
  activities, an organization's memberships) and search results with ``search_provider``.

``order`` sorts the contributions of all apps (lower first, then registration order), so
the dashboard does not depend on the order in which apps are installed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

DEFAULT_ORDER = 100


@dataclass(frozen=True)
class Task:
    title: str
    url: str
    due: date | None = None
    context: str = ""


@dataclass(frozen=True)
class Figure:
    """A key figure on the dashboard: a number the role acts on, linking to where."""

    label: str
    value: int | float
    url: str = ""
    unit: str = ""
    decimal_places: int = 0
    warn: bool = False  # needs attention (open gaps, unanswered polls, ...)


class Registry:
    """Functions registered by the apps, called in ``order``; registering twice is a no-op."""

    def __init__(self):
        self._entries: list[tuple[int, int, Callable]] = []

    def register(self, function: Callable | None = None, *, order: int = DEFAULT_ORDER):
        """Use as ``@registry.register`` or ``@registry.register(order=10)``."""

        def add(function: Callable) -> Callable:
            if all(known is not function for _order, _seq, known in self._entries):
                self._entries.append((order, len(self._entries), function))
                self._entries.sort(key=lambda entry: entry[:2])
            return function

        return add(function) if function is not None else add

    def __iter__(self):
        return iter([function for _order, _seq, function in self._entries])


_TASKS = Registry()
_FIGURES = Registry()
_PAGE_CONTEXT: dict[str, Registry] = {}
_SEARCH = Registry()

task_provider = _TASKS.register
figure_provider = _FIGURES.register
search_provider = _SEARCH.register


def page_context(page: str, function: Callable | None = None, *, order: int = DEFAULT_ORDER):
    """Register ``function(user, **objects) -> dict`` adding context to core page ``page``.

    Pages: ``"dashboard"`` (no objects), ``"organization_detail"`` (``organization=``).
    """
    return _PAGE_CONTEXT.setdefault(page, Registry()).register(function, order=order)


def context_for(page: str, user, **objects) -> dict:
    context: dict = {}
    for function in _PAGE_CONTEXT.get(page, ()):
        context.update(function(user, **objects))
    return context


def search_results(user, query: str) -> dict:
    """What the apps find for ``query`` (``function(user, query) -> {kind: queryset}``)."""
    results: dict = {}
    for function in _SEARCH:
        results.update(function(user, query))
    return results


def key_figures(user) -> list[Figure]:
    return [figure for provider in _FIGURES for figure in provider(user)]


def open_tasks(user) -> list[Task]:
    tasks = [task for provider in _TASKS for task in provider(user)]
    return sorted(tasks, key=lambda task: (task.due is None, task.due or date.max, task.title))


def companies_of(user):
    """The companies ``user`` belongs to (for company figures of several apps)."""
    from verbund.core.models import Organization
    from verbund.core.services import access

    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(
        pk__in=access.member_organization_ids(user), kind=Organization.Kind.COMPANY
    )
