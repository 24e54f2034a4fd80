"""Request and response shapes of the course API (search, offers, runs)."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import BaseModel

from verbund.api.schemas import InputSchema, ListFilter
from verbund.courses.models import Certificate, Format, InstructionTime, TimeOfDay


class SearchFilter(Schema):
    q: str = ""
    topic: list[str] = Field(default_factory=list, description="Themen-Kürzel (Themenkatalog)")
    place: str = Field("", description="Ortsname, PLZ oder „Breite,Länge“")
    radius: float | None = Field(None, ge=1, le=1000, description="Umkreis in km (Standard 25)")
    region: list[str] = Field(default_factory=list, description="Regions-IDs")
    start_from: date | None = None
    start_to: date | None = None
    format: list[Format] = Field(default_factory=list)
    time_of_day: list[TimeOfDay] = Field(default_factory=list)
    funding: list[str] = Field(default_factory=list)
    target_group: list[str] = Field(default_factory=list)
    language: list[str] = Field(default_factory=list)
    provider: list[str] = Field(default_factory=list, description="Organisations-IDs")
    certificate: list[Certificate] = Field(default_factory=list)
    max_price: Decimal | None = Field(None, ge=0)
    sort: str = Field("relevance", pattern="^(relevance|start|price|distance)$")
    page: int = Field(1, ge=1, le=500)
    no_town: bool = Field(
        False, description="Einen Ortsnamen im Suchtext nicht als Ort, sondern als Wort suchen"
    )


# The search response is built from plain dicts: plain pydantic models skip ninja's
# per-object attribute getter, which cost ~20 ms for a response with 2,000 facet values.
class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class SearchHit(BaseModel):
    id: int
    title: str
    title_html: str
    description_html: str
    provider: int
    provider_name: str
    format: str
    next_start: date | None
    price: float | None
    distance_km: float | None
    has_upcoming_runs: bool
    url: str


class SearchOut(BaseModel):
    total: int
    page: int
    page_size: int
    facets_exact: bool
    facets: dict[str, list[FacetValue]]
    items: list[SearchHit]
    errors: dict[str, str]
    # A town recognised in ``q`` and used as the place ("Buchhaltung Hannover").
    place_from_text: str = ""
    # Words of ``q`` that found nothing and were left out.
    dropped_words: list[str] = []


class OfferOut(Schema):
    id: int
    provider: int = Field(alias="provider_id")
    external_id: str
    title: str
    description: str
    topics: list[str]
    keywords: list[str]
    target_groups: list[str]
    degree: str
    certificate: str
    language: str
    hours: int | None
    price: Decimal | None
    currency: str
    funding: list[str]
    measure_number: str
    instruction_code: int | None
    format: str
    instruction_time: str
    time_of_day: str
    min_participants: int | None
    max_participants: int | None
    contact_name: str
    contact_email: str
    contact_phone: str
    url: str
    status: str
    version: int
    updated_at: datetime

    @staticmethod
    def resolve_topics(obj):
        return [topic.code for topic in obj.topics.all()]


class OfferIn(InputSchema):
    provider: int
    external_id: str
    title: str
    description: str
    topics: list[str] = Field(default_factory=list, description="Themen-Kürzel")
    keywords: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    degree: str = ""
    certificate: Certificate | str = ""
    language: str = "de"
    hours: int | None = Field(None, ge=1)
    price: Decimal | None = Field(None, ge=0)
    currency: str = "EUR"
    funding: list[str] = Field(default_factory=list)
    measure_number: str = ""
    instruction_code: int | None = None
    format: Format
    instruction_time: InstructionTime | str = ""
    time_of_day: TimeOfDay | str = ""
    min_participants: int | None = Field(None, ge=1)
    max_participants: int | None = Field(None, ge=1)
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    url: str = ""
    status: str = "active"


class OfferFilter(ListFilter):
    provider: int | None = None
    status: str | None = None
    mine: bool = Field(False, description="nur Angebote, die ich bearbeiten darf")


class CourseRunOut(Schema):
    id: int
    offer: int = Field(alias="offer_id")
    external_id: str
    start_date: date | None
    end_date: date | None
    flexible_start: bool
    format: str
    time_of_day: str
    street: str
    postcode: str
    city: str
    lat: float | None
    lon: float | None
    region: int | None = Field(None, alias="region_id")
    seats_left: int | None


class CourseRunIn(InputSchema):
    external_id: str = ""
    start_date: date | None = None
    end_date: date | None = None
    flexible_start: bool = False
    format: Format | str = ""
    time_of_day: TimeOfDay | str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    seats_left: int | None = Field(None, ge=0)
