"""The independent checker catches each hard rule of exams.md, naming who broke it."""

import dataclasses

from tests.exams.solver_cases import DAY1, DAY2, case, lawful_plan, plan
from verbund.exams.solver.checker import check
from verbund.exams.solver.model import Candidate, Seats, Unfilled

# Everybody sits exactly once: a single broken rule gives a single violation.
ONCE_EACH = (
    ("S1", "A1", "employer"),
    ("S1", "N1", "employee"),
    ("S1", "T1", "teacher"),
    ("S2", "A2", "employer"),
    ("S2", "N2", "employee"),
    ("S2", "T2", "teacher"),
)


def only_violation(instance, plan_) -> str:
    violations = check(instance, plan_)
    assert len(violations) == 1, violations
    return violations[0]


def with_examiner(ident: str, **changes):
    instance = case()
    examiners = tuple(
        dataclasses.replace(e, **changes) if e.id == ident else e for e in instance.examiners
    )
    return dataclasses.replace(instance, examiners=examiners)


def with_sitting(ident: str, **changes):
    instance = case()
    sittings = tuple(
        dataclasses.replace(s, **changes) if s.id == ident else s for s in instance.sittings
    )
    return dataclasses.replace(instance, sittings=sittings)


def test_lawful_plans_pass():
    assert check(case(), lawful_plan()) == []
    assert check(case(), plan(*ONCE_EACH)) == []


def test_wrong_group():
    rows = [("S1", "A1", "employee"), *ONCE_EACH[2:]]
    rows.append(("S1", "A2", "employer"))
    rows.remove(("S2", "A2", "employer"))
    bad = plan(*rows, unfilled=[Unfilled("S2", "employer", "test")])
    violations = check(case(), bad)
    assert any("S1" in v and "A1" in v and "group rule" in v for v in violations), violations


def test_unqualified_occupation():
    message = only_violation(with_examiner("A1", occupations=("6170",)), plan(*ONCE_EACH))
    assert message == (
        "sitting S1, examiner A1: qualification rule: not qualified for occupation 2611"
    )


def test_unavailable_day():
    message = only_violation(with_examiner("N1", available=(DAY2,)), plan(*ONCE_EACH))
    assert message == "sitting S1, examiner N1: availability rule: not available on 2027-05-10"


def test_appointment_ended():
    instance = with_examiner("T1", appointed_until=DAY1.replace(day=9))
    message = only_violation(instance, plan(*ONCE_EACH))
    assert message.startswith("sitting S1, examiner T1: appointment rule")


def test_over_max_sittings():
    message = only_violation(with_examiner("A1", max_sittings=1), lawful_plan())
    assert message == "examiner A1: 2 sittings exceed max_sittings 1"


def test_two_sittings_a_day():
    instance = with_sitting("S2", date=DAY1)
    violations = check(instance, lawful_plan())
    # A1, N1 and T1 each sit in S1 and S2, now both on 10 May: each is named once
    assert violations == [
        f"examiner {ident}: 2 sittings on 2027-05-10 (at most one a day)"
        for ident in ("A1", "N1", "T1")
    ]


def test_same_company_as_candidate():
    message = only_violation(with_examiner("A2", company="C0042"), plan(*ONCE_EACH))
    assert message == (
        "sitting S2, examiner A2: conflict rule: same company C0042 as candidate P-S2"
    )


def test_listed_relative():
    message = only_violation(with_examiner("N2", relatives=("P-S2",)), plan(*ONCE_EACH))
    assert message == "sitting S2, examiner N2: conflict rule: relative of candidate P-S2"


def test_seat_filled_twice_by_one_examiner():
    rows = [*ONCE_EACH, ("S1", "T1", "teacher")]
    violations = check(case(), plan(*rows))
    assert "sitting S1, examiner T1: holds 2 seats in one sitting" in violations


def test_seat_overfilled():
    rows = [*ONCE_EACH, ("S1", "T2", "teacher")]
    violations = check(case(), plan(*rows))
    assert any("S1" in v and "overfilled" in v for v in violations), violations


def test_unknown_ids():
    violations = check(case(), plan(*ONCE_EACH, ("S9", "A1", "employer"), ("S1", "X1", "boss")))
    assert "sitting S9, examiner A1: unknown sitting id" in violations
    assert "sitting S1, examiner X1: unknown examiner id" in violations
    assert "sitting S1, examiner X1: unknown group 'boss'" in violations


def test_seat_neither_filled_nor_reported():
    message = only_violation(case(), plan(*ONCE_EACH[1:]))
    assert message == "sitting S1: 1 employer seat(s), 0 filled + 0 reported unfilled"
    reported = plan(*ONCE_EACH[1:], unfilled=[Unfilled("S1", "employer", "nobody")])
    assert check(case(), reported) == []


def instance_violations(instance) -> list[str]:
    return [v for v in check(instance, plan()) if v.startswith("instance:")]


def test_instance_seats_breaking_section_40():
    unequal = instance_violations(with_sitting("S1", seats=Seats(2, 1, 1)))
    assert unequal == [
        "instance: sitting S1 seats: §40 needs as many employer as employee representatives"
    ]
    no_teacher = instance_violations(with_sitting("S1", seats=Seats(1, 1, 0)))
    assert "instance: sitting S1 seats: §40 needs at least one vocational-school teacher" in (
        no_teacher
    )
    assert "instance: sitting S1 seats: §40 needs at least 3 members" in no_teacher
    too_few_reps = instance_violations(with_sitting("S1", seats=Seats(1, 1, 2)))
    assert too_few_reps == [
        "instance: sitting S1 seats: §40 needs employer + employee >= two thirds of the members"
    ]
    assert instance_violations(with_sitting("S1", seats=Seats(2, 2, 1))) == []


def test_duplicate_ids_in_instance():
    instance = case()
    twice = dataclasses.replace(instance, sittings=instance.sittings + instance.sittings[:1])
    assert "instance: sitting id S1 occurs 2 times" in check(twice, plan())


def test_company_of_any_candidate_counts():
    candidates = (Candidate("P1", "C0001"), Candidate("P2", "C-T2"))
    message = only_violation(with_sitting("S2", candidates=candidates), plan(*ONCE_EACH))
    assert message == "sitting S2, examiner T2: conflict rule: same company C-T2 as candidate P2"
