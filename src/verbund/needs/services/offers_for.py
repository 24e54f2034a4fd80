"""Load needs and candidate offers from the database for ``matching.rank``."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from verbund.core.services import topics as taxonomy
from verbund.courses.models import Offer, Run
from verbund.needs.services.matching import Candidate, Match, NeedProfile, RunInfo, rank, words

MAX_CANDIDATES = 3000  # offers scored per need (newest first within the topic family)


def related_topic_ids(topic_id: int | None) -> frozenset:
    """Subtopics (all levels) and the parent of a topic: the shared taxonomy rule."""
    return taxonomy.related_ids(topic_id)


def place_of(organization=None, district=None) -> tuple[float | None, float | None]:
    for holder in (organization, district):
        if holder is not None and holder.lat is not None and holder.lon is not None:
            return holder.lat, holder.lon
    return None, None


def profile(need, *, organization=None, district=None, funding=(), today=None) -> NeedProfile:
    """A NeedProfile from a survey Need or a case need (both have NeedFields)."""
    lat, lon = place_of(organization, district)
    return NeedProfile(
        topic_id=need.topic_id,
        related_topic_ids=related_topic_ids(need.topic_id),
        text=" ".join(filter(None, [need.details, need.topic.label_de if need.topic_id else ""])),
        lat=lat,
        lon=lon,
        target_group=need.target_group,
        format=need.format,
        time_of_day=need.time_of_day,
        budget=need.budget_per_person,
        urgency_months=need.urgency,
        funding=frozenset(funding),
        today=today or timezone.localdate(),
    )


def candidates(need: NeedProfile, limit: int = MAX_CANDIDATES) -> list[Candidate]:
    offers = Offer.objects.filter(status=Offer.Status.ACTIVE)
    family = {need.topic_id, *need.related_topic_ids} - {None}
    if family:
        offers = offers.filter(topics__in=family)
    else:
        terms = sorted(words(need.text), key=len, reverse=True)[:3]
        if not terms:
            return []
        condition = Q()
        for term in terms:
            condition |= Q(title__icontains=term) | Q(description__icontains=term)
        offers = offers.filter(condition)
    upcoming = Run.objects.upcoming(need.today)
    offers = offers.filter(pk__in=upcoming.values("offer")).distinct().order_by("-pk")[:limit]
    rows = list(
        offers.values(
            "pk",
            "title",
            "description",
            "keywords",
            "target_groups",
            "price",
            "funding",
            "format",
            "time_of_day",
            "provider__name",
        )
    )
    ids = [row["pk"] for row in rows]
    topics: dict[int, set] = {}
    for offer_id, topic_id in Offer.topics.through.objects.filter(offer_id__in=ids).values_list(
        "offer_id", "topic_id"
    ):
        topics.setdefault(offer_id, set()).add(topic_id)
    runs: dict[int, list[RunInfo]] = {}
    by_offer = {row["pk"]: row for row in rows}
    for run in upcoming.filter(offer_id__in=ids).values(
        "pk", "offer_id", "start_date", "format", "time_of_day", "lat", "lon", "flexible_start"
    ):
        offer = by_offer[run["offer_id"]]
        runs.setdefault(run["offer_id"], []).append(
            RunInfo(
                run_id=run["pk"],
                start_date=run["start_date"],
                format=run["format"] or offer["format"],
                time_of_day=run["time_of_day"] or offer["time_of_day"],
                lat=run["lat"],
                lon=run["lon"],
                flexible=run["flexible_start"],
            )
        )
    return [
        Candidate(
            offer_id=row["pk"],
            title=row["title"],
            provider=row["provider__name"],
            topic_ids=frozenset(topics.get(row["pk"], ())),
            text=" ".join(
                [row["title"], row["description"][:2000], " ".join(row["keywords"] or [])]
            ),
            target_groups=tuple(row["target_groups"] or ()),
            price=row["price"],
            funding=tuple(row["funding"] or ()),
            runs=tuple(runs.get(row["pk"], ())),
        )
        for row in rows
    ]


def match(need: NeedProfile, limit: int = 20) -> list[Match]:
    return rank(need, candidates(need), limit)


def match_response(response, limit: int = 10) -> list[tuple[object, list[Match]]]:
    """A company's whole response: the best offers for each of its needs."""
    return [
        (
            need,
            match(
                profile(
                    need,
                    organization=response.organization,
                    district=response.district,
                    funding=response.funding_awareness,
                ),
                limit,
            ),
        )
        for need in response.needs.select_related("topic")
    ]
