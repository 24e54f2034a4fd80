"""The README promises the examiner "own board": Meine Prüfungstermine links each sitting's
board page (it opened by URL only, so the journey ended on the sittings list)."""

import pytest
from django.urls import reverse

from verbund.exams.models import Assignment
from verbund.exams.services import planning


@pytest.fixture
def published(pool_a, planner, client):
    planning.start_run(pool_a.period, None, time_limit=1)
    client.force_login(planner)
    client.post(reverse("exams:publish", args=[pool_a.period.pk]))
    return pool_a


def test_my_sittings_link_the_board_page_which_opens(client, published, examiner_user):
    client.force_login(examiner_user)
    mine = Assignment.objects.filter(examiner__person__user=examiner_user, published=True)
    assert mine.exists()
    board = mine.first().sitting.board
    page = client.get(reverse("exams:my_sittings")).content.decode()
    url = reverse("exams:board_detail", args=[board.pk])
    assert f'href="{url}"' in page and board.name in page
    assert client.get(url).status_code == 200
