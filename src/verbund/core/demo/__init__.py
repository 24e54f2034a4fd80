"""The demo: real networks from the seeds, fictitious people, one login per role.

Public API::

    from verbund.core.demo import register_step, load_demo, DemoContext

    @register_step(100, "courses: offers")     # in <app>/demo.py, found automatically
    def load_offers(ctx: DemoContext) -> None:
        provider = ctx.org("vhs-hameln-pyrmont")
        ...

See ``registry`` for the order ranges and the context's keys, ``logins`` for the
demo accounts.
"""

# Core steps register themselves on import (the apps' steps live in <app>/demo).
from verbund.core.demo import legal, organizations, people  # noqa: F401
from verbund.core.demo.registry import (
    MARKER_NETWORK_NAME,
    DemoContext,
    is_loaded,
    load_demo,
    register_step,
    registered_steps,
)

__all__ = [
    "MARKER_NETWORK_NAME",
    "DemoContext",
    "is_loaded",
    "load_demo",
    "register_step",
    "registered_steps",
]
