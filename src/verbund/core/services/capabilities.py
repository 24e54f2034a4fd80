"""What a network uses, for its page: its surveys, advisory offices, exam periods, ...

Each app registers its providers in its own ``dashboard.py`` with ``capability_provider``;
a provider returns a ``Capability`` with the links the user may open (querysets with
``visible_to``), or None when the network does not use it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from verbund.core.services.dashboard import Registry

_PROVIDERS = Registry()
MAX_LINKS = 5


@dataclass(frozen=True)
class Capability:
    title: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    summary: str = ""


def capability_provider(function: Callable | None = None, *, order: int = 100):
    """Register ``function(network, user) -> Capability | None`` (``order``: lower first)."""
    return _PROVIDERS.register(function, order=order)


def capabilities_of(network, user) -> list[Capability]:
    found = (provider(network, user) for provider in _PROVIDERS)
    return [capability for capability in found if capability is not None]


def links_to(queryset) -> list[tuple[str, str]]:
    return [(str(obj), obj.get_absolute_url()) for obj in queryset[:MAX_LINKS]]
