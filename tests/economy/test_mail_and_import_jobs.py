"""Invitations, reminders and large panel imports run as background jobs, not in the request
(issue 9: "every long job … is enqueued, the request returns at once, the page polls")."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from verbund.core.models import Job
from verbund.economy.models import Answer
from verbund.economy.views import waves as wave_views

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
HEADER = "Betrieb;Kammer;Landkreis;WZ;Beschäftigte\n"


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch, settings):
    """The worker closes "old" connections between tasks (our test's own on PostgreSQL)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


def unsent(world):
    world.wave.invitations.update(sent_at=None)
    return world.wave.invitations.count()


def silent_firms(world, count=3):
    """``count`` firms that were mailed eight days ago and have not answered yet."""
    long_ago = timezone.now() - datetime.timedelta(days=8)
    world.wave.invitations.update(sent_at=long_ago, reminded_at=None)
    firms = [firm.pk for firm in world.firms[:count]]
    Answer.objects.filter(wave=world.wave, firm__in=firms).update(status=Answer.Status.DRAFT)
    return firms


def url(name, world):
    return reverse(f"economy:{name}", args=[world.wave.pk])


@pytest.mark.parametrize("name", ["send_invitations", "send_reminders"])
def test_confirmation_pages_need_economy_manage(client, world, name):
    for user, status in (
        (None, 302),
        (world.outsider, 404),
        (world.fremd, 404),
        (world.viktor, 403),
        (world.ilse, 200),
    ):
        client.logout()
        if user is not None:
            client.force_login(user)
        assert client.get(url(name, world)).status_code == status, user
    assert not mail.outbox


def test_the_confirmation_says_how_many_firms_get_the_invitation(client, world):
    count = unsent(world)
    client.force_login(world.ilse)
    page = client.get(url("send_invitations", world)).content.decode()
    assert f"{count} Betriebe erhalten jetzt die Einladung" in page
    assert not mail.outbox  # looking at the page mails nobody


@override_settings(TASKS=DATABASE_TASKS)
def test_invitations_are_mailed_by_the_worker_not_the_request(
    client, world, django_capture_on_commit_callbacks
):
    count = unsent(world)
    client.force_login(world.ilse)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("send_invitations", world))
    job = Job.objects.get(kind="economy.send_invitations")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == Job.Status.QUEUED and not mail.outbox
    # A second click while the job waits follows the same job.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url("send_invitations", world)).url == job.get_absolute_url()
    call_command("worker", batch=True)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.result == {"sent": count}
    assert len(mail.outbox) == count
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"{count} Einladungen versandt." in page
    # The invitation list links the job.
    listing = client.get(url("invitation_list", world)).content.decode()
    assert job.get_absolute_url() in listing
    # A later submit mails nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url("send_invitations", world))
    assert again.url == url("invitation_list", world)
    call_command("worker", batch=True)
    assert len(mail.outbox) == count
    assert Job.objects.filter(kind="economy.send_invitations").count() == 1


def test_two_invitation_jobs_mail_each_firm_once(world):
    from verbund.core.services import surveys

    count = unsent(world)
    for _ in range(2):
        # Without a user jobs.start makes two jobs: the row lock and sent_at protect.
        surveys.start_mail_job("economy", "invitations", world.wave, None, "Versand", "/")
    assert len(mail.outbox) == count
    assert [job.result for job in Job.objects.order_by("pk")] == [{"sent": count}, {"sent": 0}]


def test_the_wave_page_links_the_latest_mail_job(client, world):
    unsent(world)
    client.force_login(world.ilse)
    client.post(url("send_invitations", world))
    job = Job.objects.get(kind="economy.send_invitations")
    page = client.get(reverse("economy:wave_detail", args=[world.wave.pk])).content.decode()
    assert job.get_absolute_url() in page
    # Another coordinator of the network does not see ilse's job.
    client.force_login(world.lena)
    page = client.get(reverse("economy:wave_detail", args=[world.wave.pk])).content.decode()
    assert job.get_absolute_url() not in page
    assert client.get(job.get_absolute_url()).status_code == 404


