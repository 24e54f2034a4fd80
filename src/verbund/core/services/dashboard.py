"""What a user's dashboard shows. Apps contribute open tasks through ``task_provider``."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

_PROVIDERS: list[Callable] = []


@dataclass(frozen=True)
class Task:
    title: str
    url: str
    due: date | None = None
    context: str = ""


def task_provider(function: Callable) -> Callable:
    """Register ``function(user) -> iterable of Task``."""
    _PROVIDERS.append(function)
    return function


@dataclass(frozen=True)
class Figure:
    """A key figure on the dashboard: a number the role acts on, linking to where."""

    label: str
    value: int | float
    url: str = ""
    unit: str = ""
    decimal_places: int = 0
    warn: bool = False  # needs attention (open gaps, unanswered polls, ...)


_FIGURE_PROVIDERS: list[Callable] = []


def figure_provider(function: Callable) -> Callable:
    """Register ``function(user) -> iterable of Figure``."""
    _FIGURE_PROVIDERS.append(function)
    return function


def key_figures(user) -> list[Figure]:
    return [figure for provider in _FIGURE_PROVIDERS for figure in provider(user)]


def open_tasks(user) -> list[Task]:
    tasks = [task for provider in _PROVIDERS for task in provider(user)]
    return sorted(tasks, key=lambda task: (task.due is None, task.due or date.max, task.title))
