"""REST endpoints of core: regions and topics (reference data), organizations, people.

Regions and topics are readable by every signed-in user and changed by superusers only
(``PublicQuerySet.with_perm``). Organizations and people need ``organizations.edit`` on
the organization.
"""

from django.core.exceptions import ValidationError
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
from verbund.core.api_schemas import (
    OrganizationFilter,
    OrganizationIn,
    OrganizationOut,
    PersonFilter,
    PersonIn,
    PersonOut,
    RegionFilter,
    RegionIn,
    RegionOut,
    TopicFilter,
    TopicIn,
    TopicOut,
)
from verbund.core.models import Organization, Person, Region, Topic
from verbund.core.permissions import ORGANIZATIONS_EDIT
from verbund.core.services import access

router = Router()

# Reference data has no named permission: PublicQuerySet.with_perm admits superusers only.
REFERENCE_DATA = None


# Regions ------------------------------------------------------------------------------


@router.get("/regions", response=list[RegionOut], tags=["regions"])
@paginate(Pagination)
def list_regions(request, filters: Query[RegionFilter]):
    regions = Region.objects.visible_to(request.auth)
    if filters.kind:
        regions = regions.filter(kind=filters.kind)
    if filters.country:
        regions = regions.filter(country__iexact=filters.country)
    if filters.q:
        regions = regions.filter(Q(name__icontains=filters.q) | Q(code__startswith=filters.q))
    return apply_ordering(regions, filters.ordering, ("name", "kind", "country", "code"))


@router.get("/regions/{region_id}", response=RegionOut, tags=["regions"])
def get_region(request, region_id: int):
    return visible_or_404(Region, request, region_id)


@router.post("/regions", response={201: RegionOut}, tags=["regions"])
def create_region(request, payload: RegionIn):
    require_any(request, request.auth.is_superuser)
    data = resolve_references(request, payload.dict(), {"parent": Region})
    return Status(201, save(Region(), data, request, "core.region"))


@router.patch("/regions/{region_id}", response=RegionOut, tags=["regions"])
def update_region(request, region_id: int, payload: PatchDict[RegionIn]):
    region = editable_or_403(Region, request, REFERENCE_DATA, region_id)
    data = resolve_references(request, payload, {"parent": Region})
    return save(region, data, request, "core.region")


# Topics (Themenkatalog) ---------------------------------------------------------------


@router.get("/topics", response=list[TopicOut], tags=["topics"])
@paginate(Pagination)
def list_topics(request, filters: Query[TopicFilter]):
    topics = Topic.objects.visible_to(request.auth)
    if filters.parent:
        topics = topics.filter(parent=filters.parent)
    if filters.q:
        topics = topics.filter(
            Q(code__icontains=filters.q)
            | Q(label_de__icontains=filters.q)
            | Q(label_en__icontains=filters.q)
            | Q(label_fr__icontains=filters.q)
        )
    return apply_ordering(topics, filters.ordering, ("code", "label_de", "label_en", "label_fr"))


@router.get("/topics/{topic_id}", response=TopicOut, tags=["topics"])
def get_topic(request, topic_id: int):
    return visible_or_404(Topic, request, topic_id)


@router.post("/topics", response={201: TopicOut}, tags=["topics"])
def create_topic(request, payload: TopicIn):
    require_any(request, request.auth.is_superuser)
    data = resolve_references(request, payload.dict(), {"parent": Topic})
    return Status(201, save(Topic(), data, request, "core.topic"))


@router.patch("/topics/{topic_id}", response=TopicOut, tags=["topics"])
def update_topic(request, topic_id: int, payload: PatchDict[TopicIn]):
    topic = editable_or_403(Topic, request, REFERENCE_DATA, topic_id)
    data = resolve_references(request, payload, {"parent": Topic})
    return save(topic, data, request, "core.topic")


# Organizations ------------------------------------------------------------------------

ORGANIZATION_REFERENCES = {"region": Region, "parent": Organization}


@router.get("/organizations", response=list[OrganizationOut], tags=["organizations"])
@paginate(Pagination)
def list_organizations(request, filters: Query[OrganizationFilter]):
    organizations = Organization.objects.visible_to(request.auth)
    if filters.kind:
        organizations = organizations.filter(kind=filters.kind)
    if filters.region:
        organizations = organizations.filter(region=filters.region)
    if filters.q:
        organizations = organizations.filter(
            Q(name__icontains=filters.q)
            | Q(short_name__icontains=filters.q)
            | Q(city__icontains=filters.q)
        )
    return apply_ordering(
        organizations, filters.ordering, ("name", "kind", "city", "postcode", "updated_at")
    )


@router.get("/organizations/{organization_id}", response=OrganizationOut, tags=["organizations"])
def get_organization(request, organization_id: int):
    return visible_or_404(Organization, request, organization_id)


@router.post("/organizations", response={201: OrganizationOut}, tags=["organizations"])
def create_organization(request, payload: OrganizationIn):
    """Anyone holding ``organizations.edit`` for some organization may add new ones."""
    require_any(request, access.has_perm(request.auth, ORGANIZATIONS_EDIT))
    data = resolve_references(request, payload.dict(), ORGANIZATION_REFERENCES)
    return Status(201, save(Organization(), data, request, "core.organization"))


@router.patch("/organizations/{organization_id}", response=OrganizationOut, tags=["organizations"])
def update_organization(request, organization_id: int, payload: PatchDict[OrganizationIn]):
    organization = editable_or_403(Organization, request, ORGANIZATIONS_EDIT, organization_id)
    data = resolve_references(request, payload, ORGANIZATION_REFERENCES)
    return save(organization, data, request, "core.organization")


# People -------------------------------------------------------------------------------


def _person_organization(request, data: dict) -> dict:
    """Resolve ``organization`` and require ``organizations.edit`` on it."""
    if "organization" in data and data["organization"] is None:
        raise ValidationError({"organization": [_("Dieses Feld ist erforderlich.")]})
    data = resolve_references(request, data, {"organization": Organization})
    if "organization" in data:
        require_any(request, can(Organization, request, ORGANIZATIONS_EDIT, data["organization"]))
    return data


@router.get("/people", response=list[PersonOut], tags=["people"])
@paginate(Pagination)
def list_people(request, filters: Query[PersonFilter]):
    people = Person.objects.visible_to(request.auth)
    if filters.organization:
        people = people.filter(organization=filters.organization)
    if filters.q:
        people = people.filter(
            Q(first_name__icontains=filters.q)
            | Q(last_name__icontains=filters.q)
            | Q(function__icontains=filters.q)
        )
    return apply_ordering(people, filters.ordering, ("last_name", "first_name", "updated_at"))


@router.get("/people/{person_id}", response=PersonOut, tags=["people"])
def get_person(request, person_id: int):
    return visible_or_404(Person, request, person_id)


@router.post("/people", response={201: PersonOut}, tags=["people"])
def create_person(request, payload: PersonIn):
    data = _person_organization(request, payload.dict())
    return Status(201, save(Person(), data, request, "core.person"))


@router.patch("/people/{person_id}", response=PersonOut, tags=["people"])
def update_person(request, person_id: int, payload: PatchDict[PersonIn]):
    person = editable_or_403(Person, request, ORGANIZATIONS_EDIT, person_id)
    data = _person_organization(request, payload)
    return save(person, data, request, "core.person")
