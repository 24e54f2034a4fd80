"""Models of the exam department: pool and boards, periods and sittings, plans, compensation."""

from verbund.exams.models.compensation import Claim, RateTable
from verbund.exams.models.periods import Availability, Candidate, ExamPeriod, Sitting
from verbund.exams.models.plan import Assignment, PlanRun, UnfilledSeat
from verbund.exams.models.pool import (
    Board,
    BoardMember,
    Conflict,
    Examiner,
    ExaminerGroup,
    Occupation,
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
    "PlanRun",
    "RateTable",
    "Sitting",
    "Training",
    "UnfilledSeat",
]
