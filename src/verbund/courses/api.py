"""REST endpoints of the course database.

``GET /courses/search`` is public (no token): the same search as the web page. Offers
and runs are read by everyone signed in (public offers) and by the provider's own people
(all of theirs); they are changed by holders of ``courses.edit_own`` on the provider,
exactly as in the UI.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import PatchDict, Query, Router, Status
from ninja.pagination import paginate

from verbund.api.crud import Pagination, apply_ordering, editable_or_403, visible_or_404
from verbund.api.errors import Conflict, django_errors, is_unique_violation
from verbund.core.models import Organization, Topic
from verbund.core.services import access, rate_limits
from verbund.core.services.jsonld import absolute
from verbund.courses.api_schemas import (
    CourseRunIn,
    CourseRunOut,
    OfferFilter,
    OfferIn,
    OfferOut,
    SearchFilter,
    SearchOut,
)
from verbund.courses.models import Offer, Run
from verbund.courses.permissions import COURSES_EDIT_OWN
from verbund.courses.services import offers as offer_service
from verbund.courses.services import search as search_service
from verbund.courses.services.indexing import IndexUnavailable

router = Router(tags=["courses"])


@router.get("/courses/search", response=SearchOut, auth=None)
def search_courses(request, filters: Query[SearchFilter]):
    """Volltextsuche mit allen Filtern, Facetten und Sortierung (öffentlich)."""
    rate_limits.check_api(request, "courses.search", count=60, per=60)
    params = {
        name: [str(v) for v in value] if isinstance(value, list) else [str(value)]
        for name, value in filters.dict().items()
        if value not in (None, "", [], False)
    }
    parsed = search_service.parse_params(params)
    try:
        result, items = search_service.search(parsed.request, dropped=parsed.dropped_words)
    except IndexUnavailable:
        from ninja.errors import HttpError

        raise HttpError(503, _("Die Suche ist vorübergehend nicht verfügbar.")) from None
    data = {
        "total": result.total,
        "page": result.page,
        "page_size": result.page_size,
        "facets_exact": result.facets_exact,
        "facets": {
            dimension: [{"value": v, "label": label, "count": c} for v, label, c in values]
            for dimension, values in search_service.facet_labels(result.facets).items()
        },
        "items": [
            {
                "id": item.offer.pk,
                "title": item.offer.title,
                "title_html": item.title_html,
                "description_html": item.description_html,
                "provider": item.offer.provider_id,
                "provider_name": item.offer.provider.name,
                "format": item.offer.format,
                "next_start": item.next_start,
                "price": item.price,
                "distance_km": item.distance_km,
                "has_upcoming_runs": not item.dormant,
                "url": absolute(item.offer.get_absolute_url()),
            }
            for item in items
        ],
        "errors": parsed.errors,
        "place_from_text": parsed.place_from_text,
        "dropped_words": parsed.dropped_words,
    }
    # The dict already has SearchOut's shape and types (tests validate it): rendered
    # directly, it skips ninja's response validation, ~4 ms for ~2,000 facet values.
    from verbund.api.api import api  # the router's API (imports this module)

    return api.create_response(request, data, status=200)


# Offers -------------------------------------------------------------------------------


def _offer_data(request, data: dict) -> dict:
    """Resolve provider (needs courses.edit_own) and topic codes; 422 for unknown ones."""
    data = dict(data)
    errors = {}
    if "provider" in data:
        provider = Organization.objects.filter(pk=data["provider"]).first()
        if provider is None:
            errors["provider"] = [_("Unbekannte ID: %(ids)s") % {"ids": data["provider"]}]
        elif not access.has_perm(request.auth, COURSES_EDIT_OWN, provider):
            raise PermissionDenied(COURSES_EDIT_OWN)
        data["provider"] = provider
    if "topics" in data:
        codes = data["topics"] or []
        topics = {t.code: t for t in Topic.objects.filter(code__in=codes)}
        missing = [code for code in codes if code not in topics]
        if missing:
            errors["topics"] = [_("Unbekanntes Thema: %(codes)s") % {"codes": ", ".join(missing)}]
        data["topics"] = [topics[c] for c in codes if c in topics]
    if errors:
        raise ValidationError(errors)
    return data


def _save(function, *args):
    try:
        return function(*args)
    except ValidationError as exc:
        if is_unique_violation(exc):
            raise Conflict(django_errors(exc)) from exc
        raise


@router.get("/courses/offers", response=list[OfferOut])
@paginate(Pagination)
def list_offers(request, filters: Query[OfferFilter]):
    offers = (
        Offer.objects.with_perm(request.auth, COURSES_EDIT_OWN)
        if filters.mine
        else Offer.objects.visible_to(request.auth)
    ).prefetch_related("topics")
    if filters.provider:
        offers = offers.filter(provider=filters.provider)
    if filters.status:
        offers = offers.filter(status=filters.status)
    if filters.q:
        offers = offers.filter(Q(title__icontains=filters.q) | Q(external_id=filters.q))
    return apply_ordering(offers, filters.ordering, ("title", "updated_at", "external_id"))


@router.get("/courses/offers/{offer_id}", response=OfferOut)
def get_offer(request, offer_id: int):
    return visible_or_404(Offer, request, offer_id)


@router.post("/courses/offers", response={201: OfferOut})
def create_offer(request, payload: OfferIn):
    data = _offer_data(request, payload.dict())
    return Status(201, _save(offer_service.save_offer, Offer(), data, request.auth, "api"))


@router.patch("/courses/offers/{offer_id}", response=OfferOut)
def update_offer(request, offer_id: int, payload: PatchDict[OfferIn]):
    offer = editable_or_403(Offer, request, COURSES_EDIT_OWN, offer_id)
    data = _offer_data(request, payload)
    return _save(offer_service.save_offer, offer, data, request.auth, "api")


@router.delete("/courses/offers/{offer_id}", response={204: None})
def delete_offer(request, offer_id: int):
    offer = editable_or_403(Offer, request, COURSES_EDIT_OWN, offer_id)
    offer_service.delete_offer(offer, request.auth)
    return Status(204, None)


# Runs ---------------------------------------------------------------------------------


@router.get("/courses/offers/{offer_id}/runs", response=list[CourseRunOut])
def list_runs(request, offer_id: int):
    offer = visible_or_404(Offer, request, offer_id)
    return list(offer.runs.all())


@router.post("/courses/offers/{offer_id}/runs", response={201: CourseRunOut})
def create_run(request, offer_id: int, payload: CourseRunIn):
    offer = editable_or_403(Offer, request, COURSES_EDIT_OWN, offer_id)
    run = Run(offer=offer)
    return Status(201, _save(offer_service.save_run, run, payload.dict(), request.auth, "api"))


def _run_for_edit(request, run_id):
    run = get_object_or_404(Run.objects.visible_to(request.auth), pk=run_id)
    editable_or_403(Offer, request, COURSES_EDIT_OWN, run.offer_id)
    return run


@router.patch("/courses/runs/{run_id}", response=CourseRunOut)
def update_run(request, run_id: int, payload: PatchDict[CourseRunIn]):
    run = _run_for_edit(request, run_id)
    return _save(offer_service.save_run, run, dict(payload), request.auth, "api")


@router.delete("/courses/runs/{run_id}", response={204: None})
def delete_run(request, run_id: int):
    run = _run_for_edit(request, run_id)
    offer_service.delete_run(run, request.auth)
    return Status(204, None)
