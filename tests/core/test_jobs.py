"""Long work off the request: the Job record, its task, the polled page, abandoned jobs."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests import factories
from verbund.core.models import Job
from verbund.core.services import jobs, supervision

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """The worker closes "old" connections between tasks; inside a test's transaction that
    would close the test's own connection on PostgreSQL."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


@jobs.register("tests.count")
def _count(job, progress):
    for step in range(job.params["steps"]):
        progress(step / job.params["steps"], f"Schritt {step}")
    return {"counted": job.params["steps"], "payload": len(job.payload)}


@jobs.register("tests.explode")
def _explode(job, progress):
    raise RuntimeError("boom")


@jobs.register("tests.refuse")
def _refuse(job, progress):
    raise jobs.JobError("Die Datei enthält keine Zeilen.")


@pytest.fixture
def user(db):
    return factories.user("jana")


def test_a_job_runs_and_stores_its_result(user):
    job = jobs.start("tests.count", user=user, title="Zählen", params={"steps": 3}, payload=b"ab")
    assert job.status == Job.Status.DONE
    assert job.percent == 100
    assert job.result == {"counted": 3, "payload": 2}
    assert job.payload in (b"", memoryview(b""))  # the upload is dropped when the job ends


def test_an_unexpected_error_fails_the_job_with_a_readable_message(user, caplog):
    job = jobs.start("tests.explode", user=user, title="Explodieren")
    assert job.status == Job.Status.FAILED
    assert "boom" not in job.message
    assert job.message.startswith("Unerwarteter Fehler")


def test_a_job_error_shows_its_own_message(user):
    job = jobs.start("tests.refuse", user=user, title="Ablehnen")
    assert (job.status, job.message) == (Job.Status.FAILED, "Die Datei enthält keine Zeilen.")


def test_unknown_kinds_are_refused_at_start(user):
    with pytest.raises(ValueError):
        jobs.start("tests.nothing", user=user, title="x")


def test_a_job_runs_only_once(user):
    job = jobs.start("tests.count", user=user, title="Zählen", params={"steps": 1})
    assert jobs.execute(job.pk) == "skipped"


