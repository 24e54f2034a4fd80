"""Two app servers (gunicorn), each with its own index replica and follower, one PostgreSQL
database: a change committed anywhere is searchable on both within seconds (issue 21).

Runs in the PostgreSQL pass of ``.ci/run`` (``make test-postgres``)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection

from tests.courses.conftest import make_offer, provider_a, staff_a  # noqa: F401
from verbund.courses.services import offers as offer_service

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several servers share one PostgreSQL database (CI's PostgreSQL pass runs it)",
    ),
]
WAIT_SECONDS = 45


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local test
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return 0, ""


def _wait_for(predicate, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError(f"not within {WAIT_SECONDS} s: {what}")


@pytest.fixture
def cluster(tmp_path):
    database = connection.settings_dict
    url = (
        f"postgresql://{database['USER']}:{database['PASSWORD'] or ''}@"
        f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
    )
    processes, servers = [], []
    for number in (1, 2):
        var = tmp_path / f"server{number}"
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "verbund.settings",
                "VERBUND_DATABASE_URL": url,
                "VERBUND_VAR_DIR": str(var),
                "VERBUND_SECRET_KEY": "cluster-test-" + "x" * 40,
                "VERBUND_DEBUG": "0",
                "VERBUND_HTTPS": "0",
                "VERBUND_PLAIN_STATIC": "1",
                "VERBUND_ALLOWED_HOSTS": "127.0.0.1",
                "VERBUND_TASKS_BACKEND": "immediate",
            }
        )
        port = _free_port()
        gunicorn = [sys.executable, "-m", "gunicorn", "verbund.wsgi:application"]
        gunicorn += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
        follower = [sys.executable, "-m", "verbund", "courses", "follow", "--interval", "0.5"]
        for command in (gunicorn, follower):
            processes.append(
                subprocess.Popen(
                    command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
                )
            )
        servers.append(f"http://127.0.0.1:{port}")
    try:
        yield servers
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        connection.close()


def test_two_servers_with_their_followers_see_every_commit(cluster, provider_a, staff_a, settings):  # noqa: F811
    settings.COURSES_INDEX_ON_COMMIT = False  # only the servers' followers write replicas
    for server in cluster:
        _wait_for(lambda s=server: _get(f"{s}/readyz")[0] == 200, f"{server}/readyz")
    offer = make_offer(provider_a, "Gabelstaplerschein")
    offer_service.save_offer(offer, {"title": "Gabelstaplerschein Clusterprobe"}, staff_a)
    # the hit's link (the query itself is echoed in the search field)
    link = f'href="{offer.get_absolute_url()}"'
    for server in cluster:
        _wait_for(
            lambda s=server: link in _get(f"{s}/kurse/?q=Clusterprobe")[1],
            f"the new offer on {server}",
        )
    offer_service.save_offer(offer, {"status": "archived"}, staff_a)
    for server in cluster:
        _wait_for(
            lambda s=server: link not in _get(f"{s}/kurse/?q=Clusterprobe")[1],
            f"the archived offer gone on {server}",
        )
        assert _get(f"{server}/readyz")[0] == 200
