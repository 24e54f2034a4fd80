"""The demo, loaded once per test module, for tests generated over models and URLs."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from verbund.core.demo import load_demo
from verbund.core.demo.logins import DEMO_LOGINS


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """Load the whole demo once per module and roll it back afterwards.

    Each test still runs in its own savepoint (``db``), nested inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        assert load_demo(io.StringIO()) is True
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def demo_users():
    """Every demo login but the superuser (who may everything), by username."""
    names = [login.username for login in DEMO_LOGINS if not login.is_superuser]
    return list(get_user_model().objects.filter(username__in=names).order_by("username"))
