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


@pytest.fixture
def solved(pool_a, pool_c):
    from verbund.exams.services import planning

    for pool in (pool_a, pool_c):
        run = planning.start_run(pool.period, None, time_limit=2)
        assert run.status == "done", run.message
    return pool_a


def publish_url(pool):
    return reverse("exams:publish", args=[pool.period.pk])


def shown_version(client, pool):
    return client.get(publish_url(pool)).context["preview"].version


@override_settings(TASKS=DATABASE_TASKS)
def test_queued_publishing_returns_before_the_examiners_are_mailed(
    client, solved, planner, django_capture_on_commit_callbacks
):
    from verbund.exams.models import Assignment

    client.force_login(planner)
    version = shown_version(client, solved)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(solved), {"version": version})
    job = Job.objects.get(kind="exams.mail_published_plan")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.QUEUED and not mail.outbox
    # Published at once (the plan is what was confirmed); only the mail waits.
    period = solved.period
    assert not Assignment.objects.filter(sitting__period=period, published=False).exists()
    # The same confirmation sent again follows the job instead of publishing twice.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(publish_url(solved), {"version": version})
    assert again["Location"] == job.get_absolute_url()
    assert Job.objects.filter(kind="exams.mail_published_plan").count() == 1
    call_command("worker", batch=True)
    job.refresh_from_db()
    mailed = len({message.to[0] for message in mail.outbox})
    assert job.status == Job.Status.DONE and job.result["mailed"] == mailed > 0
    assert len(mail.outbox) == mailed  # one mail per examiner
    assert any(a[0].endswith(".ics") for message in mail.outbox for a in message.attachments)
    assert stored_text.render(job.message) == f"{mailed} Prüfende benachrichtigt."
    assert job.result_url == period.get_absolute_url()


def test_publishing_again_without_changes_mails_nobody(client, solved, planner):
    client.force_login(planner)
    client.post(publish_url(solved), {"version": shown_version(client, solved)})
    sent = len(mail.outbox)
    assert sent > 0
    client.post(publish_url(solved), {"version": shown_version(client, solved)})
    assert len(mail.outbox) == sent
    latest = Job.objects.filter(kind="exams.mail_published_plan").order_by("-pk").first()
    assert latest.result["mailed"] == 0


def test_publishing_needs_the_plan_permission(client, solved, pool_c, planner, member):
    assert client.post(publish_url(solved)).status_code == 302  # anonymous: to the login
    client.force_login(member)
    assert client.get(publish_url(solved)).status_code == 403
    assert client.post(publish_url(solved)).status_code == 403
    client.force_login(planner)
    assert client.post(publish_url(pool_c)).status_code == 404  # another network's period
    assert not mail.outbox and not Job.objects.filter(kind="exams.mail_published_plan").exists()
