"""Races (issue 10): lock, recount, write. Requests released at once against PostgreSQL.

Each worker is a thread with its own database connection (Django connections are per
thread), all start behind one barrier. The winner's change is stored once; every loser
gets the service's clear refusal (or a 409 page), never an IntegrityError or a 500.
SQLite serialises all writes and takes no row locks, so these tests need PostgreSQL;
CI's PostgreSQL run executes them.
"""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client

from tests.needs.conftest import make_response
from verbund.core.models import AuditEntry
from verbund.core.services import editing
from verbund.exams.models import Assignment, Claim, RateTable
from verbund.exams.services import compensation, plan_edits
from verbund.needs.models import Invitation, Response, Wave
from verbund.needs.services.waves import new_token

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks and truly parallel transactions need PostgreSQL (CI runs it)",
    ),
]
WORKERS = 6


def race(*jobs):
    """Run the callables at the same moment; returns each one's result or exception."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def work(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _split(results, refusal):
    wins = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, refusal)]
    others = [r for r in results if isinstance(r, Exception) and not isinstance(r, refusal)]
    assert others == [], others
    return wins, refused


def test_manual_assignments_never_overfill_a_seat(pool_a, planner):
    sitting = pool_a.sittings[0]
    employers = [e for e in pool_a.examiners if e.group == "employer"]

    def assign(examiner):
        return lambda: plan_edits.assign_by_hand(sitting, "employer", examiner, planner)

    wins, refused = _split(race(*[assign(e) for e in employers]), plan_edits.PlanEditError)
    assert len(wins) == sitting.seats_employer == 1
    assert len(refused) == len(employers) - 1
    assert Assignment.objects.filter(sitting=sitting, group="employer").count() == 1


@pytest.fixture
def claim_ready(pool_a, planner):
    sitting = pool_a.sittings[0]
    sitting.date = datetime.date.today() - datetime.timedelta(days=1)
    sitting.save(update_fields=["date"])
    RateTable.objects.get_or_create(
        chamber=sitting.board.chamber,
        year=sitting.date.year,
        defaults={
            "hourly_loss": Decimal("25.00"),
            "travel_per_km": Decimal("0.42"),
            "daily_allowance": Decimal("14.00"),
        },
    )
    examiner = next(e for e in pool_a.examiners if e.group == "teacher")
    return Assignment.objects.create(
        sitting=sitting, examiner=examiner, group="teacher", published=True
    )


def test_claim_submitted_twice_at_once_is_stored_once(claim_ready):
    def submit():
        return compensation.submit(claim_ready, Decimal("5"), Decimal("12"), None)

    wins, refused = _split(race(*[submit] * WORKERS), compensation.CompensationError)
    assert len(wins) == 1 and len(refused) == WORKERS - 1
    assert Claim.objects.filter(assignment=claim_ready).count() == 1


def test_approve_and_reject_at_once_decide_once(claim_ready, accountant):
    claim = compensation.submit(claim_ready, Decimal("5"), Decimal("12"), None)
    jobs = [
        (lambda approve=approve: compensation.decide(claim, approve, accountant, reason="zu hoch"))
        for approve in [True, False] * (WORKERS // 2)
    ]
    wins, refused = _split(race(*jobs), compensation.CompensationError)
    assert len(wins) == 1 and len(refused) == WORKERS - 1
    decisions = AuditEntry.objects.filter(
        action__in=["exams.claim.approved", "exams.claim.rejected"]
    )
    assert decisions.count() == 1
    claim.refresh_from_db()
    assert claim.status == wins[0].status


def test_examiner_declines_twice_at_once(pool_a, planner):
    sitting = pool_a.sittings[0]
    examiner = next(e for e in pool_a.examiners if e.group == "employee")
    assignment = plan_edits.assign_by_hand(sitting, "employee", examiner, planner)

    def decline():
        return plan_edits.decline(assignment, None, "krank")

    wins, refused = _split(race(*[decline] * 3), plan_edits.PlanEditError)
    assert len(wins) == 1 and len(refused) == 2
    assert AuditEntry.objects.filter(action="exams.assignment.declined").count() == 1


def test_rate_table_created_twice_at_once(pool_a, planner):
    def create():
        table = RateTable(
            chamber=pool_a.chamber,
            year=2031,
            hourly_loss=Decimal("20"),
            travel_per_km=Decimal("0.3"),
            daily_allowance=Decimal("10"),
        )
        return editing.save_changes(table, {}, planner, "exams.ratetable")

    wins, refused = _split(race(*[create] * WORKERS), ValidationError)
    assert len(wins) == 1 and len(refused) == WORKERS - 1
    assert RateTable.objects.filter(chamber=pool_a.chamber, year=2031).count() == 1


def test_anonymous_survey_submitted_at_once(survey_world, districts, topics):
    wave = Wave.objects.get(pk=survey_world.wave_a.pk)
    invitation = Invitation.objects.create(
        wave=wave, company_name="Doppelklick GmbH", token=new_token(), email="d@example.org"
    )
    make_response(wave, "Schon da", districts.vechta, topics.work)  # wave has other answers
    form = {
        "person_group": "owner",
        "district": districts.holzminden.pk,
        "sector": "C",
        "size_class": "10-49",
        "need_count": "1",
        "need-0-topic": topics.digital.pk,
        "need-0-target_group": "skilled",
        "need-0-employees": "3",
        "need-0-urgency": "6",
        "submit": "1",
    }

    def post():
        return Client().post(invitation.survey_path(), form).status_code

    codes = race(*[post] * WORKERS)
    assert all(code in (302, 409) for code in codes), codes
    assert 302 in codes
    assert Response.objects.filter(invitation=invitation).count() == 1


def test_b2b_pending_request_cap_holds_under_parallel_requests(org_a):
    """Issue 24: the cap on pending requests was exceeded in 2 of 4 rounds."""
    from tests import factories
    from tests.events.conftest import make_event
    from verbund.events.models import Event, MeetingRequest
    from verbund.events.services import matchmaking

    event = make_event(org_a, kind=Event.Kind.B2B, capacity=80)
    setup = matchmaking.setup_for(event)
    setup.max_pending = 2
    setup.save()

    def participant(name):
        company = factories.organization(f"{name} GmbH")
        user = factories.user(name.lower(), organization=company)
        return matchmaking.join(event, user, company=company.name, organization=company)

    invitees = [participant(f"Gast{n}") for n in range(WORKERS)]
    for round_number in range(4):
        requester = participant(f"Runde{round_number}")

        def send(invitee, requester=requester):
            return lambda: matchmaking.send_request(requester, invitee.profile)

        wins, refused = _split(race(*[send(i) for i in invitees]), matchmaking.MatchmakingError)
        assert len(wins) == 2 and len(refused) == WORKERS - 2
        pending = MeetingRequest.objects.filter(requester=requester, status="pending")
        assert pending.count() == 2


def test_parallel_approvals_approve_once_and_mail_once(db, mailoutbox):
    """Issue 24: ten parallel approvals of one application sent ten mails."""
    from tests import factories
    from tests.mobility.conftest import make_application, make_partnership
    from verbund.core.models import Occupation, Organization
    from verbund.mobility.models import Application
    from verbund.mobility.services import applications

    chamber = factories.organization("HWK Hannover", kind=Organization.Kind.HWK)
    occupation = Occupation.objects.get_or_create(code="25212", defaults={"name": "Kfz"})[0]
    world = make_partnership("a", chamber, occupation)
    planner = factories.user("malte", organization=chamber)
    factories.grant(planner, ["mobility.plan"], organization=chamber)
    pending = make_application(
        world.project,
        occupation,
        world.company,
        school=world.school,
        first="Ida",
        status=Application.Status.DRAFT,
    )
    applications.record_consent(pending, planner)
    mailoutbox.clear()
    approvals = [
        (lambda: applications.approve(Application.objects.get(pk=pending.pk), planner))
        for _ in range(10)
    ]
    wins, refused = _split(race(*approvals), applications.NotApprovable)
    assert len(wins) == 1 and len(refused) == 9
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(action="mobility.application.approved").count() == 1
