"""Rules a planner relies on: the stay length fits its type, and an apprentice spends at
most a quarter of the training period abroad (BBiG §2(3))."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from verbund.mobility.models import ParticipantType, Stay
from verbund.mobility.solver.model import STAY_DAYS

LEARNER_TYPES = (ParticipantType.LEARNER_SHORT, ParticipantType.LEARNER_LONG)


def length_error(participant_type: str, days: int) -> str | None:
    low, high = STAY_DAYS[participant_type]
    if low <= days <= high:
        return None
    return _(
        "Ein Aufenthalt der Art „%(type)s“ dauert %(low)s bis %(high)s Tage, nicht %(days)s."
    ) % {"type": ParticipantType(participant_type).label, "low": low, "high": high, "days": days}


@dataclass(frozen=True)
class QuarterCheck:
    """Time abroad of one apprentice against a quarter of their training period."""

    days_abroad: int
    allowed_days: int
    training_days: int

    @property
    def ok(self) -> bool:
        return self.days_abroad <= self.allowed_days

    @property
    def percent(self) -> float:
        return 100 * self.days_abroad / self.training_days if self.training_days else 0.0


def quarter_check(
    person, training_start: dt.date, training_end: dt.date, extra_days: int = 0, exclude=None
) -> QuarterCheck:
    """Days abroad of ``person`` (stays not cancelled, plus ``extra_days`` planned now)."""
    training_days = (training_end - training_start).days + 1
    stays = Stay.objects.filter(person=person, participant_type__in=LEARNER_TYPES).exclude(
        status=Stay.Status.CANCELLED
    )
    if exclude is not None:
        stays = stays.exclude(pk=exclude.pk)
    abroad = sum(stay.days for stay in stays) + extra_days
    return QuarterCheck(abroad, training_days // 4, training_days)


def quarter_error(check: QuarterCheck) -> str | None:
    if check.ok:
        return None
    return _(
        "Insgesamt %(abroad)s Tage im Ausland überschreiten ein Viertel der Ausbildungsdauer "
        "(%(allowed)s von %(total)s Tagen, BBiG § 2 Abs. 3)."
    ) % {"abroad": check.days_abroad, "allowed": check.allowed_days, "total": check.training_days}


def stay_problems(stay: Stay) -> list[str]:
    """Every rule the stay breaks, as German sentences for the stay page and its forms."""
    problems = []
    error = length_error(stay.participant_type, stay.days)
    if error:
        problems.append(error)
    application = stay.application
    if stay.participant_type in LEARNER_TYPES and application is not None:
        error = quarter_error(
            quarter_check(
                stay.person,
                application.training_start,
                application.training_end,
                stay.days if stay.status != Stay.Status.CANCELLED else 0,
                exclude=stay,
            )
        )
        if error:
            problems.append(error)
    return problems
