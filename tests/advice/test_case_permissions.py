"""A permission on a case is the permission on its office, for the queryset
(``with_perm``) and for the object check (``has_perm``) alike; seeing is ``visible_to``."""

import pytest

from verbund.advice.models import Case
from verbund.core.services import access


@pytest.mark.parametrize("perm", ["advice.counsel", "advice.manage"])
@pytest.mark.parametrize("who", ["tobias", "anna", "mara", "outsider"])
def test_with_perm_and_has_perm_agree_on_cases(advice_world, who, perm):
    user = getattr(advice_world, who)
    queried = set(Case.objects.with_perm(user, perm))
    checked = {case for case in Case.objects.all() if access.has_perm(user, perm, case)}
    assert queried == checked


def test_the_counsellor_does_not_manage_and_the_manager_does_not_see_cases(advice_world):
    world = advice_world
    # Was: with_perm returned the visible cases for any permission.
    assert not Case.objects.with_perm(world.tobias, "advice.manage").exists()
    assert list(Case.objects.with_perm(world.tobias, "advice.counsel")) == [world.case_a]
    # Managing the office's network does not open its cases (aggregates only).
    assert list(Case.objects.with_perm(world.mara, "advice.manage")) == [world.case_a]
    assert not Case.objects.visible_to(world.mara).exists()
    # An advisor listed without a team sees the office's cases but holds no permission.
    assert list(Case.objects.visible_to(world.anna)) == [world.case_a]
    assert not Case.objects.with_perm(world.anna, "advice.counsel").exists()
