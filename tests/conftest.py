import pytest
from hypothesis import settings as hypothesis_settings

from tests import factories

# No per-example deadline: on a loaded 2-core machine (CI, parallel workers) an example
# can take longer than hypothesis' default 200 ms, and a timing is never what we test.
hypothesis_settings.register_profile("verbund", deadline=None)
hypothesis_settings.load_profile("verbund")


@pytest.fixture
def org_a(db):
    return factories.organization("Handwerkskammer Hannover", kind="hwk", city="Hannover")


@pytest.fixture
def org_b(db):
    return factories.organization("IHK Braunschweig", kind="ihk", city="Braunschweig")


@pytest.fixture
def network_a(org_a):
    return factories.network("Kammerpartnerschaft Hannover–Normandie", lead=org_a, is_public=False)


@pytest.fixture
def network_b(org_b):
    return factories.network("Kooperation BS–WOB", lead=org_b, is_public=False)


@pytest.fixture
def outsider(db):
    """Signed in, but member of no organization and no team."""
    return factories.user("olga")


@pytest.fixture
def coordinator_a(org_a, network_a):
    """Member of org A with networks.edit, organizations.edit and teams.manage for org A."""
    account = factories.user("anika", organization=org_a)
    factories.grant(
        account, ["networks.edit", "organizations.edit", "teams.manage"], organization=org_a
    )
    return account


@pytest.fixture
def member_b(org_b, network_b):
    """Member of org B without special permissions."""
    return factories.user("bernd", organization=org_b)


def seed_mobility_rates():
    """The mobility rate tables seeded by migration (flushed like the topics)."""
    from verbund.mobility.services.rates import seed_rates

    seed_rates()


@pytest.fixture(autouse=True)
def _seeded_topics_in_transactional_tests(request):
    """A transactional test (the browser's live server) starts with the topics our data
    migration seeds, even when an earlier one flushed them."""
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        from verbund.core.services.topics import seed_topics

        request.getfixturevalue("transactional_db")
        seed_topics()
        seed_mobility_rates()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's closing flush, put the seeded topics back, so that a
    later test in the same worker (xdist does not always run those last) still finds them."""
    yield
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = {"transactional_db", "live_server"} & fixtures or (
        marker is not None and marker.kwargs.get("transaction")
    )
    # After the last test the session has already dropped the test database.
    if transactional and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        from verbund.core.services.topics import seed_topics

        with item.config.stash[blocking_manager_key].unblock():
            seed_topics()
            seed_mobility_rates()


@pytest.fixture(scope="session", autouse=True)
def _no_stray_connections_at_teardown(django_db_setup, django_db_blocker):
    """Close connections left by other threads before the test database is dropped.

    Threads of the live server (browser tests) and of concurrency tests may keep their own
    PostgreSQL connection open; DROP DATABASE then fails with "being accessed by other
    users". This fixture depends on ``django_db_setup``, so it is torn down just before it.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            connection.close()
