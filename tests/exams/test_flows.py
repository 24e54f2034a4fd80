"""Lock, edit by hand (checker blocks), re-solve keeping locks, publish, decline."""

import pytest
from django.core import mail

from verbund.core.models import AuditEntry
from verbund.exams.models import Assignment, Conflict, UnfilledSeat
from verbund.exams.services import plan_edits, planning


def active(period):
    return Assignment.objects.filter(sitting__period=period, declined_at__isnull=True)


@pytest.fixture
def solved(pool_a, planner):
    run = planning.start_run(pool_a.period, planner, time_limit=2)
    assert run.status == "done", run.message
    return pool_a


def test_lock_survives_resolve(solved, planner):
    chosen = active(solved.period).first()
    plan_edits.set_locked(chosen, True, planner)
    assert AuditEntry.objects.filter(action="exams.assignment.locked").exists()
    for _ in range(2):
        planning.start_run(solved.period, planner, time_limit=1)
        chosen.refresh_from_db()
        assert chosen.locked
    assert active(solved.period).count() == 9


def test_edit_breaking_a_rule_is_blocked_and_shows_the_rule(solved, planner):
    sitting = solved.sittings[0]
    busy = active(solved.period).filter(sitting=solved.sittings[1], group="employer").first()
    # The same examiner twice on one seat group of another sitting on another day is fine,
    # but an employer examiner on a teacher seat breaks the group rule.
    with pytest.raises(plan_edits.PlanEditError) as error:
        plan_edits.assign_by_hand(sitting, "teacher", busy.examiner, planner)
    assert any("Gruppe" in message for message in error.value.errors)
    assert active(solved.period).filter(sitting=sitting).count() == 3


def test_edit_with_hard_conflict_is_blocked(solved, planner):
    sitting = solved.sittings[0]
    current = active(solved.period).get(sitting=sitting, group="employer")
    other = next(
        e
        for e in solved.examiners
        if e.group == "employer"
        and not active(solved.period).filter(examiner=e, sitting__date=sitting.date).exists()
    )
    Conflict.objects.create(
        examiner=other, kind=Conflict.Kind.RELATIVE, candidate=sitting.candidates.first()
    )
    with pytest.raises(plan_edits.PlanEditError) as error:
        plan_edits.assign_by_hand(sitting, "employer", other, planner, replace=current)
    assert any("Befangenheit" in message for message in error.value.errors)


def test_warning_conflict_needs_documented_override(solved, planner):
    sitting = solved.sittings[0]
    current = active(solved.period).get(sitting=sitting, group="employer")
    other = next(
        e
        for e in solved.examiners
        if e.group == "employer"
        and not active(solved.period).filter(examiner=e, sitting__date=sitting.date).exists()
    )
    Conflict.objects.create(
        examiner=other, kind=Conflict.Kind.FORMER_EMPLOYER, organization=solved.company
    )
    with pytest.raises(plan_edits.PlanEditError):
        plan_edits.assign_by_hand(sitting, "employer", other, planner, replace=current)
    created = plan_edits.assign_by_hand(
        sitting, "employer", other, planner, replace=current, override_reason="seit 2015 weg"
    )
    assert created.locked and created.override_reason == "seit 2015 weg"
    entry = AuditEntry.objects.get(action="exams.conflict.overridden")
    assert entry.data["reason"] == "seit 2015 weg"


def test_solver_avoids_warning_conflicts(pool_a, planner):
    for examiner in pool_a.examiners:
        if examiner.group == "employer" and examiner != pool_a.examiners[0]:
            Conflict.objects.create(
                examiner=examiner, kind=Conflict.Kind.BUSINESS, organization=pool_a.company
            )
    planning.start_run(pool_a.period, planner, time_limit=1)
    employers = active(pool_a.period).filter(group="employer")
    assert set(employers.values_list("examiner", flat=True)) == {pool_a.examiners[0].pk}


def test_unassign_reports_the_free_seat(solved, planner):
    row = active(solved.period).first()
    plan_edits.unassign(row, planner)
    assert UnfilledSeat.objects.filter(sitting=row.sitting, group=row.group).exists()


def test_publish_mails_ics_and_decline_replans_only_that_seat(solved, planner, examiner_user):
    sent = plan_edits.publish(solved.period, planner)
    assert sent == len(mail.outbox) > 0
    assert any(a[0].endswith(".ics") for message in mail.outbox for a in message.attachments)
    assert AuditEntry.objects.filter(action="exams.plan.published").exists()

    row = active(solved.period).first()
    before = set(active(solved.period).exclude(pk=row.pk).values_list("pk", flat=True))
    mail.outbox.clear()
    replacement = plan_edits.decline(row, None, "krank")
    row.refresh_from_db()
    assert row.declined
    after = set(active(solved.period).values_list("pk", flat=True))
    assert before <= after and len(after - before) == 1
    assert replacement.sitting == row.sitting and replacement.group == row.group
    assert replacement.examiner != row.examiner and replacement.published
    assert len(mail.outbox) == 1
    # A later full re-solve never puts the declining examiner back on that sitting.
    planning.start_run(solved.period, planner, time_limit=1)
    assert not active(solved.period).filter(sitting=row.sitting, examiner=row.examiner).exists()


def test_resolve_single_sitting_keeps_the_others(solved, planner):
    others = set(
        active(solved.period).exclude(sitting=solved.sittings[0]).values_list("pk", flat=True)
    )
    run = planning.start_run(
        solved.period, planner, kind="resolve", time_limit=1, sittings=[solved.sittings[0].code]
    )
    assert run.status == "done", run.message
    assert others <= set(active(solved.period).values_list("pk", flat=True))


def test_unfilled_seats_carry_the_reason(pool_a, planner):
    teachers = [e for e in pool_a.examiners if e.group == "teacher"]
    for teacher in teachers:
        teacher.active = False
        teacher.save()
    planning.start_run(pool_a.period, planner, time_limit=1)
    rows = UnfilledSeat.objects.filter(sitting__period=pool_a.period)
    assert rows.count() == 3 and all(row.group == "teacher" and row.reason for row in rows)
