"""REST endpoints of Verbundausbildung: plans, stations, profiles, rotation runs, plan check.

A rotation is computed by a background task (POST .../runs returns at once; poll the run);
the checker runs synchronously, it is fast.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from verbund.api.crud import Pagination, require_any, user_of, visible_or_404
from verbund.apprenticeship.models import FrameworkPlan, RotationRun, Station, TrainingProfile
from verbund.apprenticeship.permissions import MANAGE_TRAINING, PLAN_ROTATION
from verbund.apprenticeship.querysets import training_networks
from verbund.apprenticeship.services import rotation
from verbund.apprenticeship.services.plans import plan_as_json
from verbund.apprenticeship.solver import checker, model
from verbund.core.models import Occupation
from verbund.core.services import access
from verbund.networks.models import Network

router = Router(tags=["apprenticeship"])


class PlanOut(Schema):
    id: int
    occupation: int = Field(alias="occupation_id")
    code: str
    name: str
    weeks: int
    plan: dict

    @staticmethod
    def resolve_code(obj):
        return obj.occupation.code

    @staticmethod
    def resolve_name(obj):
        return obj.occupation.name

    @staticmethod
    def resolve_plan(obj):
        return plan_as_json(obj)


class StationOut(Schema):
    id: int
    organization: int = Field(alias="organization_id")
    occupation: int
    position: str
    name: str
    capacity: int
    min_weeks: int
    max_weeks: int
    cost_per_week: float
    available_weeks: list[int]
    active: bool

    @staticmethod
    def resolve_occupation(obj):
        return obj.position.plan.occupation_id

    @staticmethod
    def resolve_position(obj):
        return obj.position.code


class ProfileOut(Schema):
    id: int
    organization: int = Field(alias="organization_id")
    occupation: int = Field(alias="occupation_id")
    land: str
    capacity: int
    covers: dict


class RunIn(Schema):
    occupation: int
    cohort: int = Field(ge=2000, le=2100)
    time_limit: int = Field(20, ge=2, le=300)


class RunOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    occupation: int = Field(alias="occupation_id")
    cohort: int
    status: str
    progress: float
    message: str
    plan: dict


class CheckIn(Schema):
    instance: dict
    plan: dict


class CheckOut(Schema):
    valid: bool
    violations: list[str]


@router.get("/apprenticeship/plans", response=list[PlanOut])
@paginate(Pagination)
def list_plans(request):
    return FrameworkPlan.objects.visible_to(user_of(request)).select_related("occupation")


@router.get("/apprenticeship/plans/{plan_id}", response=PlanOut)
def get_plan(request, plan_id: int):
    return visible_or_404(FrameworkPlan, request, plan_id)


@router.get("/apprenticeship/stations", response=list[StationOut])
@paginate(Pagination)
def list_stations(request, occupation: int | None = None):
    found = Station.objects.visible_to(user_of(request)).select_related("position__plan")
    return found.filter(position__plan__occupation=occupation) if occupation else found


@router.get("/apprenticeship/profiles", response=list[ProfileOut])
@paginate(Pagination)
def list_profiles(request):
    return TrainingProfile.objects.visible_to(user_of(request))


@router.get("/apprenticeship/profiles/{profile_id}", response=ProfileOut)
def get_profile(request, profile_id: int):
    return visible_or_404(TrainingProfile, request, profile_id)


@router.post("/apprenticeship/networks/{network_id}/runs", response={202: RunOut})
def start_run(request, network_id: int, payload: RunIn):
    """Queue the rotation plan of a Verbund; poll GET /apprenticeship/runs/{id}."""
    network = get_object_or_404(
        training_networks(Network.objects.visible_to(user_of(request))), pk=network_id
    )
    require_any(request, access.has_perm(user_of(request), PLAN_ROTATION, network))
    occupation = get_object_or_404(Occupation, pk=payload.occupation)
    run = rotation.start_run(
        network, occupation, user_of(request), payload.cohort, payload.time_limit
    )
    return Status(202, run)


@router.get("/apprenticeship/runs/{run_id}", response=RunOut)
def get_run(request, run_id: int):
    return visible_or_404(RotationRun, request, run_id)


@router.post("/apprenticeship/check", response=CheckOut)
def check(request, payload: CheckIn):
    """The independent checker of docs/apprenticeship.md: every violated hard rule, one line each."""
    user = user_of(request)
    require_any(
        request, access.has_perm(user, PLAN_ROTATION) or access.has_perm(user, MANAGE_TRAINING)
    )
    try:
        instance = model.instance_from_dict(payload.instance)
    except model.InstanceError as error:
        raise ValidationError({"instance": error.errors}) from error
    try:
        plan = model.plan_from_dict(payload.plan)
    except model.InstanceError as error:
        raise ValidationError({"plan": error.errors}) from error
    violations = checker.check(instance, plan)
    return {"valid": not violations, "violations": violations}
