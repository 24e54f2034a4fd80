"""Exam mass mail (poll links, published plans) runs as a background job, never inside the
request: a confirmation page says how many are mailed, the job page shows the progress and
"N Prüfende benachrichtigt", and a second submit mails nobody twice."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from verbund.core.models import Job
from verbund.core.services import stored_text
from verbund.exams.models import Examiner

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    """The worker closes "old" connections between tasks (our test's own on PostgreSQL)."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def with_email(period):
    return Examiner.objects.filter(network=period.network_id, active=True).exclude(person__email="")


def poll_url(pool):
    return reverse("exams:poll_open", args=[pool.period.pk])


def test_the_confirmation_page_says_how_many_examiners_are_mailed(client, pool_a, planner):
    client.force_login(planner)
    response = client.get(poll_url(pool_a))
    assert response.status_code == 200
    assert response.context["recipients"] == with_email(pool_a.period).count() > 0
    assert not mail.outbox and not Job.objects.exists()
    assert "Prüfende erhalten einen persönlichen Link" in response.content.decode()


@override_settings(TASKS=DATABASE_TASKS)
def test_queued_the_poll_post_returns_before_any_mail_is_sent(
    client, pool_a, planner, django_capture_on_commit_callbacks
):
    client.force_login(planner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(poll_url(pool_a))
    job = Job.objects.get(kind="exams.send_poll_links")
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.QUEUED and not mail.outbox
    # A second submit while it waits follows the same job.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(poll_url(pool_a))
    assert again["Location"] == job.get_absolute_url()
    call_command("worker", batch=True)
    job.refresh_from_db()
    count = with_email(pool_a.period).count()
    assert job.status == Job.Status.DONE and len(mail.outbox) == count > 0
    assert job.result["mailed"] == count
    assert stored_text.render(job.message) == f"{count} Prüfende benachrichtigt."
    assert job.result_url == reverse("exams:poll_status", args=[pool_a.period.pk])
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"{count} Prüfende benachrichtigt." in page


def test_a_second_poll_submit_mails_nobody_twice(client, pool_a, planner):
    client.force_login(planner)
    client.post(poll_url(pool_a))
    sent = len(mail.outbox)
    assert sent == with_email(pool_a.period).count() > 0
    second = client.post(poll_url(pool_a))
    assert second.status_code == 302 and len(mail.outbox) == sent
    job = Job.objects.filter(kind="exams.send_poll_links").order_by("-pk").first()
    assert job.result["mailed"] == 0
    assert client.get(poll_url(pool_a)).context["recipients"] == 0


def test_poll_confirmation_needs_the_plan_permission(client, pool_a, pool_c, planner, member):
    assert client.get(poll_url(pool_a)).status_code == 302  # anonymous: to the login
    client.force_login(member)  # works at the chamber without exam permission
    assert client.get(poll_url(pool_a)).status_code == 403
    assert client.post(poll_url(pool_a)).status_code == 403
    client.force_login(planner)
    assert client.get(poll_url(pool_c)).status_code == 404  # another network's period
    assert client.post(poll_url(pool_c)).status_code == 404
    assert not mail.outbox and not Job.objects.exists()
