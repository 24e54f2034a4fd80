"""REST endpoints of international mobility: projects with budget, placements, stays with
their computed grant, and the batch interface (match, check, grant preview).

Reads are scoped like the UI (``visible_to``); stays hold personal data and are visible
to the sending organization's planners, the training company and the participant only.
``POST /mobility/match`` and ``/mobility/check`` take the mobility.md JSON and store
nothing; they need ``mobility.plan`` somewhere.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Body, Field, Query, Router, Schema
from ninja.pagination import paginate

from verbund.api.crud import Pagination, require_any, visible_or_404
from verbund.core.services import access
from verbund.mobility.models import MobilityProject, Placement, Stay
from verbund.mobility.permissions import MOBILITY_PLAN
from verbund.mobility.services import reporting
from verbund.mobility.services.rates import rates_or_none
from verbund.mobility.solver import checker, cpsat
from verbund.mobility.solver.model import (
    InstanceError,
    instance_from_json,
    plan_from_json,
    plan_to_json,
)

router = Router(tags=["mobility"])
MAX_API_TIME_LIMIT = 30.0


class ProjectOut(Schema):
    id: int
    title: str
    reference: str
    call_year: int
    network: int = Field(alias="network_id")
    beneficiary: int = Field(alias="beneficiary_id")
    start: datetime.date
    end: datetime.date
    granted_amount: Decimal


class BudgetOut(Schema):
    granted: Decimal
    committed: Decimal
    paid: Decimal
    available: Decimal


class PlacementOut(Schema):
    id: int
    title: str
    network: int = Field(alias="network_id")
    host: int = Field(alias="host_id")
    occupations: list[str]
    language: str
    min_level: str
    start: datetime.date
    end: datetime.date
    capacity: int
    accessible: list[str]
    city: str
    country: str

    @staticmethod
    def resolve_occupations(obj):
        return [o.code for o in obj.occupations.all()]


class GrantOut(Schema):
    travel: Decimal = Field(alias="grant_travel")
    individual: Decimal = Field(alias="grant_individual")
    organisational: Decimal = Field(alias="grant_organisational")
    inclusion: Decimal = Field(alias="grant_inclusion")
    total: Decimal = Field(alias="grant_total")


class StayOut(Schema):
    id: int
    project: int = Field(alias="project_id")
    participant: str
    participant_type: str
    host: int = Field(alias="host_id")
    placement: int | None = Field(None, alias="placement_id")
    start: datetime.date
    end: datetime.date
    status: str
    distance_km: float
    green_travel: bool
    fewer_opportunities: bool
    grant: GrantOut

    @staticmethod
    def resolve_participant(obj):
        return obj.person.full_name

    @staticmethod
    def resolve_grant(obj):
        return obj


class MatchQuery(Schema):
    time_limit: float = Field(10.0, gt=0, le=MAX_API_TIME_LIMIT)


class MobilityCheckIn(Schema):
    instance: dict
    plan: dict


class MobilityCheckOut(Schema):
    valid: bool
    violations: list[str]


@router.get("/mobility/projects", response=list[ProjectOut])
@paginate(Pagination)
def list_projects(request):
    return MobilityProject.objects.visible_to(request.auth).order_by("pk")


@router.get("/mobility/projects/{project_id}/budget", response=BudgetOut)
def project_budget(request, project_id: int):
    project = visible_or_404(MobilityProject, request, project_id)
    require_any(request, access.has_perm(request.auth, MOBILITY_PLAN, project))
    budget = reporting.budget(project)
    return {
        "granted": budget.granted,
        "committed": budget.committed,
        "paid": budget.paid,
        "available": budget.available,
    }


@router.get("/mobility/placements", response=list[PlacementOut])
@paginate(Pagination)
def list_placements(request):
    return Placement.objects.visible_to(request.auth).prefetch_related("occupations").order_by("pk")


@router.get("/mobility/stays", response=list[StayOut])
@paginate(Pagination)
def list_stays(request):
    return Stay.objects.visible_to(request.auth).select_related("person").order_by("pk")


@router.get("/mobility/stays/{stay_id}", response=StayOut)
def get_stay(request, stay_id: int):
    return visible_or_404(Stay, request, stay_id, Stay.objects.select_related("person"))


def _instance(data):
    try:
        return instance_from_json(data, rates_or_none)
    except InstanceError as error:
        raise ValidationError({"instance": error.errors}) from error


@router.post("/mobility/match")
def match(request, payload: Body[dict], query: Query[MatchQuery]):
    """Match a mobility.md instance and return the plan (nothing is stored)."""
    require_any(request, access.has_perm(request.auth, MOBILITY_PLAN))
    return plan_to_json(cpsat.match(_instance(payload), time_limit=query.time_limit))


@router.post("/mobility/check", response=MobilityCheckOut)
def check(request, payload: MobilityCheckIn):
    """Run the independent checker: every violated hard rule, one line each."""
    require_any(request, access.has_perm(request.auth, MOBILITY_PLAN))
    instance = _instance(payload.instance)
    try:
        plan = plan_from_json(payload.plan)
    except InstanceError as error:
        raise ValidationError({"plan": error.errors}) from error
    violations = checker.check(instance, plan)
    return {"valid": not violations, "violations": violations}
