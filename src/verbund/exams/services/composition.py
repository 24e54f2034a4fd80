"""BBiG §40 composition rules as pure functions (no database): German messages per rule.

A board (and each sitting's seats) needs at least three members, as many employer as
employee representatives, at least one vocational-school teacher, and employer + employee
representatives at least two thirds of the members. Every member has a deputy of the same
group; a deputy only replaces an absent member of the same group, never sits on top.
"""

from collections import Counter
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

GROUPS = ("employer", "employee", "teacher")


def seat_errors(seats: Mapping[str, int]) -> list[str]:
    """Why a composition (group -> number of members) breaks §40; [] when lawful."""
    employer = seats.get("employer", 0)
    employee = seats.get("employee", 0)
    teacher = seats.get("teacher", 0)
    total = employer + employee + teacher
    errors = []
    if total < 3:
        errors.append(
            _(
                "§ 40 Abs. 1 BBiG: Ein Prüfungsausschuss hat mindestens drei Mitglieder (jetzt %(n)s)."
            )
            % {"n": total}
        )
    if employer != employee:
        errors.append(
            _(
                "§ 40 Abs. 2 BBiG: Arbeitgeber- und Arbeitnehmervertretung müssen gleich stark sein "
                "(jetzt %(employer)s zu %(employee)s)."
            )
            % {"employer": employer, "employee": employee}
        )
    if teacher < 1:
        errors.append(
            _("§ 40 Abs. 2 BBiG: Mindestens eine Lehrkraft einer berufsbildenden Schule fehlt.")
        )
    if total and 3 * (employer + employee) < 2 * total:
        errors.append(
            _(
                "§ 40 Abs. 2 BBiG: Arbeitgeber- und Arbeitnehmervertretung müssen mindestens zwei "
                "Drittel der Mitglieder stellen (jetzt %(share)s von %(total)s)."
            )
            % {"share": employer + employee, "total": total}
        )
    return errors


def board_errors(members: Iterable[str], deputies: Iterable[str]) -> list[str]:
    """§40 for a board given its members' and deputies' groups."""
    member_count = Counter(members)
    deputy_count = Counter(deputies)
    errors = seat_errors(member_count)
    for group in GROUPS:
        if deputy_count[group] < member_count[group]:
            errors.append(
                _(
                    "§ 40 Abs. 2 BBiG: Jedes Mitglied braucht eine Stellvertretung derselben Gruppe; "
                    "für %(group)s fehlen %(missing)s."
                )
                % {
                    "group": group_label(group),
                    "missing": member_count[group] - deputy_count[group],
                }
            )
    return errors


def attendance_errors(
    members: Mapping[str, int],
    present_members: Mapping[str, int],
    present_deputies: Mapping[str, int],
) -> list[str]:
    """§40 for one sitting: deputies only replace absent members of the same group."""
    errors = deputy_errors(members, present_members, present_deputies)
    attending = Counter(present_members) + Counter(present_deputies)
    return errors + seat_errors(attending)


def deputy_errors(
    members: Mapping[str, int],
    present_members: Mapping[str, int],
    present_deputies: Mapping[str, int],
) -> list[str]:
    """Deputies sitting on top of a full membership of their group (not instead)."""
    errors = []
    for group in GROUPS:
        absent = members.get(group, 0) - present_members.get(group, 0)
        if present_deputies.get(group, 0) > max(absent, 0):
            errors.append(
                _(
                    "Eine Stellvertretung (%(group)s) darf nur für ein abwesendes Mitglied derselben "
                    "Gruppe eintreten, nicht zusätzlich (%(deputies)s Stellvertretung(en), "
                    "%(absent)s abwesend)."
                )
                % {
                    "group": group_label(group),
                    "deputies": present_deputies.get(group, 0),
                    "absent": max(absent, 0),
                }
            )
    return errors


def group_label(group: str) -> str:
    from verbund.exams.models import ExaminerGroup

    return str(ExaminerGroup(group).label)
