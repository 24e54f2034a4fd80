"""schemathesis over the whole OpenAPI spec (issue 10): a bounded run, a few generated
requests per operation, as an administrator and as a signed-in visitor without any
permission. It fails on any server error and on any response that breaks its own schema.

Bounded on purpose (``EXAMPLES`` per operation) so that it stays in CI; the full probe
(thousands of cases) is ``schemathesis run`` against the demo, see docs/api.md.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests import factories
from verbund.core.services import tokens

EXAMPLES = 2


@pytest.fixture(autouse=True)
def _keep_the_test_transaction():
    """As Django's test client does: the request signals would close the connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer_tokens(db, network_a, org_a):
    admin = factories.user("root", is_superuser=True, is_staff=True)
    visitor = factories.user("vera")
    return [tokens.create_token(user, "schemathesis")[1] for user in (admin, visitor)]


def _load_schema():
    from verbund.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = _load_schema()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors_and_no_schema_violations(case, bearer_tokens):
    for token in bearer_tokens:
        case.call_and_validate(
            headers={"Authorization": f"Bearer {token}"},
            checks=[not_a_server_error, response_schema_conformance],
        )
