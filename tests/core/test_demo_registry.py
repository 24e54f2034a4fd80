"""The demo step registry; kept apart from test_demo.py, whose module-wide demo is loaded."""

import io

import pytest

from verbund.core.demo import load_demo, register_step, registered_steps
from verbund.core.demo.registry import _STEPS
from verbund.networks.models import Network


@pytest.mark.django_db
def test_registry_runs_steps_in_order_and_rolls_back_on_failure():
    names = [step.name for step in registered_steps()]
    assert names.index("reference") < names.index("organizations") < names.index("people")

    @register_step(999, "test: failing step")
    def failing(ctx):
        raise ValueError("boom")

    try:
        with pytest.raises(RuntimeError, match="failing step"):
            load_demo(io.StringIO())
    finally:
        del _STEPS["test: failing step"]
    assert not Network.objects.exists()  # nothing half-loaded
