"""Counselling cases: who may counsel, recommendations with reasons, worklists, demand."""

import datetime

from django.db import transaction
from django.utils import timezone

from verbund.advice.models import Advisor, Case, CaseNeed, Office, Recommendation
from verbund.advice.permissions import ADVICE_COUNSEL
from verbund.core.services import audit
from verbund.needs.services import offers_for

WORKLIST_DAYS_AHEAD = 7  # follow-ups due within a week show up in the worklist


def counselling_offices(user):
    """Offices where ``user`` may record cases: advisor there, or ``advice.counsel`` for it."""
    if not user.is_authenticated:
        return Office.objects.none()
    by_perm = Office.objects.with_perm(user, ADVICE_COUNSEL).values("pk")
    as_advisor = Advisor.objects.filter(user=user, active=True).values("office")
    return Office.objects.filter(pk__in=by_perm) | Office.objects.filter(pk__in=as_advisor)


def may_counsel(user, office) -> bool:
    return counselling_offices(user).filter(pk=office.pk).exists()


def profile_for(need: CaseNeed):
    case = need.case
    return offers_for.profile(need, organization=case.organization, district=case.district)


def recommendations_for(case: Case, limit: int = 8):
    """For each need of the case: the ranked offers with their reasons."""
    return [
        (need, offers_for.match(profile_for(need), limit))
        for need in case.needs.select_related("topic", "case")
    ]


@transaction.atomic
def recommend(case: Case, offer, need: CaseNeed | None, user) -> Recommendation:
    """Store an offer as recommended, with the score and reasons the matching gives now."""
    score, reasons = 0, []
    if need is not None:
        candidates = [c for c in offers_for.candidates(profile_for(need)) if c.offer_id == offer.pk]
        if candidates:
            from verbund.needs.services.matching import score_offer

            found = score_offer(profile_for(need), candidates[0])
            score, reasons = found.score, [r.source or r.text for r in found.reasons]
    recommendation, _created = Recommendation.objects.update_or_create(
        case=case, offer=offer, defaults={"need": need, "score": score, "reasons": reasons}
    )
    audit.record(
        case, "advice.case.recommended", user=user, data={"offer": offer.pk, "score": score}
    )
    return recommendation


def worklist(user, today: datetime.date | None = None):
    """The user's open cases with a follow-up due within WORKLIST_DAYS_AHEAD (overdue first)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=WORKLIST_DAYS_AHEAD)
    return (
        Case.objects.visible_to(user)
        .filter(advisor=user, outcome=Case.Outcome.OPEN, follow_up_on__lte=horizon)
        .select_related("office", "organization", "person")
        .order_by("follow_up_on", "pk")
    )


def case_key(organization_id, person_id, case_id) -> str:
    """The same company key as survey answers, so one company counts once in a cell."""
    if organization_id:
        return f"o{organization_id}"
    if person_id:
        return f"p{person_id}"
    return f"c{case_id}"
