"""REST endpoints of needs: waves, protected analysis tables, gap report, matching.

Scoped like the UI: waves are seen with ``needs.view``/``needs.manage`` on the network;
every number comes from the same service as the pages, so the privacy rules apply here
too (hidden cells carry ``null`` and ``hidden: true``).
"""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from verbund.api.crud import user_of, visible_or_404
from verbund.core.api_schemas import InputSchema
from verbund.core.models import Region, Topic
from verbund.core.services import access
from verbund.needs import choices
from verbund.needs.models import Response, Wave
from verbund.needs.permissions import NEEDS_MANAGE
from verbund.needs.services import analysis, gap_store, gaps, offers_for
from verbund.needs.services.matching import NeedProfile

router = Router(tags=["needs"])


class NeedsWaveOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    title: str
    status: str
    opens_on: datetime.date | None
    closes_on: datetime.date | None


class NeedsCellOut(Schema):
    key: list
    label: str
    hidden: bool
    companies: int | None
    employees: int | None
    needs: int | None


class TableOut(Schema):
    dimension: str
    rows: list[NeedsCellOut]
    total: NeedsCellOut
    # true when the filtered population is too small: no row, not even its key, is listed
    withheld: bool = False


class AnalysisQuery(Schema):
    group: str = "district"
    district: int | None = None
    sector: str = ""
    size: str = ""
    topic: int | None = None
    target_group: str = ""


class GapOut(Schema):
    district: str
    district_id: int
    topic: str
    topic_id: int
    target_group: str
    horizon: int
    demand: float
    supply: int
    gap: float
    companies: int
    wishes: dict


class GapsOut(Schema):
    rows: list[GapOut]
    withheld: int


class GapsPendingOut(Schema):
    """The report is being computed in the background: ask again in a few seconds."""

    status: str
    progress: float
    message: str


class MatchIn(InputSchema):
    """A need described directly, or ``case_id`` / ``response_id`` to match stored needs."""

    topic_id: int | None = None
    text: str = Field("", max_length=500)
    district_id: int | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    target_group: str = ""
    format: str = ""
    time_of_day: str = ""
    budget_per_person: Decimal | None = Field(None, ge=0)
    urgency: int = 12
    funding: list[str] = []
    case_id: int | None = None
    response_id: int | None = None
    limit: int = Field(10, ge=1, le=50)


class ReasonOut(Schema):
    code: str
    points: int
    text: str


class MatchOut(Schema):
    need: str
    offer_id: int
    title: str
    provider: str
    run_id: int | None
    start_date: datetime.date | None
    score: int
    reasons: list[ReasonOut]


def _cell(row) -> dict:
    return {**row, "key": list(row["key"])}


@router.get("/needs/waves", response=list[NeedsWaveOut])
def list_waves(request):
    return Wave.objects.visible_to(user_of(request)).order_by("-pk")


@router.get("/needs/waves/{wave_id}", response=NeedsWaveOut)
def get_wave(request, wave_id: int):
    return visible_or_404(Wave, request, wave_id)


@router.get("/needs/waves/{wave_id}/analysis", response=TableOut)
def wave_analysis(request, wave_id: int, query: Query[AnalysisQuery]):
    wave = visible_or_404(Wave, request, wave_id)
    dim = query.group if query.group in choices.DIMENSIONS else "district"
    table = analysis.by_dimension(wave, dim, analysis.Filters.from_mapping(query.dict()))
    return {
        "dimension": dim,
        "rows": [_cell(r) for r in table["rows"]],
        "total": _cell(table["total"]),
        "withheld": table["withheld"],
    }


@router.get("/needs/waves/{wave_id}/gaps", response={200: GapsOut, 202: GapsPendingOut})
def wave_gaps(request, wave_id: int, horizon: int = 12, by_target_group: bool = True):
    """The stored gap report; 202 while the background job computes it (GET again)."""
    wave = visible_or_404(Wave, request, wave_id)
    params = gap_store.params_for(wave, by_target_group=by_target_group)
    report = gap_store.report_for(wave, params, user_of(request), "")
    if not isinstance(report, gap_store.StoredReport):
        return Status(
            202,
            {"status": report.status, "progress": report.progress, "message": report.message},
        )
    shown, withheld = gaps.published(report.rows)
    rows = [
        {**row.__dict__, "gap": row.gap}
        for row in shown
        if row.horizon == (horizon if horizon in gaps.HORIZONS else 12)
    ]
    return {"rows": rows, "withheld": withheld}


def _as_out(label, matches):
    return [
        {**match.__dict__, "need": label, "reasons": [reason.__dict__ for reason in match.reasons]}
        for match in matches
    ]


@router.post("/needs/match", response=list[MatchOut])
def match(request, payload: MatchIn):
    """Rank offers for a need; every result carries the reasons that make up its score."""
    user = user_of(request)
    if payload.case_id is not None:
        from verbund.advice.models import Case
        from verbund.advice.services.cases import recommendations_for

        case = get_object_or_404(Case.objects.visible_to(user), pk=payload.case_id)
        return [
            item
            for need, found in recommendations_for(case, payload.limit)
            for item in _as_out(str(need), found)
        ]
    if payload.response_id is not None:
        response = get_object_or_404(Response.objects.visible_to(user), pk=payload.response_id)
        access.require(user, NEEDS_MANAGE, response.wave)
        return [
            item
            for need, found in offers_for.match_response(response, payload.limit)
            for item in _as_out(str(need), found)
        ]
    district = (
        Region.objects.filter(pk=payload.district_id).first() if payload.district_id else None
    )
    lat, lon = payload.lat, payload.lon
    if (lat is None or lon is None) and district is not None:
        lat, lon = district.lat, district.lon
    topic = Topic.objects.filter(pk=payload.topic_id).first() if payload.topic_id else None
    profile = NeedProfile(
        topic_id=topic.pk if topic else None,
        related_topic_ids=offers_for.related_topic_ids(topic.pk if topic else None),
        text=" ".join(filter(None, [payload.text, topic.label_de if topic else ""])),
        lat=lat,
        lon=lon,
        target_group=payload.target_group,
        format=payload.format,
        time_of_day=payload.time_of_day,
        budget=payload.budget_per_person,
        urgency_months=payload.urgency if payload.urgency in (6, 12, 24) else 12,
        funding=frozenset(payload.funding),
    )
    return _as_out(str(topic or payload.text), offers_for.match(profile, payload.limit))
