"""REST endpoints of networks: networks, members, agreements, goals, activities.

Every change needs ``networks.edit`` on the network, granted to a team of the network
or of its lead organization. A new part names its network in the body; that network is
treated like the object of the request: 404 when the caller cannot see it, 403 when they
see it but may not edit it. Other unknown ids are 422 field errors.
"""

from django.db.models import Q
from django.utils.translation import gettext as _
from ninja import PatchDict, Query, Router, Status
from ninja.pagination import paginate

from verbund.api.crud import (
    Pagination,
    apply_ordering,
    can,
    editable_or_403,
    require_any,
    resolve_references,
    save,
    visible_or_404,
)
from verbund.core.models import Organization, Region
from verbund.core.services import access
from verbund.networks.api_schemas import (
    ActivityFilter,
    ActivityIn,
    ActivityOut,
    ActivityUpdate,
    AgreementIn,
    AgreementOut,
    AgreementUpdate,
    GoalFilter,
    GoalIn,
    GoalOut,
    GoalUpdate,
    InvitationIn,
    InvitationOut,
    MembershipFilter,
    MembershipIn,
    MembershipOut,
    MembershipUpdate,
    NetworkCreate,
    NetworkFilter,
    NetworkIn,
    NetworkOut,
    NetworkPartFilter,
)
from verbund.networks.models import Activity, Agreement, Goal, Invitation, Membership, Network
from verbund.networks.permissions import NETWORKS_EDIT
from verbund.networks.services import invitations, roles
from verbund.networks.services import networks as network_service

router = Router()


def _editable_network(request, data: dict) -> dict:
    """The network a new part goes into is the object checked: 404 if not visible, else 403."""
    return {**data, "network": editable_or_403(Network, request, NETWORKS_EDIT, data["network"])}


def _in_network(parts, filters: NetworkPartFilter):
    return parts.filter(network=filters.network) if filters.network else parts


# Networks -----------------------------------------------------------------------------

NETWORK_REFERENCES = {"regions": Region}


@router.get("/networks", response=list[NetworkOut], tags=["networks"])
@paginate(Pagination)
def list_networks(request, filters: Query[NetworkFilter]):
    networks = Network.objects.visible_to(request.auth).prefetch_related("regions")
    if filters.kind:
        networks = networks.filter(kind=filters.kind)
    if filters.q:
        networks = networks.filter(
            Q(name__icontains=filters.q)
            | Q(short_name__icontains=filters.q)
            | Q(description__icontains=filters.q)
        )
    return apply_ordering(networks, filters.ordering, ("name", "kind", "since", "updated_at"))


@router.get("/networks/{network_id}", response=NetworkOut, tags=["networks"])
def get_network(request, network_id: int):
    return visible_or_404(Network, request, network_id)


@router.post("/networks", response={201: NetworkOut}, tags=["networks"])
def create_network(request, payload: NetworkCreate):
    """The lead organization becomes the first member (role ``lead``)."""
    data = resolve_references(
        request, payload.dict(), {**NETWORK_REFERENCES, "lead_organization": Organization}
    )
    lead = data.pop("lead_organization")
    require_any(request, can(Organization, request, NETWORKS_EDIT, lead))
    network = network_service.create_network(data, lead, request.auth)
    return Status(201, network)


@router.patch("/networks/{network_id}", response=NetworkOut, tags=["networks"])
def update_network(request, network_id: int, payload: PatchDict[NetworkIn]):
    network = editable_or_403(Network, request, NETWORKS_EDIT, network_id)
    data = resolve_references(request, payload, NETWORK_REFERENCES)
    return save(network, data, request, "networks.network")


# Members ------------------------------------------------------------------------------

MEMBERSHIP_REFERENCES = {"organization": Organization}


@router.get("/members", response=list[MembershipOut], tags=["members"])
@paginate(Pagination)
def list_members(request, filters: Query[MembershipFilter]):
    members = _in_network(Membership.objects.visible_to(request.auth), filters)
    if filters.organization:
        members = members.filter(organization=filters.organization)
    if filters.role:
        members = members.filter(role=filters.role)
    if filters.q:
        members = members.filter(
            Q(organization__name__icontains=filters.q) | Q(note__icontains=filters.q)
        )
    return apply_ordering(members, filters.ordering, ("role", "since", "until", "organization"))


