"""The losing side of a race, replayed one after the other (runs on SQLite too)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.needs.conftest import make_response
from verbund.core.services import editing
from verbund.exams.models import Assignment, RateTable
from verbund.exams.services import compensation, plan_edits
from verbund.needs.models import Invitation, Response
from verbund.needs.services import responses
from verbund.needs.services.waves import new_token


@pytest.fixture
def claim(pool_a, accountant):
    sitting = pool_a.sittings[0]
    sitting.date = datetime.date.today() - datetime.timedelta(days=1)
    sitting.save(update_fields=["date"])
    RateTable.objects.get_or_create(
        chamber=sitting.board.chamber,
        year=sitting.date.year,
        defaults={
            "hourly_loss": Decimal("25"),
            "travel_per_km": Decimal("0.42"),
            "daily_allowance": Decimal("14"),
        },
    )
    examiner = next(e for e in pool_a.examiners if e.group == "teacher")
    assignment = Assignment.objects.create(
        sitting=sitting, examiner=examiner, group="teacher", published=True
    )
    return compensation.submit(assignment, Decimal("5"), Decimal("12"), None)


def test_second_decision_on_a_stale_claim_is_refused(claim, accountant):
    stale = type(claim).objects.get(pk=claim.pk)  # loaded before the first decision
    compensation.decide(claim, True, accountant)
    with pytest.raises(compensation.CompensationError, match="bereits entschieden"):
        compensation.decide(stale, False, accountant, reason="zu hoch")
    claim.refresh_from_db()
    assert claim.status == "approved"


def test_second_claim_is_refused(claim):
    with pytest.raises(compensation.CompensationError, match="bereits ein Antrag"):
        compensation.submit(claim.assignment, Decimal("1"), Decimal("1"), None)


def test_second_decline_is_refused(pool_a, planner):
    sitting = pool_a.sittings[0]
    examiner = next(e for e in pool_a.examiners if e.group == "employee")
    assignment = plan_edits.assign_by_hand(sitting, "employee", examiner, planner)
    stale = Assignment.objects.get(pk=assignment.pk)
    plan_edits.decline(assignment, None, "krank")
    with pytest.raises(plan_edits.PlanEditError):
        plan_edits.decline(stale, None, "krank")


def test_unique_race_in_save_changes_is_a_validation_error(pool_a, planner, monkeypatch):
    def table():
        return RateTable(
            chamber=pool_a.chamber,
            year=2032,
            hourly_loss=Decimal("20"),
            travel_per_km=Decimal("0.3"),
            daily_allowance=Decimal("10"),
        )

    editing.save_changes(table(), {}, planner, "exams.ratetable")
    # the race: the other request's row lands after this one's uniqueness check
    monkeypatch.setattr(RateTable, "validate_unique", lambda self, exclude=None: None)
    monkeypatch.setattr(RateTable, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError) as caught:
        editing.save_changes(table(), {}, planner, "exams.ratetable")
    assert caught.value.error_list[0].code == "unique"


def test_survey_that_lost_the_race_is_refused(client, survey_world, districts, topics):
    wave = survey_world.wave_a
    invitation = Invitation.objects.create(
        wave=wave, company_name="Doppelklick GmbH", token=new_token(), email="d@example.org"
    )
    late = responses.response_for(invitation)  # built before the other window saved
    Response.objects.create(wave=wave, invitation=invitation, company_key=f"i{invitation.pk}")
    with pytest.raises(responses.AlreadyAnswered):
        responses.save_answers(late, {}, [], {}, submit=True)
    make_response(wave, "Andere", districts.vechta, topics.work)
    assert Response.objects.filter(invitation=invitation).count() == 1


def test_survey_page_of_the_losing_window_is_a_friendly_409(
    client, survey_world, districts, topics, monkeypatch
):
    """The race's loser, through the page: both windows opened the link before either saved."""
    invitation = Invitation.objects.create(
        wave=survey_world.wave_a, company_name="Zwei Fenster KG", token=new_token(), email="z@x.org"
    )
    original = responses.response_for

    def late_window(found_invitation):
        draft = original(found_invitation)  # built before the other window's save lands
        Response.objects.get_or_create(
            wave=found_invitation.wave,
            invitation=found_invitation,
            defaults={"company_key": f"i{found_invitation.pk}"},
        )
        return draft

    monkeypatch.setattr(responses, "response_for", late_window)
    page = client.post(invitation.survey_path(), {"need_count": "1", "save": "1"})
    assert page.status_code == 409
    assert "in einem anderen Fenster gespeichert" in page.content.decode()
    assert Response.objects.filter(invitation=invitation).count() == 1
