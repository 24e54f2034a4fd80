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


def open_tasks(user) -> list[Task]:
    tasks = [task for provider in _PROVIDERS for task in provider(user)]
    return sorted(tasks, key=lambda task: (task.due is None, task.due or date.max, task.title))
