"""Each party decides an agreement on its own (date and body); in force once all have.

Seed 003: the cooperation agreement of the two IHKs was decided by each chamber's general
assembly (Vollversammlung), on different dates. ``Agreement.decided_on`` keeps the date on
which the last party decided, so lists and the API keep one "in force since" date.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.networks.models import Agreement, PartyDecision


def in_force_since(agreement: Agreement) -> datetime.date | None:
    """The date of the last party's decision once every party has decided, else None."""
    parties = set(agreement.parties.values_list("pk", flat=True))
    decisions = {d.organization_id: d.decided_on for d in agreement.decisions.all()}
    if not parties or not parties <= set(decisions):
        return None
    return max(decisions[pk] for pk in parties)


def missing_parties(agreement: Agreement):
    decided = agreement.decisions.values("organization")
    return agreement.parties.exclude(pk__in=decided)


def record(agreement: Agreement, organization, decided_on, body: str, user) -> PartyDecision:
    """Record (or correct) one party's decision; audited on the agreement."""
    if not agreement.parties.filter(pk=organization.pk).exists():
        raise ValidationError(
            {"organization": _("Diese Organisation ist keine Partei der Vereinbarung.")}
        )
    if agreement.signed_on and decided_on > agreement.signed_on:
        raise ValidationError(
            {"decided_on": _("Der Beschluss kann nicht nach der Unterzeichnung liegen.")}
        )
    with transaction.atomic():
        decision, created = PartyDecision.objects.update_or_create(
            agreement=agreement,
            organization=organization,
            defaults={"decided_on": decided_on, "body": body.strip()},
        )
        since = in_force_since(agreement)
        if since is not None and agreement.decided_on != since:
            Agreement.objects.filter(pk=agreement.pk).update(decided_on=since)
            agreement.decided_on = since
        audit.record(
            agreement,
            "networks.agreement.party_decided",
            user=user,
            data={
                "organization": str(organization),
                "decided_on": decided_on.isoformat(),
                "body": decision.body,
            },
        )
    return decision
