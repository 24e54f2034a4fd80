"""Cross-chamber leaks in exams (issue 10): examiners and candidates resolve only within
what the user may see."""

import pytest
from django.urls import reverse

from tests import factories
from tests.exams.conftest import make_examiner
from tests.exams.test_imports import HEADER
from verbund.exams.models import Candidate, Sitting
from verbund.exams.services import imports


@pytest.fixture
def partner_planner(chambers, pool_a):
    """Plans exams for IHK Lüneburg-Wolfsburg, the partner chamber of pool A."""
    account = factories.user("paul", organization=chambers.a2)
    factories.grant(account, ["exams.plan"], organization=chambers.a2)
    return account


@pytest.fixture
def planner_c(chambers, pool_c):
    account = factories.user("carla", organization=chambers.c)
    factories.grant(account, ["exams.plan"], organization=chambers.c)
    return account


def test_board_page_hides_other_chambers_examiners(
    client, pool_a, chambers, partner_planner, planner
):
    make_examiner(pool_a.network, chambers.a2, "teacher", pool_a.occupation, 9)  # own staff
    examiner = pool_a.board.members.first().examiner
    url = reverse("exams:board_detail", args=[pool_a.board.pk])
    client.force_login(partner_planner)
    assert client.get(examiner.get_absolute_url()).status_code == 404
    page = client.get(url).content.decode()
    assert examiner.person.full_name not in page
    assert "anderen Kammer" in page
    client.force_login(planner)  # the board's own chamber sees every name
    assert examiner.person.full_name in client.get(url).content.decode()


def test_board_members_form_keeps_seats_it_cannot_see(client, pool_a, chambers, planner):
    """Chamber A's planner edits the board; a partner chamber's teacher sits on it."""
    partner = make_examiner(pool_a.network, chambers.a2, "teacher", pool_a.occupation, 9)
    seat = pool_a.board.members.get(role="member", examiner__group="teacher")
    seat.examiner = partner
    seat.save()
    url = reverse("exams:board_members", args=[pool_a.board.pk])
    client.force_login(planner)
    assert partner.person.full_name not in client.get(url).content.decode()
    before = sorted(pool_a.board.members.values_list("examiner_id", "role"))
    visible = pool_a.board.members.exclude(examiner=partner)
    response = client.post(
        url,
        {
            "members": [m.examiner_id for m in visible.filter(role="member")],
            "deputies": [m.examiner_id for m in visible.filter(role="deputy")],
        },
    )
    assert response.status_code == 302
    assert sorted(pool_a.board.members.values_list("examiner_id", "role")) == before


def test_sittings_import_does_not_resolve_another_pools_candidate(pool_a, pool_c, planner_c):
    stranger = Candidate.objects.get(number="PA0")
    row = (
        f"N9;{pool_c.board.code};2611;2027-06-01;Hannover;52,37;9,73;1;1;1;"
        f"PA0|Unbekannt|Max|{pool_c.company.pk}"
    )
    result = imports.import_sittings(
        pool_c.period, "t.csv", f"{HEADER}\n{row}\n".encode(), planner_c
    )
    assert result.created == 0
    assert [(e.column, "vergeben" in e.reason) for e in result.errors] == [("prueflinge", True)]
    text = " ".join(e.reason for e in result.errors)
    assert stranger.first_name not in text and stranger.last_name not in text
    assert not Sitting.objects.filter(code="N9").exists()
    assert not stranger.sittings.filter(period=pool_c.period).exists()


def test_sittings_import_reuses_own_candidates_only_with_their_name(pool_a, planner):
    row = f"N8;{pool_a.board.code};2611;2027-06-01;Wolfsburg;52,42;10,79;1;1;1;PA0|{{}}|{{}}|"
    ok = imports.import_sittings(
        pool_a.period, "t.csv", f"{HEADER}\n{row.format('Azubi', 'Lea')}\n".encode(), planner
    )
    assert ok.errors == [] and ok.created == 1
    wrong = imports.import_sittings(
        pool_a.period,
        "t.csv",
        f"{HEADER}\n{row.replace('N8', 'N7').format('Falsch', 'Name')}\n".encode(),
        planner,
    )
    assert wrong.created == 0 and "anderen Namen" in wrong.errors[0].reason


def test_conflict_form_lists_only_plannable_candidates(client, pool_a, chambers, partner_planner):
    own = make_examiner(pool_a.network, chambers.a2, "teacher", pool_a.occupation, 9)
    client.force_login(partner_planner)
    page = client.get(reverse("exams:conflict_create", args=[own.pk]))
    assert page.status_code == 200
    assert "PA0" not in page.content.decode()  # candidates of chamber A's period


def test_conflict_form_of_the_owning_chamber_lists_its_candidates(client, pool_a, planner):
    examiner = pool_a.examiners[0]
    client.force_login(planner)
    page = client.get(reverse("exams:conflict_create", args=[examiner.pk])).content.decode()
    assert "PA0" in page and "PA1" in page


def test_sittings_import_reports_unicode_digits_instead_of_crashing(pool_a, planner):
    row = f"N6;{pool_a.board.code};2611;2027-06-01;Wolfsburg;52,42;10,79;²;1;1;P66|Azubi|Tom|²"
    result = imports.import_sittings(pool_a.period, "t.csv", f"{HEADER}\n{row}\n".encode(), planner)
    assert result.created == 0
    assert {error.column for error in result.errors} == {"arbeitgeber", "prueflinge"}
