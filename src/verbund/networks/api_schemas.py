"""Request and response shapes of the networks API.

Related objects appear as ids (``network``, ``organization``) or lists of ids
(``regions``, ``parties``, ``organizations``); dates are ISO 8601 (``2026-03-01``).
"""

from datetime import date, datetime, time
from decimal import Decimal

from ninja import Field, Schema

from verbund.api.schemas import InputSchema, ListFilter, named_choices
from verbund.networks.models import Activity, Goal, Membership, Network

NetworkKind = named_choices(Network.Kind, "NetworkKind")
ActivityKind = named_choices(Activity.Kind, "ActivityKind")


def _ids(related) -> list[int]:
    # Iterating .all() uses the handler's prefetch_related instead of one query per row.
    return [obj.pk for obj in related.all()]


class NetworkOut(Schema):
    id: int
    name: str
    short_name: str
    kind: NetworkKind
    since: date | None
    description: str
    website: str
    budget: Decimal | None
    currency: str
    budget_period: str
    regions: list[int]
    is_public: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_regions(obj):
        return _ids(obj.regions)


class NetworkIn(InputSchema):
    name: str
    kind: NetworkKind
    short_name: str = ""
    since: date | None = None
    description: str = ""
    website: str = ""
    budget: Decimal | None = None
    currency: str = "EUR"
    budget_period: str = ""
    regions: list[int] = []
    is_public: bool = True


class NetworkCreate(NetworkIn):
    lead_organization: int = Field(
        description="Organization that leads the network; you need networks.edit there."
    )


class NetworkFilter(ListFilter):
    kind: NetworkKind | None = None


class NetworkPartFilter(ListFilter):
    network: int | None = None


class MembershipOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    organization: int = Field(alias="organization_id")
    role: Membership.Role
    since: date | None
    until: date | None
    note: str


class MembershipUpdate(InputSchema):
    """What PATCH may change. The network and the organization of a membership are fixed
    (an organization joins by accepting an invitation, issue 24)."""

    role: Membership.Role = Membership.Role.MEMBER
    since: date | None = None
    until: date | None = None
    note: str = ""


class MembershipIn(MembershipUpdate):
    """Administrators only, for an organization without users; others invite."""

    network: int
    organization: int


class InvitationIn(InputSchema):
    network: int
    organization: int
    role: Membership.Role = Membership.Role.MEMBER
    note: str = ""


class InvitationOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    organization: int = Field(alias="organization_id")
    role: Membership.Role
    note: str
    status: str
    created_at: datetime
    answered_at: datetime | None
    membership: int | None = Field(alias="membership_id")


class MembershipFilter(NetworkPartFilter):
    organization: int | None = None
    role: Membership.Role | None = None


class AgreementOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    title: str
    parties: list[int]
    decided_on: date | None
    signed_on: date | None
    goals_text: str

    @staticmethod
    def resolve_parties(obj):
        return _ids(obj.parties)


class AgreementUpdate(InputSchema):
    title: str
    parties: list[int] = []
    decided_on: date | None = None
    signed_on: date | None = None
    goals_text: str = ""


class AgreementIn(AgreementUpdate):
    network: int


class GoalOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    agreement: int | None = Field(None, alias="agreement_id")
    title: str
    description: str
    status: Goal.Status
    due: date | None


class GoalUpdate(InputSchema):
    title: str
    agreement: int | None = None
    description: str = ""
    status: Goal.Status = Goal.Status.PLANNED
    due: date | None = None


class GoalIn(GoalUpdate):
    network: int


class GoalFilter(NetworkPartFilter):
    status: Goal.Status | None = None
    agreement: int | None = None


class ActivityOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    kind: ActivityKind
    title: str
    start: date
    end: date | None
    start_time: time | None
    end_time: time | None
    place: str
    region: int | None = Field(None, alias="region_id")
    organizations: list[int]
    notes: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_organizations(obj):
        return _ids(obj.organizations)


class ActivityUpdate(InputSchema):
    kind: ActivityKind
    title: str
    start: date
    end: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    region: int | None = None
    organizations: list[int] = []
    notes: str = ""


class ActivityIn(ActivityUpdate):
    network: int


class ActivityFilter(NetworkPartFilter):
    kind: ActivityKind | None = None
    start_after: date | None = None
    start_before: date | None = None
