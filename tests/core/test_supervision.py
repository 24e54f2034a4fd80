"""Supervised long work with REAL worker processes: SIGKILL in the middle of a job, the
retry, the second loss, a mail job that resumes, a worker that outlives the database.

The worker runs as a separate process on the test database (SQLite file or PostgreSQL);
"60 seconds later" is passed to the check as ``now`` instead of waiting.
"""

import logging
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.core import worker_jobs  # noqa: F401 (registers the job types)
from verbund.core.models import Job, WorkerBeat
from verbund.core.services import jobs, supervision

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
LATER = timedelta(seconds=61)  # past supervision.ABANDONED_AFTER
WORKER = (
    "import django; django.setup(); "
    "import tests.core.worker_jobs; "
    "from django.core.management import call_command; "
    "call_command('worker', interval=0.1, no_periodic=True)"
)
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("_database_tasks")]


@pytest.fixture
def _database_tasks():
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def _database_url() -> str:
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return (
        f"postgresql://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}:"
        f"{config['PORT'] or 5432}/{config['NAME']}"
    )


@pytest.fixture
def start_worker(tmp_path):
    """Start a real ``verbund worker`` process on the test database; killed at the end."""
    started = []
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("VERBUND_TASKS_BACKEND", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="verbund.settings",
        VERBUND_DATABASE_URL=_database_url(),
        VERBUND_VAR_DIR=str(tmp_path),
    )

    def start():
        process = subprocess.Popen([sys.executable, "-c", WORKER], env=environment)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def _wait_for(condition, what: str, seconds: float = 90.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def _lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def _kill_while_running(worker, job, marker: Path, steps_seen: int):
    """SIGKILL the worker once it has worked ``steps_seen`` steps of ``job``."""
    _wait_for(lambda: len(_lines(marker)) >= steps_seen, "the worker to work on the job")
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=30)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING  # left behind by the dead worker


def _slow_job(tmp_path, steps=30):
    marker = tmp_path / "steps.txt"
    job = jobs.start(
        "tests.slow",
        user=None,
        title="Langsam",
        params={"steps": steps, "pause": 0.1, "marker": str(marker)},
    )
    return job, marker


def test_a_killed_worker_s_job_is_retried_once_and_the_retry_succeeds(tmp_path, start_worker):
    job, marker = _slow_job(tmp_path)
    worker = start_worker()
    _kill_while_running(worker, job, marker, steps_seen=3)
    lost_task = job.task_id
    assert DBTaskResult.objects.get(pk=lost_task).status == "RUNNING"
    assert supervision.last_worker_heartbeat() is not None  # the worker had reported in

    # Within the minute nothing is abandoned yet; after it, any worker's check retries.
    assert supervision.recover_abandoned() == {"retried": 0, "failed": 0}
    assert supervision.recover_abandoned(now=timezone.now() + LATER) == {
        "retried": 1,
        "failed": 0,
    }
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.QUEUED, 1)
    assert DBTaskResult.objects.get(pk=lost_task).status == "FAILED"  # the queue row ended

    call_command("worker", batch=True, no_periodic=True, interval=0, stdout=StringIO())
    job.refresh_from_db()
    assert (job.status, job.attempts, job.result) == (Job.Status.DONE, 2, {"steps": 30})
    assert set(_lines(marker)) == {"1", "2"}  # worked in two attempts


def test_a_second_loss_fails_the_job_with_a_german_message(tmp_path, start_worker):
    job, marker = _slow_job(tmp_path, steps=300)
    _kill_while_running(start_worker(), job, marker, steps_seen=2)
    assert supervision.recover_abandoned(now=timezone.now() + LATER)["retried"] == 1
    _kill_while_running(start_worker(), job, marker, steps_seen=len(_lines(marker)) + 2)
    second_task = job.task_id
    assert job.attempts == 2
    assert supervision.recover_abandoned(now=timezone.now() + LATER) == {
        "retried": 0,
        "failed": 1,
    }
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at is not None
    assert "zweimal unterbrochen" in job.message and "Bitte erneut starten" in job.message
    assert DBTaskResult.objects.get(pk=second_task).status == "FAILED"


def test_a_mail_job_killed_halfway_resumes_without_a_duplicate(tmp_path, start_worker):
    outbox = tmp_path / "outbox.txt"
    recipients = [f"pruefer{n}@example.org" for n in range(12)]
    job = jobs.start(
        "tests.mail_slowly",
        user=None,
        title="Rundmail",
        params={"recipients": recipients, "pause": 0.15, "outbox": str(outbox)},
    )
    _kill_while_running(start_worker(), job, outbox, steps_seen=4)
    halfway = _lines(outbox)
    assert 4 <= len(halfway) < len(recipients)
    supervision.recover_abandoned(now=timezone.now() + LATER)
    call_command("worker", batch=True, no_periodic=True, interval=0, stdout=StringIO())
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    mailed = _lines(outbox)
    assert sorted(mailed) == sorted(recipients)  # everyone once, nobody twice
    assert mailed[: len(halfway)] == halfway


def test_a_worker_outlives_a_dropped_database_connection(monkeypatch, caplog):
    """The database goes away under the worker's loop: one warning, a reconnect, work goes on."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr("verbund.core.management.commands.worker.RECONNECT_DELAYS", (0,))
    real_run = db_worker.Worker.run
    outages = []

    def run_with_an_outage(self):
        if not outages:
            outages.append(True)
            connection.close()
            raise OperationalError("server closed the connection unexpectedly")
        return real_run(self)

    monkeypatch.setattr(db_worker.Worker, "run", run_with_an_outage)
    job = jobs.start(
        "tests.slow", user=None, title="Kurz", params={"steps": 1, "pause": 0, "marker": os.devnull}
    )
    with caplog.at_level(logging.WARNING):
        call_command("worker", batch=True, no_periodic=True, interval=0, stdout=StringIO())
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    warnings = [r for r in caplog.records if r.name == "verbund.worker"]
    assert [r.levelno for r in warnings] == [logging.WARNING, logging.WARNING]  # lost, back
    assert not [r for r in caplog.records if r.exc_info]  # no traceback


def test_a_live_worker_beats_for_its_job_and_reports_itself(db):
    job = Job.objects.create(kind="tests.slow", title="Läuft", status=Job.Status.QUEUED)
    claimed = supervision.claim(Job, job.pk, "")
    Job.objects.filter(pk=job.pk).update(heartbeat_at=None)
    with supervision.working_on(claimed):
        assert supervision.beat_current() == 1
    assert supervision.beat_current() == 0  # finished work is no longer beaten
    job.refresh_from_db()
    assert job.heartbeat_at is not None
    supervision.record_worker_seen("host:1")
    assert WorkerBeat.objects.filter(name="host:1").exists()
    assert jobs.last_worker_heartbeat() == WorkerBeat.objects.get().seen_at
    assert supervision.worker_alive()
