"""Which candidates a planner may resolve by number or pick from a list.

Candidates are personal data of the chamber that examines them; numbers are sequential,
so looking one up by number must never reach another chamber's candidate. A planner
sees the candidates of sittings in exam periods they may plan (``exams.plan`` on the
period's chamber or network).
"""

from verbund.exams.models import Candidate, ExamPeriod
from verbund.exams.permissions import EXAMS_PLAN


def plannable_candidates(user):
    periods = ExamPeriod.objects.with_perm(user, EXAMS_PLAN)
    return Candidate.objects.filter(
        pk__in=Candidate.objects.filter(sittings__period__in=periods).values("pk")
    )