@router.get("/members/{membership_id}", response=MembershipOut, tags=["members"])
def get_member(request, membership_id: int):
    return visible_or_404(Membership, request, membership_id)


@router.post("/members", response={201: MembershipOut}, tags=["members"])
def create_member(request, payload: MembershipIn):
    """Administrators add an organization without users; everyone else invites it
    (``POST /invitations``) and it joins when it accepts."""
    data = _editable_network(request, payload.dict())
    data = resolve_references(request, data, MEMBERSHIP_REFERENCES)
    if not request.auth.is_superuser or invitations.has_users(data["organization"]):
        raise access.Refused(
            _(
                "Organisationen treten einem Netzwerk nur über eine angenommene Einladung "
                "bei (POST /api/v1/invitations)."
            )
        )
    roles.check_membership_change(request.auth, data["network"], None, data)
    return Status(201, save(Membership(), data, request, "networks.membership"))


@router.patch("/members/{membership_id}", response=MembershipOut, tags=["members"])
def update_member(request, membership_id: int, payload: PatchDict[MembershipUpdate]):
    membership = editable_or_403(Membership, request, NETWORKS_EDIT, membership_id)
    data = resolve_references(request, payload, MEMBERSHIP_REFERENCES)
    roles.check_membership_change(request.auth, membership.network, membership.pk, data)
    return save(membership, data, request, "networks.membership")


# Invitations (membership by consent) --------------------------------------------------


@router.get("/invitations", response=list[InvitationOut], tags=["members"])
@paginate(Pagination)
def list_invitations(request, filters: Query[NetworkPartFilter]):
    """Invitations of networks the caller edits and to the caller's organizations."""
    return _in_network(Invitation.objects.visible_to(request.auth), filters).order_by("-pk")


@router.post("/invitations", response={201: InvitationOut}, tags=["members"])
def create_invitation(request, payload: InvitationIn):
    data = _editable_network(request, payload.dict())
    data = resolve_references(request, data, MEMBERSHIP_REFERENCES)
    invitation = invitations.invite(
        data["network"], data["organization"], data["role"], data["note"], request.auth
    )
    return Status(201, invitation)


@router.post("/invitations/{invitation_id}/accept", response=InvitationOut, tags=["members"])
def accept_invitation(request, invitation_id: int):
    invitation = visible_or_404(Invitation, request, invitation_id)
    invitations.accept(invitation, request.auth)
    invitation.refresh_from_db()
    return invitation


@router.post("/invitations/{invitation_id}/decline", response=InvitationOut, tags=["members"])
def decline_invitation(request, invitation_id: int):
    return invitations.decline(visible_or_404(Invitation, request, invitation_id), request.auth)


@router.post("/invitations/{invitation_id}/withdraw", response=InvitationOut, tags=["members"])
def withdraw_invitation(request, invitation_id: int):
    invitation = visible_or_404(Invitation, request, invitation_id)
    return invitations.withdraw(invitation, request.auth)


# Agreements ---------------------------------------------------------------------------

AGREEMENT_REFERENCES = {"parties": Organization}


@router.get("/agreements", response=list[AgreementOut], tags=["agreements"])
@paginate(Pagination)
def list_agreements(request, filters: Query[NetworkPartFilter]):
    agreements = _in_network(Agreement.objects.visible_to(request.auth), filters)
    if filters.q:
        agreements = agreements.filter(
            Q(title__icontains=filters.q) | Q(goals_text__icontains=filters.q)
        )
    agreements = agreements.prefetch_related("parties")
    return apply_ordering(agreements, filters.ordering, ("title", "decided_on", "signed_on"))


@router.get("/agreements/{agreement_id}", response=AgreementOut, tags=["agreements"])
def get_agreement(request, agreement_id: int):
    return visible_or_404(Agreement, request, agreement_id)


