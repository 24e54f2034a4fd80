"""A company's training: its gaps, the weeks its apprentices are away, station rules."""

import datetime
from dataclasses import dataclass

import holidays
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from verbund.apprenticeship.models import (
    Apprentice,
    PlanPosition,
    Station,
    Trainer,
    TrainingProfile,
)
from verbund.core.services import editing

# A week with at least this many public holidays on weekdays is no week for a stay
# (Christmas, Easter); single holidays are absorbed by the stay.
HOLIDAYS_BLOCKING_A_WEEK = 2


@dataclass(frozen=True)
class PositionGap:
    position: PlanPosition
    year: int
    year_label: str
    plan_weeks: int
    covered: int

    @property
    def weeks(self) -> int:
        return max(0, self.plan_weeks - self.covered)


def covered_weeks(profile: TrainingProfile, position_code: str, year: int) -> int:
    try:
        return int((profile.covers.get(position_code) or {}).get(str(year), 0))
    except (TypeError, ValueError):
        return 0


def gaps(profile: TrainingProfile) -> list[PositionGap]:
    """Weeks per position and period the company cannot teach itself (only the missing ones)."""
    plan = getattr(profile.occupation, "framework_plan", None)
    if plan is None:
        return []
    found = []
    for position in plan.positions.all():
        if position.throughout:
            continue
        for year, weeks in sorted(position.weeks.items()):
            gap = PositionGap(
                position,
                int(year),
                plan.year_label(int(year)),
                int(weeks),
                covered_weeks(profile, position.code, int(year)),
            )
            if gap.weeks:
                found.append(gap)
    return found


def holiday_weeks(start: datetime.date, weeks: int, land: str) -> set[int]:
    """Training weeks (1 = the week of ``start``) with several public holidays in ``land``."""
    years = range(start.year, start.year + weeks // 52 + 2)
    calendar = holidays.Germany(subdiv=land, years=years)
    monday = start - datetime.timedelta(days=start.weekday())
    blocked = set()
    for week in range(1, weeks + 1):
        first = monday + datetime.timedelta(weeks=week - 1)
        days = [first + datetime.timedelta(days=d) for d in range(5)]
        if sum(day in calendar for day in days) >= HOLIDAYS_BLOCKING_A_WEEK:
            blocked.add(week)
    return blocked


def blocked_weeks(apprentice: Apprentice, weeks: int) -> set[int]:
    """School blocks, vacation and holiday weeks of an apprentice, as training weeks."""
    own = {int(w) for w in (apprentice.school_weeks or []) + (apprentice.vacation_weeks or [])}
    return own | holiday_weeks(apprentice.start_date, weeks, apprentice.profile.land)


def qualified_trainers(organization, position: PlanPosition):
    return Trainer.objects.filter(
        organization=organization, positions=position, aevo_date__isnull=False
    )


def check_station(station: Station) -> None:
    """A partner offers a station only with an AEVO-qualified trainer for its position."""
    if (
        station.organization_id
        and station.position_id
        and not qualified_trainers(station.organization, station.position).exists()
    ):
        raise ValidationError(
            _(
                "%(organization)s hat für „%(position)s“ keine Ausbilderin und keinen Ausbilder "
                "mit AEVO-Nachweis. Tragen Sie zuerst eine verantwortliche Person mit "
                "bestandener Ausbildereignungsprüfung ein."
            )
            % {"organization": station.organization, "position": station.position.title}
        )
    if station.min_weeks and station.max_weeks and station.min_weeks > station.max_weeks:
        raise ValidationError(_("Die Mindestdauer ist länger als die Höchstdauer eines Einsatzes."))


def save_station(station: Station, data: dict, user) -> Station:
    for name, value in data.items():
        setattr(station, name, value)
    check_station(station)
    return editing.save_changes(station, data, user, "apprenticeship.station")


def parse_weeks(text: str, last_week: int | None = None) -> list[int]:
    """``"1-12, 20, 30-32"`` -> sorted week numbers; ValueError with a German message."""
    weeks = set()
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                first, last = (int(x) for x in part.split("-", 1))
            else:
                first = last = int(part)
        except ValueError:
            raise ValueError(
                _("„%(part)s“ ist keine Woche und kein Wochenbereich (z. B. 1-12).")
                % {"part": part}
            ) from None
        if first < 1 or last < first or (last_week and last > last_week):
            raise ValueError(
                _("Der Bereich „%(part)s“ liegt nicht in der Ausbildungszeit.") % {"part": part}
            )
        weeks.update(range(first, last + 1))
    return sorted(weeks)


def format_weeks(weeks: list[int]) -> str:
    """Sorted weeks -> ``"1-12, 20"`` (the form's notation)."""
    runs, start, previous = [], None, None
    for week in sorted(set(weeks)):
        if start is None:
            start = previous = week
        elif week == previous + 1:
            previous = week
        else:
            runs.append((start, previous))
            start = previous = week
    if start is not None:
        runs.append((start, previous))
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in runs)
