"""§40 BBiG composition rules, one test per rule (pure functions, no database)."""

import pytest

from verbund.exams.services import composition


def seats(employer, employee, teacher):
    return {"employer": employer, "employee": employee, "teacher": teacher}


def test_standard_board_is_lawful():
    assert composition.seat_errors(seats(1, 1, 1)) == []
    assert composition.seat_errors(seats(2, 2, 1)) == []


def test_at_least_three_members():
    errors = composition.seat_errors(seats(1, 1, 0)) + composition.seat_errors(seats(0, 0, 1))
    assert any("mindestens drei" in e for e in errors)


def test_employer_and_employee_equal():
    errors = composition.seat_errors(seats(2, 1, 1))
    assert len(errors) == 1 and "gleich stark" in errors[0] and "2 zu 1" in errors[0]


def test_at_least_one_teacher():
    errors = composition.seat_errors(seats(2, 2, 0))
    assert len(errors) == 1 and "Lehrkraft" in errors[0]


def test_two_thirds_employer_and_employee():
    errors = composition.seat_errors(seats(1, 1, 2))
    assert len(errors) == 1 and "zwei Drittel" in errors[0]


def test_every_member_needs_a_deputy_of_the_same_group():
    members = ["employer", "employee", "teacher"]
    assert composition.board_errors(members, ["employer", "employee", "teacher"]) == []
    errors = composition.board_errors(members, ["employer", "employee", "employee"])
    assert len(errors) == 1 and "Stellvertretung" in errors[0]


@pytest.mark.parametrize(
    "present,deputies,ok",
    [
        (seats(1, 1, 1), seats(0, 0, 0), True),  # full board
        (seats(0, 1, 1), seats(1, 0, 0), True),  # deputy replaces the absent employer member
        (seats(1, 1, 1), seats(1, 0, 0), False),  # deputy on top of the full board
        (seats(0, 1, 1), seats(0, 1, 0), False),  # deputy of another group
    ],
)
def test_deputy_only_replaces_an_absent_member_of_the_same_group(present, deputies, ok):
    errors = composition.attendance_errors(seats(1, 1, 1), present, deputies)
    assert (errors == []) is ok
