"""Models of the exam department: pool and boards, periods and sittings, plans, compensation.

Occupations live in ``verbund.core.models`` (one list for every capability); the name is
re-exported here so that ``exams.models.Occupation`` keeps working for older imports.
"""

from verbund.core.models import Occupation
from verbund.exams.models.compensation import Claim, RateTable
from verbund.exams.models.periods import Availability, Candidate, ExamPeriod, PlanGoal, Sitting
from verbund.exams.models.plan import Assignment, PlanRun, UnfilledSeat
from verbund.exams.models.pool import (
    Board,
    BoardMember,
    Conflict,
    Examiner,
    ExaminerGroup,
    Training,
)

__all__ = [
    "Assignment",
    "Availability",
    "Board",
    "BoardMember",
    "Candidate",
    "Claim",
    "Conflict",
    "ExamPeriod",
    "Examiner",
    "ExaminerGroup",
    "Occupation",
    "PlanGoal",
    "PlanRun",
    "RateTable",
    "Sitting",
    "Training",
    "UnfilledSeat",
]
