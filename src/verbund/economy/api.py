"""REST endpoints of the business-climate survey: waves, protected figures, report versions.

Figures come from the same service as the report pages; hidden cells carry ``null`` and
``hidden: true`` with the reason, never a number. Published versions are readable by
every API user (they are public on the site too).
"""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from verbund.api.crud import user_of, visible_or_404
from verbund.core.models import Organization
from verbund.economy.models import ReportVersion, Wave
from verbund.economy.services import figures

router = Router(tags=["economy"])


class WaveOut(Schema):
    id: int
    network: int = Field(alias="network_id")
    year: int
    season: int
    label: str
    status: str
    opens_on: datetime.date | None
    closes_on: datetime.date | None


class CellOut(Schema):
    group: str
    label: str
    hidden: bool
    reason: str
    firms: int | None
    lage: float | None
    erwartungen: float | None
    klima: float | None
    balances: dict[str, float | None]
    risks: dict[str, float | None]


class FiguresOut(Schema):
    wave: str
    total: CellOut
    tables: dict[str, list[CellOut]]
    series: list[CellOut]


class VersionOut(Schema):
    id: int
    report: int = Field(alias="report_id")
    number: int
    published_at: datetime.datetime
    title: str
    wave: str
    scope: str

    @staticmethod
    def resolve_title(obj):
        return obj.snapshot.get("title", "")

    @staticmethod
    def resolve_wave(obj):
        return obj.snapshot.get("wave", "")

    @staticmethod
    def resolve_scope(obj):
        return obj.snapshot.get("scope", "")


class VersionDetailOut(VersionOut):
    texts: dict[str, str]
    figures: FiguresOut

    @staticmethod
    def resolve_texts(obj):
        return obj.snapshot.get("texts", {})

    @staticmethod
    def resolve_figures(obj):
        return obj.snapshot.get("figures", {})


@router.get("/economy/waves", response=list[WaveOut])
def list_waves(request):
    return Wave.objects.visible_to(user_of(request)).order_by("-year", "-season")


@router.get("/economy/waves/{wave_id}", response=WaveOut)
def get_wave(request, wave_id: int):
    return visible_or_404(Wave, request, wave_id)


@router.get("/economy/waves/{wave_id}/figures", response=FiguresOut)
def wave_figures(request, wave_id: int, chamber: int | None = None):
    """The wave's current figures, joint or of one chamber of the network (protected)."""
    wave = visible_or_404(Wave, request, wave_id)
    if chamber is not None:
        get_object_or_404(
            Organization.objects.filter(memberships__network_id=wave.network_id).distinct(),
            pk=chamber,
        )
    return figures.report_figures(wave, chamber)


@router.get("/economy/report-versions", response=list[VersionOut])
def list_versions(request):
    return ReportVersion.objects.visible_to(user_of(request)).order_by("-published_at")[:200]


@router.get("/economy/report-versions/{version_id}", response=VersionDetailOut)
def get_version(request, version_id: int):
    return visible_or_404(ReportVersion, request, version_id)
