"""Request and response shapes of the core API (regions, topics, organizations, people).

Related objects appear as ids (``region``, ``parent``, ``organization``); dates and
times are ISO 8601.
"""

from datetime import datetime

from ninja import Field, Schema

from verbund.api.schemas import InputSchema, ListFilter, named_choices
from verbund.core.models import Organization, Region

RegionKind = named_choices(Region.Kind, "RegionKind")
OrganizationKind = named_choices(Organization.Kind, "OrganizationKind")


class RegionOut(Schema):
    id: int
    name: str
    kind: RegionKind
    country: str
    code: str
    parent: int | None = Field(None, alias="parent_id")
    lat: float | None
    lon: float | None


class RegionIn(InputSchema):
    name: str
    kind: RegionKind
    country: str = "DE"
    code: str = ""
    parent: int | None = None
    lat: float | None = None
    lon: float | None = None


class RegionFilter(ListFilter):
    kind: RegionKind | None = None
    country: str | None = None


class TopicOut(Schema):
    id: int
    code: str
    parent: int | None = Field(None, alias="parent_id")
    label_de: str
    label_en: str
    label_fr: str
    synonyms: list[str]


class TopicIn(InputSchema):
    code: str
    label_de: str
    label_en: str
    label_fr: str
    parent: int | None = None
    synonyms: list[str] = []


class TopicFilter(ListFilter):
    parent: int | None = None


class OrganizationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: OrganizationKind
    wz_section: str
    size_class: str
    street: str
    postcode: str
    city: str
    country: str
    region: int | None = Field(None, alias="region_id")
    lat: float | None
    lon: float | None
    website: str
    email: str
    phone: str
    description: str
    parent: int | None = Field(None, alias="parent_id")
    created_at: datetime
    updated_at: datetime


class OrganizationIn(InputSchema):
    name: str
    kind: OrganizationKind
    short_name: str = ""
    wz_section: str = ""
    size_class: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "DE"
    region: int | None = None
    lat: float | None = None
    lon: float | None = None
    website: str = ""
    email: str = ""
    phone: str = ""
    description: str = ""
    parent: int | None = None


class OrganizationFilter(ListFilter):
    kind: OrganizationKind | None = None
    region: int | None = None


class PersonOut(Schema):
    """Contact data is personal data: only people the caller may see are ever returned."""

    id: int
    salutation: str
    first_name: str
    last_name: str
    full_name: str
    organization: int | None = Field(None, alias="organization_id")
    function: str
    email: str
    phone: str
    updated_at: datetime


class PersonIn(InputSchema):
    first_name: str
    last_name: str
    organization: int
    salutation: str = ""
    function: str = ""
    email: str = ""
    phone: str = ""


class PersonFilter(ListFilter):
    organization: int | None = None
