"""Fixtures of the areas whose attacks these tests replay."""

from tests.economy.conftest import world  # noqa: F401
from tests.exams.conftest import accountant, chambers, planner, pool_a  # noqa: F401
from tests.needs.conftest import districts, survey_world, topics  # noqa: F401
