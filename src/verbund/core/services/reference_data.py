"""Reference data the apps ship (framework plans, ...), seeded by ``verbund seed_reference``.

An app registers a function without arguments from its ``AppConfig.ready``; it must be
idempotent (the command runs on every deploy).
"""

from collections.abc import Callable

_SEEDERS: list[Callable[[], object]] = []


def register(seeder: Callable[[], object]) -> Callable[[], object]:
    if seeder not in _SEEDERS:
        _SEEDERS.append(seeder)
    return seeder


def seed_registered() -> None:
    for seeder in _SEEDERS:
        seeder()
