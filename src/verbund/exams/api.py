"""REST endpoints of the exam department: pool, boards, sittings, plans, solve and check.

Reads are scoped like the UI (``visible_to``); examiners' data is visible to the exam
department only. ``POST /exams/solve`` and ``POST /exams/check`` take the exams.md JSON
(docs/exams.md) and need ``exams.plan`` somewhere; they touch no stored data.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from ninja import Body, Field, Query, Router, Schema
from ninja.pagination import paginate

from verbund.api.crud import Pagination, require_any, visible_or_404
from verbund.core.services import access
from verbund.exams.models import Assignment, Board, Examiner, ExamPeriod, Sitting, UnfilledSeat
from verbund.exams.permissions import EXAMS_PLAN
from verbund.exams.services import pool
from verbund.exams.services.instance import examiner_id
from verbund.exams.solver import checker, cpsat
from verbund.exams.solver.eligibility import LockError
from verbund.exams.solver.goals import Goals
from verbund.exams.solver.model import (
    InstanceError,
    instance_from_dict,
    plan_from_dict,
    plan_to_dict,
)

router = Router(tags=["exams"])

# The API answers within a request; long runs belong in the UI's background task.
MAX_API_TIME_LIMIT = 60.0


class ExaminerOut(Schema):
    id: int
    name: str
    group: str
    network: int
    chamber: int
    company: int | None
    occupations: list[str]
    home_town: str
    appointed_from: datetime.date
    appointed_until: datetime.date
    max_sittings: int
    active: bool

    @staticmethod
    def resolve_name(obj):
        return obj.person.full_name

    @staticmethod
    def resolve_network(obj):
        return obj.network_id

    @staticmethod
    def resolve_chamber(obj):
        return obj.chamber_id

    @staticmethod
    def resolve_company(obj):
        return obj.company_id

    @staticmethod
    def resolve_occupations(obj):
        return [o.code for o in obj.occupations.all()]


class BoardMemberOut(Schema):
    examiner: int
    group: str
    role: str


class BoardOut(Schema):
    id: int
    code: str
    name: str
    chamber: int
    network: int
    occupation: str
    composition_errors: list[str]

    @staticmethod
    def resolve_chamber(obj):
        return obj.chamber_id

    @staticmethod
    def resolve_network(obj):
        return obj.network_id

    @staticmethod
    def resolve_occupation(obj):
        return obj.occupation.code

    @staticmethod
    def resolve_composition_errors(obj):
        return pool.board_status(obj)


class SittingOut(Schema):
    id: int
    code: str
    period: int
    board: str
    occupation: str
    date: datetime.date
    place: str
    lat: float
    lon: float
    seats: dict[str, int]

    @staticmethod
    def resolve_period(obj):
        return obj.period_id

    @staticmethod
    def resolve_board(obj):
        return obj.board.code

    @staticmethod
    def resolve_occupation(obj):
        return obj.occupation.code

    @staticmethod
    def resolve_seats(obj):
        return obj.seats()


class SittingFilter(Schema):
    period: int | None = None


class ExaminerFilter(Schema):
    group: str | None = None
    occupation: str | None = None


class CheckIn(Schema):
    instance: dict
    plan: dict


class CheckOut(Schema):
    valid: bool
    violations: list[str]


class SolveQuery(Schema):
    time_limit: float = Field(10.0, gt=0, le=MAX_API_TIME_LIMIT)
    # balanced (default weights of solver/goals.py) or one goal first
    goal: Literal["balanced", "continuity", "travel", "load"] = "balanced"


@router.get("/exams/examiners", response=list[ExaminerOut])
@paginate(Pagination)
def list_examiners(request, filters: Query[ExaminerFilter]):
    rows = Examiner.objects.visible_to(request.auth).select_related("person")
    if filters.group:
        rows = rows.filter(group=filters.group)
    if filters.occupation:
        rows = rows.filter(occupations__code=filters.occupation)
    return rows.prefetch_related("occupations").order_by("pk")


@router.get("/exams/examiners/{examiner_id}", response=ExaminerOut)
def get_examiner(request, examiner_id: int):
    return visible_or_404(Examiner, request, examiner_id)


@router.get("/exams/boards", response=list[BoardOut])
@paginate(Pagination)
def list_boards(request):
    return Board.objects.visible_to(request.auth).select_related("occupation").order_by("code")


@router.get("/exams/boards/{board_id}", response=BoardOut)
def get_board(request, board_id: int):
    return visible_or_404(Board, request, board_id)


@router.get("/exams/sittings", response=list[SittingOut])
@paginate(Pagination)
def list_sittings(request, filters: Query[SittingFilter]):
    rows = Sitting.objects.visible_to(request.auth).select_related("board", "occupation")
    if filters.period:
        rows = rows.filter(period=filters.period)
    return rows.order_by("date", "code", "pk")


@router.get("/exams/sittings/{sitting_id}", response=SittingOut)
def get_sitting(request, sitting_id: int):
    return visible_or_404(Sitting, request, sitting_id)


@router.get("/exams/periods/{period_id}/plan")
def get_plan(request, period_id: int):
    """The stored plan in the exams.md plan format; assignments carry ``locked``."""
    period = visible_or_404(ExamPeriod, request, period_id)
    require_any(request, access.has_perm(request.auth, EXAMS_PLAN, period))
    rows = Assignment.objects.filter(
        sitting__period=period, declined_at__isnull=True
    ).select_related("sitting")
    unfilled = UnfilledSeat.objects.filter(sitting__period=period).select_related("sitting")
    return {
        "assignments": [
            {
                "sitting": row.sitting.code,
                "examiner": examiner_id(row.examiner_id),
                "group": row.group,
                "locked": row.locked,
                "published": row.published,
            }
            for row in rows
        ],
        "unfilled": [
            {"sitting": u.sitting.code, "group": u.group, "reason": u.reason} for u in unfilled
        ],
        **{key: period.plan_summary.get(key, {}) for key in ("objective", "bound", "solver")},
    }


def _parse_instance(data, check_rules=True):
    try:
        return instance_from_dict(data, check_rules=check_rules)
    except InstanceError as error:
        raise ValidationError({"instance": error.errors}) from error


@router.post("/exams/solve")
def solve(request, payload: Body[dict], query: Query[SolveQuery]):
    """Solve an exams.md instance and return the plan (nothing is stored)."""
    require_any(request, access.has_perm(request.auth, EXAMS_PLAN))
    instance = _parse_instance(payload)
    try:
        plan = cpsat.solve(instance, time_limit=query.time_limit, goals=Goals(query.goal))
    except LockError as error:
        raise ValidationError({"instance": error.errors}) from error
    return plan_to_dict(plan)


@router.post("/exams/check", response=CheckOut)
def check(request, payload: CheckIn):
    """Run the independent checker: every violated hard rule, one line each."""
    require_any(request, access.has_perm(request.auth, EXAMS_PLAN))
    instance = _parse_instance(payload.instance, check_rules=False)
    try:
        plan = plan_from_dict(payload.plan)
    except InstanceError as error:
        raise ValidationError({"plan": error.errors}) from error
    violations = checker.check(instance, plan)
    return {"valid": not violations, "violations": violations}
