"""REST endpoints of advice: offices (as visible as their network), cases (advisors only)."""

import datetime

from ninja import Field, Router, Schema

from verbund.advice.models import Case, Office
from verbund.advice.services import cases
from verbund.api.crud import user_of, visible_or_404

router = Router(tags=["advice"])


class OfficeOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    name: str
    city: str
    districts: list[int]

    @staticmethod
    def resolve_districts(obj):
        return [region.pk for region in obj.districts.all()]


class CaseNeedOut(Schema):
    topic: int = Field(alias="topic_id")
    target_group: str
    employees: int
    urgency: int
    format: str


class CaseOut(Schema):
    id: int
    office: int = Field(alias="office_id")
    subject: str
    organization: int | None = Field(None, alias="organization_id")
    district: int | None = Field(None, alias="district_id")
    opened_on: datetime.date
    outcome: str
    outcome_reason: str
    follow_up_on: datetime.date | None
    needs: list[CaseNeedOut]

    @staticmethod
    def resolve_needs(obj):
        return list(obj.needs.all())


@router.get("/advice/offices", response=list[OfficeOut])
def list_offices(request):
    return Office.objects.visible_to(user_of(request)).prefetch_related("districts")


@router.get("/advice/offices/{office_id}", response=OfficeOut)
def get_office(request, office_id: int):
    return visible_or_404(Office, request, office_id)


@router.get("/advice/cases", response=list[CaseOut])
def list_cases(request, office: int | None = None):
    found = Case.objects.visible_to(user_of(request)).prefetch_related("needs")
    return found.filter(office=office) if office else found


@router.get("/advice/cases/{case_id}", response=CaseOut)
def get_case(request, case_id: int):
    return visible_or_404(Case, request, case_id)


@router.get("/advice/worklist", response=list[CaseOut])
def worklist(request):
    return cases.worklist(user_of(request)).prefetch_related("needs")
