"""REST endpoints of the exam department: pool, boards, sittings, plans, solve and check.

Reads are scoped like the UI (``visible_to``); examiners' data is visible to the exam
department only. ``POST /exams/solve`` and ``POST /exams/check`` take the exams.md JSON
(docs/exams.md) and need ``exams.plan`` somewhere; they touch no exam data. A solve is
queued as a background job (202, poll ``GET /exams/solve/{run}``); the check answers at
once.
"""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from verbund.api.crud import Pagination, require_any, visible_or_404
from verbund.core.services import access
from verbund.exams.models import Assignment, Board, Examiner, ExamPeriod, Sitting, UnfilledSeat
from verbund.exams.permissions import EXAMS_PLAN
from verbund.exams.services import api_solve, pool
from verbund.exams.services.instance import examiner_id
from verbund.exams.solver import checker
from verbund.exams.solver.model import (
    InstanceError,
    instance_from_dict,
    plan_from_dict,
)

router = Router(tags=["exams"])

# Solves run in the background (services/api_solve.py); a client polls the run.
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


class ExamPlanCheckIn(Schema):
    instance: dict
    plan: dict


class ExamPlanCheckOut(Schema):
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


class SolveRunOut(Schema):
    run: int
    status: str
    progress: float
    message: str
    status_url: str
    # the exams.md plan once the run is done, else null
    plan: dict | None = None

    @staticmethod
    def resolve_run(obj):
        return obj.pk

    @staticmethod
    def resolve_status_url(obj):
        return f"/api/v1/exams/solve/{obj.pk}"

    @staticmethod
    def resolve_plan(obj):
        return obj.result.get("plan") if obj.status == "done" else None


@router.post("/exams/solve", response={202: SolveRunOut})
def solve(request, payload: Body[dict], query: Query[SolveQuery]):
    """Queue the solve of an exams.md instance (nothing is stored but the run).

    Answers 202 with the run; poll ``GET /exams/solve/{run}`` until ``status`` is
    ``done`` (the plan is in ``plan``) or ``failed``. The same instance sent again while
    it runs gets the same run; another instance of the same period is refused (409).
    """
    require_any(request, access.has_perm(request.auth, EXAMS_PLAN))
    _parse_instance(payload)
    try:
        run, _reused = api_solve.start(
            request.auth, payload, goal=query.goal, time_limit=query.time_limit
        )
    except api_solve.RunConflict as error:
        raise HttpError(409, str(error)) from error
    return Status(202, run)


@router.get("/exams/solve/{run_id}", response=SolveRunOut)
def get_solve_run(request, run_id: int):
    """A queued solve: status, progress and, once done, the plan. Only its starter sees it."""
    return get_object_or_404(api_solve.visible_runs(request.auth), pk=run_id)


@router.post("/exams/check", response=ExamPlanCheckOut)
def check(request, payload: ExamPlanCheckIn):
    """Run the independent checker: every violated hard rule, one line each."""
    require_any(request, access.has_perm(request.auth, EXAMS_PLAN))
    instance = _parse_instance(payload.instance, check_rules=False)
    try:
        plan = plan_from_dict(payload.plan)
    except InstanceError as error:
        raise ValidationError({"plan": error.errors}) from error
    violations = checker.check(instance, plan)
    return {"valid": not violations, "violations": violations}