@override_settings(TASKS=DATABASE_TASKS)
def test_reminders_are_confirmed_then_mailed_by_the_worker_once(
    client, world, django_capture_on_commit_callbacks
):
    silent = silent_firms(world)
    client.force_login(world.ilse)
    page = client.get(url("send_reminders", world)).content.decode()
    assert "3 Betriebe ohne Antwort erhalten jetzt eine Erinnerung." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("send_reminders", world))
    job = Job.objects.get(kind="economy.send_reminders")
    assert response.url == job.get_absolute_url() and not mail.outbox
    call_command("worker", batch=True)
    job.refresh_from_db()
    assert job.result == {"sent": 3} and len(mail.outbox) == len(silent)
    assert "3 Erinnerungen versandt." in client.get(job.get_absolute_url()).content.decode()
    # The weekly interval: a second submit mails nobody and says why.
    page = client.get(url("send_reminders", world)).content.decode()
    assert "in den letzten sieben Tagen" in page
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url("send_reminders", world), follow=True)
    assert "Keine Erinnerungen versandt" in again.content.decode()
    call_command("worker", batch=True)
    assert len(mail.outbox) == 3
    assert Job.objects.filter(kind="economy.send_reminders").count() == 1


def test_no_reminders_when_everyone_answered(client, world):
    client.force_login(world.ilse)
    page = client.get(url("send_reminders", world)).content.decode()
    assert "bereits geantwortet" in page and "confirm-mail" not in page
    client.post(url("send_reminders", world))
    assert not Job.objects.filter(kind="economy.send_reminders").exists()


def panel_rows(count: int, chamber: str = "IHK Braunschweig") -> str:
    return "".join(f"Betrieb Nummer {n} GmbH;{chamber};Braunschweig;C;12\n" for n in range(count))


def post_import(client, world, content: str):
    upload = SimpleUploadedFile("panel.csv", content.encode())
    panel = reverse("economy:panel", args=[world.network.pk])
    return client.post(panel, {"import": "1", "file": upload})


def test_a_large_panel_file_is_imported_by_a_job_with_its_report(client, world, monkeypatch):
    monkeypatch.setattr(wave_views, "BACKGROUND_IMPORT_BYTES", 500)
    client.force_login(world.ilse)
    before = world.network.economy_panel.count()
    response = post_import(client, world, HEADER + panel_rows(30))
    job = Job.objects.get(kind="economy.import_panel")
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert job.status == Job.Status.DONE and job.result["created"] == 30
    assert world.network.economy_panel.count() == before + 30
    assert "30 Betriebe importiert." in client.get(job.get_absolute_url()).content.decode()
    page = client.get(job.result_url)
    assert page.status_code == 200 and "30 Betriebe importiert." in page.content.decode()


def test_a_bad_large_panel_file_writes_nothing_and_only_its_creator_sees_the_report(client, world):
    client.force_login(world.ilse)
    before = world.network.economy_panel.count()
    content = HEADER + panel_rows(4000) + "Kaputt KG;IHK Köln;Braunschweig;C;12\n"
    assert len(content.encode()) > wave_views.BACKGROUND_IMPORT_BYTES
    response = post_import(client, world, content)
    job = Job.objects.get(kind="economy.import_panel")
    assert response.status_code == 302
    assert job.result["created"] == 0 and job.result["errors"][0]["line"] == 4002
    assert world.network.economy_panel.count() == before  # all or nothing
    page = client.get(job.result_url).content.decode()
    assert "Nichts importiert" in page and "IHK Köln" in page
    # Lena runs the same panel but did not start the import: no report for her.
    client.force_login(world.lena)
    page = client.get(job.result_url)
    assert page.status_code == 200 and "IHK Köln" not in page.content.decode()


def test_a_small_panel_file_is_still_imported_at_once(client, world):
    client.force_login(world.ilse)
    response = post_import(client, world, HEADER + panel_rows(2))
    assert response.status_code == 302 and response.url.endswith("/panel/")
    assert not Job.objects.filter(kind="economy.import_panel").exists()


def test_two_runs_at_the_same_time_mail_each_firm_once(transactional_db, world, monkeypatch):
    import threading
    import time

    from django.db import connection

    from verbund.core.services import surveys
    from verbund.economy.services import waves

    count = unsent(world)
    slow_message = surveys.message

    def message(*args):
        time.sleep(0.005)  # widen the window in which a second run could read the rows
        return slow_message(*args)

    monkeypatch.setattr(surveys, "message", message)
    results = []

    def run():
        try:
            results.append(waves.send_invitations(world.wave, world.ilse))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # each invitation is claimed before its mail: the two runs share the work, nobody twice
    assert sum(results) == count
    assert len(mail.outbox) == count
