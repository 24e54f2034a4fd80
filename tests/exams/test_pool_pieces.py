"""The pool's missing pieces: trainings on the examiner's page, the deputy check on the
sitting, re-appointment with a one-click proposal, the availability week calendar, and
two planners editing one plan at the same time (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from verbund.core.models import AuditEntry
from verbund.core.services.dashboard import open_tasks
from verbund.exams.models import Assignment, BoardMember, Training
from verbund.exams.services import plan_edits, planning, pool


@pytest.fixture
def training(pool_a):
    return Training.objects.create(
        network=pool_a.network,
        chamber=pool_a.chamber,
        title="Gemeinsame Prüferschulung Braunschweig/Lüneburg",
        date=datetime.date(2027, 3, 4),
    )


def test_training_attendance_is_edited_on_the_examiners_page(
    client, pool_a, pool_c, planner, member, training
):
    examiner = pool_a.examiners[0]
    url = reverse("exams:examiner_trainings", args=[examiner.pk])
    client.force_login(member)
    # examiners are personal data: invisible (404) without an exam permission
    assert client.post(url, {"training": training.pk, "attended": "1"}).status_code == 404
    client.force_login(planner)
    page = client.get(examiner.get_absolute_url()).content.decode()
    assert "Teilnahme erfassen" in page and training.title in page
    assert client.post(url, {"training": training.pk, "attended": "1"}).status_code == 302
    assert examiner in training.attendees.all()
    assert AuditEntry.objects.filter(action="exams.training.attended").exists()
    assert client.post(url, {"training": "abc", "attended": "1"}).status_code == 404
    other = reverse("exams:examiner_trainings", args=[pool_c.examiners[0].pk])
    assert client.post(other, {"training": training.pk, "attended": "1"}).status_code == 404
    assert client.post(url, {"training": training.pk, "attended": "0"}).status_code == 302
    assert not training.attendees.exists()


def _staff(sitting, *examiners):
    Assignment.objects.filter(sitting=sitting).delete()
    for examiner in examiners:
        Assignment.objects.create(sitting=sitting, examiner=examiner, group=examiner.group)


def test_sitting_shows_a_deputy_on_top_of_a_present_member(client, pool_a, planner):
    client.force_login(planner)
    roles = {(m.examiner.group, m.role): m.examiner for m in pool_a.board.members.all()}
    sitting = pool_a.sittings[0]
    member, deputy = roles["employer", "member"], roles["employer", "deputy"]
    # the member is absent, the deputy replaces them: lawful
    _staff(sitting, deputy, roles["employee", "member"], roles["teacher", "member"])
    assert pool.sitting_attendance(sitting)[1] == []
    page = client.get(sitting.get_absolute_url()).content.decode()
    assert "Stellvertretungen geprüft" in page
    # member and deputy of the same group both sit: the deputy is on top
    _staff(sitting, member, deputy, roles["teacher", "deputy"])
    roles_of, errors = pool.sitting_attendance(sitting)
    assert len(errors) == 1 and "Arbeitgeber" in errors[0]
    assert roles_of[deputy.pk] == BoardMember.Role.DEPUTY
    page = client.get(sitting.get_absolute_url()).content.decode()
    assert "Stellvertretung nicht zulässig" in page


def test_renewal_is_proposed_for_appointments_ending_before_the_next_period(
    client, pool_a, planner, member
):
    today = timezone.localdate()
    period = pool_a.period
    period.start, period.end = today + datetime.timedelta(days=200), today + datetime.timedelta(250)
    period.save()
    ending = pool_a.examiners[0]
    ending.appointed_from = today - datetime.timedelta(days=1500)
    ending.appointed_until = today + datetime.timedelta(days=220)  # inside the next period
    ending.save()
    assert [e.pk for e in pool.renewal_due(pool_a.network.examiners.all(), today)] == [ending.pk]
    tasks = [task for task in open_tasks(planner) if task.url == reverse("exams:renewals")]
    assert tasks and "1 Berufungen" in tasks[0].title
    client.force_login(member)
    assert client.get(reverse("exams:renewals")).status_code == 403
    client.force_login(planner)
    page = client.get(reverse("exams:renewals")).content.decode()
    assert ending.person.full_name in page
    assert client.post(reverse("exams:renewals"), {}).status_code == 200  # nothing picked
    response = client.post(reverse("exams:renewals"), {"examiner": [str(ending.pk), "x"]})
    assert response.status_code == 302
    ending.refresh_from_db()
    start = today + datetime.timedelta(days=221)
    assert (ending.appointed_from, ending.appointed_until) == (start, pool.latest_end(start))
    ending.full_clean()  # at most five years
    assert pool.renewal_due(pool_a.network.examiners.all(), today) == []


def test_availability_poll_is_a_week_calendar(client, pool_a):
    answer = pool_a.period.availabilities.first()
    page = client.get(reverse("exams:availability", args=[answer.token])).content.decode()
    assert 'id="availability-calendar"' in page
    assert "KW 19" in page  # 10-14 May 2027
    assert page.count('type="checkbox"') == len(pool_a.period.dates())
    assert page.count(" checked") == 3  # the three answered days


def test_second_planner_on_an_old_page_is_refused(solved_period, planner):
    period = solved_period
    first, second = list(Assignment.objects.filter(sitting__period=period)[:2])
    seen = period.version
    plan_edits.unassign(first, planner, expected_version=seen)
    with pytest.raises(plan_edits.PlanEditError, match="inzwischen geändert"):
        plan_edits.unassign(second, planner, expected_version=seen)
    assert Assignment.objects.filter(pk=second.pk).exists()


@pytest.fixture
def solved_period(pool_a, planner):
    run = planning.start_run(pool_a.period, planner, time_limit=1)
    assert run.status == "done"
    pool_a.period.refresh_from_db()
    return pool_a.period


@pytest.mark.django_db(transaction=True)
def test_two_planners_at_once_one_edit_wins_on_postgresql(chambers):
    """Two sessions lock different assignments of one plan seen at the same version."""
    from tests import factories
    from tests.exams.conftest import make_pool

    created = make_pool("P", chambers.a, chambers.a2)
    planner = factories.user("sevgi", organization=chambers.a)
    factories.grant(planner, ["exams.plan"], organization=chambers.a)
    planning.start_run(created.period, planner, time_limit=1)
    created.period.refresh_from_db()
    seen = created.period.version
    rows = list(Assignment.objects.filter(sitting__period=created.period)[:2])
    barrier = threading.Barrier(2)
    outcomes = []

    def edit(row):
        try:
            barrier.wait()
            plan_edits.set_locked(row, True, planner, expected_version=seen)
            outcomes.append("saved")
        except plan_edits.PlanEditError as error:
            outcomes.append(error.errors[0])
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=edit, args=(row,)) for row in rows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=len)[0] == "saved"
    assert outcomes.count("saved") == 1
    assert any("inzwischen geändert" in outcome for outcome in outcomes)
    assert Assignment.objects.filter(sitting__period=created.period, locked=True).count() == 1
