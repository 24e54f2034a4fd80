"""Periodic tasks without cron: registered tasks are enqueued by the worker when due."""

import datetime
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import task

from verbund.core.services import periodic

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
RUNS = []


@task()
def _tick() -> int:
    RUNS.append(timezone.now())
    return len(RUNS)


@pytest.fixture(autouse=True)
def _fresh_registry(monkeypatch):
    """Each test starts with nothing enqueued yet (``last`` is per process)."""
    saved = {path: periodic.Periodic(e.task, e.every) for path, e in periodic._REGISTRY.items()}
    monkeypatch.setattr(periodic, "_REGISTRY", saved)
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    RUNS.clear()


def test_due_task_is_enqueued_once_per_period(db):
    periodic.register(_tick, every=timedelta(minutes=5))
    now = timezone.now()
    assert _tick.module_path in periodic.enqueue_due(now)
    assert len(RUNS) == 1  # the immediate backend runs it at once
    assert _tick.module_path not in periodic.enqueue_due(now + timedelta(minutes=4))
    assert _tick.module_path in periodic.enqueue_due(now + timedelta(minutes=5))
    assert len(RUNS) == 2


def test_registering_twice_is_harmless_but_two_periods_are_refused():
    periodic.register(_tick, every=timedelta(minutes=5))
    periodic.register(_tick, every=timedelta(minutes=5))
    assert [e.path for e in periodic.registered()].count(_tick.module_path) == 1
    with pytest.raises(ValueError, match="two periods"):
        periodic.register(_tick, every=timedelta(minutes=1))
    with pytest.raises(ValueError, match="positive"):
        periodic.register(_tick, every=timedelta(0))


def test_events_registers_its_offer_expiry():
    from verbund.events import tasks

    entry = next(e for e in periodic.registered() if e.path == tasks.expire_offers.module_path)
    assert entry.every == timedelta(minutes=5)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_waiting_run_is_not_queued_again(db):
    from django_tasks_db.models import DBTaskResult

    periodic.register(_tick, every=timedelta(minutes=5))
    now = timezone.now()
    assert _tick.module_path in periodic.enqueue_due(now)
    assert RUNS == []  # queued, not run: the worker runs it
    assert DBTaskResult.objects.filter(task_path=_tick.module_path).count() == 1
    # Another worker process (its own ``last``) sees the waiting run and leaves it.
    for entry in periodic.registered():
        entry.last = None
    assert periodic.enqueue_due(now + timedelta(minutes=6)) == []
    assert DBTaskResult.objects.filter(task_path=_tick.module_path).count() == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_passes_an_expired_offer_on_without_cron(db):
    from tests.events.conftest import make_event
    from verbund.core.models import Organization
    from verbund.events.models import Registration
    from verbund.events.services import registration as registrations

    organization = Organization.objects.create(name="EN-Agentur", kind="district")
    event = make_event(organization, capacity=1)
    anna = registrations.register(event, name="Anna", email="anna@example.org", seats=1)
    bert = registrations.register(event, name="Bert", email="bert@example.org", seats=1)
    carla = registrations.register(event, name="Carla", email="carla@example.org", seats=1)
    registrations.cancel(anna)
    bert.refresh_from_db()
    assert bert.status == Registration.Status.OFFERED
    Registration.objects.filter(pk=bert.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("worker", batch=True, interval=0, stdout=StringIO())
    bert.refresh_from_db()
    carla.refresh_from_db()
    assert bert.status == Registration.Status.EXPIRED
    assert carla.status == Registration.Status.OFFERED


def test_heartbeat_enqueues_and_stops(db, monkeypatch):
    calls = []
    monkeypatch.setattr(periodic, "enqueue_due", lambda: calls.append(1) or [])
    monkeypatch.setattr(periodic, "close_old_connections", lambda: None)
    monkeypatch.setattr(periodic.connection, "close", lambda: None)
    beat = periodic.Heartbeat(interval=0.01)
    beat.start()
    deadline = timezone.now() + timedelta(seconds=5)
    while len(calls) < 2 and timezone.now() < deadline:
        beat.stopped.wait(0.01)
    beat.stop()
    beat.join(timeout=2)
    assert len(calls) >= 2 and not beat.is_alive()
