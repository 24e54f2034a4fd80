"""Verbundpartner finden: gaps of one company, ranked partner sets, contact requests."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.apprenticeship.models import PartnerRequest, Station, TrainingProfile
from verbund.apprenticeship.services.training import gaps
from verbund.apprenticeship.solver import partners as finder
from verbund.apprenticeship.solver.model import Location
from verbund.core.services import audit

MAX_KM = 80.0


def offers_for(profile: TrainingProfile, positions=None) -> list[finder.Offer]:
    """Active stations of other organizations for this occupation that have a location (only
    for the position codes ``positions`` where given: the gaps of the company)."""
    stations = Station.objects.filter(active=True, position__plan__occupation=profile.occupation)
    if positions is not None:
        stations = stations.filter(position__code__in=list(positions))
    stations = stations.exclude(organization=profile.organization).select_related(
        "organization", "position"
    )
    offers = []
    for station in stations:
        where = station.location
        if where is None:
            continue
        offers.append(
            finder.Offer(
                station=str(station.pk),
                partner=str(station.organization_id),
                position=station.position.code,
                location=Location(*where),
                cost_per_week=float(station.cost_per_week),
                max_weeks=station.max_weeks,
                capacity=station.capacity,
            )
        )
    return offers


def find_partners(profile: TrainingProfile, max_km: float = MAX_KM, results: int = 5):
    """The ranked partner sets for ``profile``; ValidationError when the company has no location."""
    org = profile.organization
    if org.lat is None or org.lon is None:
        raise ValidationError(
            _("Für %(organization)s ist kein Standort hinterlegt.") % {"organization": org}
        )
    position_gaps = gaps(profile)
    search = finder.find(
        Location(org.lat, org.lon),
        [finder.Gap(g.position.code, g.year, g.weeks) for g in position_gaps],
        offers_for(profile, {g.position.code for g in position_gaps if g.weeks > 0}),
        max_km=max_km,
        results=results,
    )
    return position_gaps, search


@transaction.atomic
def request_partner(
    profile: TrainingProfile, partner, station_ids: list[int], weeks: int, message: str, user
):
    stations = list(Station.objects.filter(pk__in=station_ids, organization=partner, active=True))
    if not stations:
        raise ValidationError(_("Der Partner bietet keine der gewählten Stationen (mehr) an."))
    if PartnerRequest.objects.filter(
        requester=profile.organization,
        partner=partner,
        occupation=profile.occupation,
        status=PartnerRequest.Status.PENDING,
    ).exists():
        raise ValidationError(_("An diesen Partner ist bereits eine offene Anfrage gestellt."))
    request = PartnerRequest.objects.create(
        requester=profile.organization,
        partner=partner,
        occupation=profile.occupation,
        weeks=max(0, weeks),
        message=message,
        created_by=user,
    )
    request.stations.set(stations)
    audit.record(
        request,
        "apprenticeship.partner_request.created",
        user=user,
        data={"stations": station_ids, "weeks": weeks},
    )
    return request


@transaction.atomic
def decide(request: PartnerRequest, accept: bool, answer: str, user) -> PartnerRequest:
    """The partner accepts or declines; only an open request can be decided."""
    locked = PartnerRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != PartnerRequest.Status.PENDING:
        raise ValidationError(_("Diese Anfrage ist bereits beantwortet."))
    locked.status = PartnerRequest.Status.ACCEPTED if accept else PartnerRequest.Status.DECLINED
    locked.answer = answer
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "answer", "decided_by", "decided_at"])
    audit.record(
        locked, f"apprenticeship.partner_request.{'accepted' if accept else 'declined'}", user=user
    )
    return locked