@override_settings(TASKS=DATABASE_TASKS)
def test_with_the_database_backend_the_request_only_queues(
    user, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start("tests.count", user=user, title="Zählen", params={"steps": 2})
    assert job.status == Job.Status.QUEUED
    assert DBTaskResult.objects.count() == 1
    call_command("worker", batch=True, interval=0, stdout=StringIO())
    job.refresh_from_db()
    assert (job.status, job.result["counted"]) == (Job.Status.DONE, 2)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_sole_worker_retries_every_running_job_once_and_fails_a_second_loss(user):
    running = Job.objects.create(
        kind="tests.count",
        title="Zombie",
        status=Job.Status.RUNNING,
        attempts=1,
        params={"steps": 2},
    )
    lost_twice = Job.objects.create(
        kind="tests.count", title="Zweimal", status=Job.Status.RUNNING, attempts=2
    )
    queued = Job.objects.create(kind="tests.count", title="Wartet", status=Job.Status.QUEUED)
    call_command("worker", sole=True, batch=True, interval=0, stdout=StringIO())
    running.refresh_from_db()
    lost_twice.refresh_from_db()
    queued.refresh_from_db()
    assert (running.status, running.attempts) == (Job.Status.DONE, 2)  # retried and done
    assert lost_twice.status == Job.Status.FAILED
    assert "Hintergrunddienst" in lost_twice.message
    assert queued.status == Job.Status.QUEUED  # its task is still queued and will run


def test_the_worker_refuses_to_run_without_the_database_backend(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="VERBUND_TASKS_BACKEND"):
        call_command("worker", batch=True)


def test_among_several_workers_only_silent_jobs_are_abandoned(user):
    now = timezone.now()
    silent = Job.objects.create(
        kind="k", title="still", status=Job.Status.RUNNING, heartbeat_at=now - timedelta(hours=1)
    )
    alive = Job.objects.create(kind="k", title="lebt", status=Job.Status.RUNNING, heartbeat_at=now)
    Job.objects.filter(pk=silent.pk).update(attempts=2)
    assert supervision.recover_abandoned()["failed"] >= 1
    silent.refresh_from_db()
    alive.refresh_from_db()
    assert (silent.status, alive.status) == (Job.Status.FAILED, Job.Status.RUNNING)


def test_job_pages_are_only_for_their_owner(client, user):
    job = Job.objects.create(
        kind="tests.count",
        title="Import",
        status=Job.Status.RUNNING,
        progress=0.36,
        created_by=user,
    )
    stranger = factories.user("fremd")
    for name in ("core:job_detail", "core:job_progress"):
        url = reverse(name, args=[job.pk])
        assert client.get(url).status_code == 302  # anonymous: to the login
        client.force_login(stranger)
        assert client.get(url).status_code == 404  # someone else's job
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        assert "36 %" in content
        assert 'hx-trigger="every 1s"' in content  # the page polls while it runs
        client.logout()


def test_a_finished_job_stops_polling_and_links_its_result(client, user):
    job = Job.objects.create(
        kind="k",
        title="Import",
        status=Job.Status.DONE,
        progress=1,
        created_by=user,
        result_url="/kurse/",
    )
    client.force_login(user)
    content = client.get(reverse("core:job_progress", args=[job.pk])).content.decode()
    assert "every 1s" not in content
    assert 'href="/kurse/"' in content


def _supervisor_script(tmp_path, commands):
    script = tmp_path / "supervise.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys
            from verbund.core.supervise import run_together
            sys.exit(run_together({commands!r}))
            """
        )
    )
    return script


def test_demo_processes_stop_together_when_one_ends(tmp_path):
    from verbund.core.supervise import run_together

    marker = tmp_path / "second-ended"
    started = time.monotonic()
    code = run_together(
        [
            [sys.executable, "-c", "import sys, time; time.sleep(0.3); sys.exit(3)"],
            [sys.executable, "-c", "import time; time.sleep(60)"],
        ]
    )
    assert code == 3
    assert time.monotonic() - started < 30  # the sleeper was stopped, not waited for
    assert not marker.exists()


def test_sigterm_to_the_demo_stops_both_processes(tmp_path):
    pid_file = tmp_path / "pids"
    child = (
        f"import os, time; open({str(pid_file)!r}, 'a').write(str(os.getpid()) + chr(10)); "
        "time.sleep(60)"
    )
    script = _supervisor_script(tmp_path, [[sys.executable, "-c", child]] * 2)
    supervisor = subprocess.Popen([sys.executable, str(script)], cwd=tmp_path)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (
        not pid_file.exists() or len(pid_file.read_text().split()) < 2
    ):
        time.sleep(0.05)
    pids = [int(pid) for pid in pid_file.read_text().split()]
    supervisor.send_signal(signal.SIGTERM)
    assert supervisor.wait(timeout=20) == 0
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_jobs_file_is_downloaded_only_by_its_owner(client, user):
    job = Job.objects.create(
        kind="k",
        title="Bericht",
        status=Job.Status.DONE,
        created_by=user,
        output=b"%PDF-1.7",
        output_name="bericht.pdf",
        output_type="application/pdf",
    )
    url = reverse("core:job_download", args=[job.pk])
    assert client.get(url).status_code == 302
    client.force_login(factories.user("fremd"))
    assert client.get(url).status_code == 404
    client.force_login(user)
    response = client.get(url)
    assert (response.status_code, response.content) == (200, b"%PDF-1.7")
    assert 'filename="bericht.pdf"' in response["Content-Disposition"]


@override_settings(TASKS=DATABASE_TASKS)
def test_a_second_submit_follows_the_job_under_way(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = jobs.start("tests.count", user=user, title="Zählen", params={"steps": 2})
        again = jobs.start("tests.count", user=user, title="Zählen", params={"steps": 2})
        other = jobs.start("tests.count", user=user, title="Zählen", params={"steps": 3})
    assert again.pk == first.pk and other.pk != first.pk
    assert Job.objects.count() == 2


@pytest.mark.parametrize(
    ("value", "backend"), [("", "DatabaseBackend"), ("immediate", "Immediate")]
)
def test_servers_queue_long_work_unless_told_otherwise(value, backend):
    """Started without VERBUND_TASKS_BACKEND (a server, the demo), jobs go to the database
    queue for `verbund worker` and never run inside a web request."""
    environment = {k: v for k, v in os.environ.items() if k != "VERBUND_TASKS_BACKEND"}
    if value:
        environment["VERBUND_TASKS_BACKEND"] = value
    shown = subprocess.run(
        [sys.executable, "-c", "import verbund.settings as s; print(s.TASKS)"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert backend in shown


def test_the_demo_loader_runs_its_jobs_at_once(db, settings):
    """Loading the demo data needs the jobs' results (schedules, reports) right away."""
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    from verbund.core.demo import registry

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    seen = []
    original = registry.registered_steps
    registry.registered_steps = lambda: [
        registry.Step(0, "probe", lambda context: seen.append(task_backends["default"]))
    ]
    try:
        with pytest.raises(RuntimeError, match="marker network"):
            registry.load_demo(StringIO())
    finally:
        registry.registered_steps = original
    assert isinstance(seen[0], ImmediateBackend)
