"""Pool rules: five-year appointment, Kammerkooperation only, expiry warning, board §40."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from verbund.core.services.dashboard import open_tasks
from verbund.exams.models import BoardMember
from verbund.exams.services import pool


def test_appointment_at_most_five_years(pool_a):
    examiner = pool_a.examiners[0]
    examiner.appointed_from = datetime.date(2025, 1, 1)
    examiner.appointed_until = datetime.date(2029, 12, 31)
    examiner.full_clean()
    examiner.appointed_until = datetime.date(2030, 1, 1)
    with pytest.raises(ValidationError) as error:
        examiner.full_clean()
    assert "fünf Jahre" in str(error.value)


def test_pool_belongs_to_a_chamber_cooperation(pool_a):
    examiner = pool_a.examiners[0]
    examiner.network = factories.network("Weiterbildungsverbund")
    with pytest.raises(ValidationError) as error:
        examiner.full_clean()
    assert "network" in error.value.error_dict


def test_expiring_appointment_warns_on_dashboard_and_list(client, pool_a, planner):
    examiner = pool_a.examiners[0]
    examiner.appointed_until = datetime.date.today() + datetime.timedelta(days=30)
    examiner.save()
    titles = [task.title for task in open_tasks(planner)]
    assert "Wiederberufung: 1 Berufungen enden demnächst" in titles
    client.force_login(planner)
    assert "endet bald" in client.get(reverse("exams:examiner_list")).content.decode()


def test_board_members_change_is_checked_against_section_40(client, pool_a, planner):
    client.force_login(planner)
    employer = [e for e in pool_a.examiners if e.group == "employer"]
    teacher = [e for e in pool_a.examiners if e.group == "teacher"]
    url = reverse("exams:board_members", args=[pool_a.board.pk])
    response = client.post(url, {"members": [employer[0].pk, employer[1].pk, teacher[0].pk]})
    assert response.status_code == 400
    assert "gleich stark" in response.content.decode()
    assert BoardMember.objects.filter(board=pool_a.board).count() == 6  # unchanged
    employee = [e for e in pool_a.examiners if e.group == "employee"]
    members = [employer[0], employee[0], teacher[0]]
    deputies = [employer[1], employee[1], teacher[1]]
    assert pool.set_board_members(pool_a.board, members, deputies, planner) == []