@router.post("/agreements", response={201: AgreementOut}, tags=["agreements"])
def create_agreement(request, payload: AgreementIn):
    data = _editable_network(request, payload.dict())
    data = resolve_references(request, data, AGREEMENT_REFERENCES)
    return Status(201, save(Agreement(), data, request, "networks.agreement"))


@router.patch("/agreements/{agreement_id}", response=AgreementOut, tags=["agreements"])
def update_agreement(request, agreement_id: int, payload: PatchDict[AgreementUpdate]):
    agreement = editable_or_403(Agreement, request, NETWORKS_EDIT, agreement_id)
    data = resolve_references(request, payload, AGREEMENT_REFERENCES)
    return save(agreement, data, request, "networks.agreement")


# Goals --------------------------------------------------------------------------------

GOAL_REFERENCES = {"agreement": Agreement}


@router.get("/goals", response=list[GoalOut], tags=["goals"])
@paginate(Pagination)
def list_goals(request, filters: Query[GoalFilter]):
    goals = _in_network(Goal.objects.visible_to(request.auth), filters)
    if filters.status:
        goals = goals.filter(status=filters.status)
    if filters.agreement:
        goals = goals.filter(agreement=filters.agreement)
    if filters.q:
        goals = goals.filter(Q(title__icontains=filters.q) | Q(description__icontains=filters.q))
    return apply_ordering(goals, filters.ordering, ("title", "status", "due"))


@router.get("/goals/{goal_id}", response=GoalOut, tags=["goals"])
def get_goal(request, goal_id: int):
    return visible_or_404(Goal, request, goal_id)


@router.post("/goals", response={201: GoalOut}, tags=["goals"])
def create_goal(request, payload: GoalIn):
    data = _editable_network(request, payload.dict())
    data = resolve_references(request, data, GOAL_REFERENCES)
    return Status(201, save(Goal(), data, request, "networks.goal"))


@router.patch("/goals/{goal_id}", response=GoalOut, tags=["goals"])
def update_goal(request, goal_id: int, payload: PatchDict[GoalUpdate]):
    goal = editable_or_403(Goal, request, NETWORKS_EDIT, goal_id)
    data = resolve_references(request, payload, GOAL_REFERENCES)
    return save(goal, data, request, "networks.goal")


# Activities ---------------------------------------------------------------------------

ACTIVITY_REFERENCES = {"region": Region, "organizations": Organization}


@router.get("/activities", response=list[ActivityOut], tags=["activities"])
@paginate(Pagination)
def list_activities(request, filters: Query[ActivityFilter]):
    activities = _in_network(Activity.objects.visible_to(request.auth), filters)
    if filters.kind:
        activities = activities.filter(kind=filters.kind)
    if filters.start_after:
        activities = activities.filter(start__gte=filters.start_after)
    if filters.start_before:
        activities = activities.filter(start__lte=filters.start_before)
    if filters.q:
        activities = activities.filter(
            Q(title__icontains=filters.q)
            | Q(place__icontains=filters.q)
            | Q(notes__icontains=filters.q)
        )
    activities = activities.prefetch_related("organizations")
    return apply_ordering(activities, filters.ordering, ("start", "title", "kind", "updated_at"))


@router.get("/activities/{activity_id}", response=ActivityOut, tags=["activities"])
def get_activity(request, activity_id: int):
    return visible_or_404(Activity, request, activity_id)


@router.post("/activities", response={201: ActivityOut}, tags=["activities"])
def create_activity(request, payload: ActivityIn):
    data = _editable_network(request, payload.dict())
    data = resolve_references(request, data, ACTIVITY_REFERENCES)
    return Status(201, save(Activity(), data, request, "networks.activity"))


@router.patch("/activities/{activity_id}", response=ActivityOut, tags=["activities"])
def update_activity(request, activity_id: int, payload: PatchDict[ActivityUpdate]):
    activity = editable_or_403(Activity, request, NETWORKS_EDIT, activity_id)
    data = resolve_references(request, payload, ACTIVITY_REFERENCES)
    return save(activity, data, request, "networks.activity")
