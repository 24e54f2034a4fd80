"""Build the exams.md instance of a period from the database, and map ids back.

Ids in the instance: examiners ``E<pk>``, sittings their code (unique in the period),
boards their code, occupations their code, candidates their number, companies
``C<organization pk>``. Hard conflicts become ``relatives`` (the JSON interface's way to
block a pair); warning conflicts and declines become ``forbidden`` pairs for the solver,
except where the planner overrode a warning for an assignment that exists.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from verbund.exams.models import Assignment, Availability, Examiner, Sitting
from verbund.exams.services.conflicts import HARD_KINDS, conflicts_by_sitting
from verbund.exams.solver import model as solver_model


def examiner_id(examiner_pk: int) -> str:
    return f"E{examiner_pk}"


def company_id(organization_pk: int | None) -> str | None:
    return f"C{organization_pk}" if organization_pk else None


@dataclass
class Built:
    """The instance plus what the services need to translate plans back to rows."""

    instance: solver_model.Instance
    examiners: dict[str, Examiner]
    sittings: dict[str, Sitting]
    forbidden: set[tuple[str, str]] = field(default_factory=set)
    warnings: dict[tuple[str, str], list] = field(default_factory=dict)

    def assignments(self, rows) -> list[solver_model.Assignment]:
        return [
            solver_model.Assignment(row.sitting.code, examiner_id(row.examiner_id), row.group)
            for row in rows
        ]


def build(period) -> Built:
    sittings = list(
        Sitting.objects.filter(period=period)
        .select_related("board", "occupation")
        .prefetch_related("candidates")
    )
    examiners = list(
        Examiner.objects.filter(network=period.network_id, active=True).prefetch_related(
            "occupations"
        )
    )
    answers = {row.examiner_id: row.dates for row in Availability.objects.filter(period=period)}
    pair_conflicts = conflicts_by_sitting(examiners, sittings)
    relatives: dict[int, set[str]] = defaultdict(set)
    forbidden: set[tuple[str, str]] = set()
    warnings: dict[tuple[str, str], list] = {}
    sitting_by_pk = {s.pk: s for s in sittings}
    overridden = set(
        Assignment.objects.filter(sitting__period=period, declined_at__isnull=True)
        .exclude(override_reason="")
        .values_list("sitting_id", "examiner_id")
    )
    for (sitting_pk, examiner_pk), conflicts in pair_conflicts.items():
        sitting = sitting_by_pk[sitting_pk]
        key = (sitting.code, examiner_id(examiner_pk))
        if any(conflict.kind in HARD_KINDS for conflict in conflicts):
            # Blocking every candidate of the sitting for this examiner is what a hard
            # conflict means; the JSON interface expresses that through ``relatives``.
            relatives[examiner_pk].update(c.number for c in sitting.candidates.all())
        else:
            warnings[key] = conflicts
            if (sitting_pk, examiner_pk) not in overridden:
                forbidden.add(key)
    declined = Assignment.objects.filter(sitting__period=period, declined_at__isnull=False)
    for sitting_code, examiner_pk in declined.values_list("sitting__code", "examiner_id"):
        forbidden.add((sitting_code, examiner_id(examiner_pk)))

    instance = solver_model.Instance(
        period=solver_model.Period(period.name, period.start, period.end),
        examiners=tuple(
            solver_model.Examiner(
                id=examiner_id(e.pk),
                group=e.group,
                occupations=tuple(o.code for o in e.occupations.all()),
                home=solver_model.Point(e.home_lat, e.home_lon),
                available=tuple(
                    sorted({datetime.date.fromisoformat(d) for d in answers.get(e.pk, [])})
                ),
                max_sittings=e.max_sittings,
                appointed_until=e.appointed_until,
                company=company_id(e.company_id),
                relatives=tuple(sorted(relatives[e.pk])),
            )
            for e in examiners
        ),
        sittings=tuple(
            solver_model.Sitting(
                id=s.code,
                board=s.board.code,
                occupation=s.occupation.code,
                date=s.date,
                location=solver_model.Point(s.lat, s.lon),
                seats=solver_model.Seats(s.seats_employer, s.seats_employee, s.seats_teacher),
                candidates=tuple(
                    solver_model.Candidate(c.number, company_id(c.company_id))
                    for c in s.candidates.all()
                ),
            )
            for s in sittings
        ),
    )
    return Built(
        instance=instance,
        examiners={examiner_id(e.pk): e for e in examiners},
        sittings={s.code: s for s in sittings},
        forbidden=forbidden,
        warnings=warnings,
    )


def current_plan(period, built: Built) -> solver_model.Plan:
    """The stored plan of ``period`` as a solver Plan (active assignments, unfilled seats)."""
    from verbund.exams.models import UnfilledSeat

    rows = Assignment.objects.filter(
        sitting__period=period, declined_at__isnull=True
    ).select_related("sitting")
    unfilled = UnfilledSeat.objects.filter(sitting__period=period).select_related("sitting")
    return solver_model.Plan(
        assignments=tuple(built.assignments(rows)),
        unfilled=tuple(solver_model.Unfilled(u.sitting.code, u.group, u.reason) for u in unfilled),
    )
