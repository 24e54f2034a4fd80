"""Learning Agreement workflow (Erasmus Without Paper states).

draft --propose--> proposal --all three sign--> signed
signed/approved --change--> new version (change proposal) --all three sign--> approved;
the version it replaces is superseded only then, so a stay always has the agreement in
force that all parties last approved.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.core.services import audit
from verbund.mobility.models import LearningAgreement
from verbund.mobility.models.agreements import PARTIES

S = LearningAgreement.Status
CONTENT_FIELDS = ("learning_outcomes", "tasks", "sending_mentor", "host_mentor", "assessment")


def create(stay, user, **content) -> LearningAgreement:
    if stay.agreements.exists():
        raise ValidationError(_("Für diesen Aufenthalt gibt es schon eine Lernvereinbarung."))
    agreement = LearningAgreement(stay=stay, version=1, **content)
    agreement.full_clean()
    agreement.save()
    audit.record(agreement, "mobility.agreement.created", user=user)
    return agreement


def edit(agreement, user, **content) -> LearningAgreement:
    if agreement.status not in (S.DRAFT, S.CHANGE_PROPOSAL) or _any_signature(agreement):
        raise ValidationError(_("Nur ein Entwurf ohne Unterschriften kann geändert werden."))
    changes = {}
    for name, value in content.items():
        if getattr(agreement, name) != value:
            changes[name] = (getattr(agreement, name), value)
            setattr(agreement, name, value)
    agreement.full_clean()
    agreement.save()
    if changes:
        audit.record(agreement, "mobility.agreement.changed", user=user, changes=changes)
    return agreement


def _any_signature(agreement) -> bool:
    return any(agreement.signed_by(party) for party in PARTIES)


def propose(agreement, user) -> LearningAgreement:
    if agreement.status != S.DRAFT:
        raise ValidationError(_("Nur ein Entwurf kann zur Unterschrift vorgelegt werden."))
    agreement.status = S.PROPOSAL
    agreement.save(update_fields=["status"])
    audit.record(agreement, "mobility.agreement.proposed", user=user)
    return agreement


def sign(agreement, party: str, user) -> LearningAgreement:
    """Record one party's signature; with the third the version comes into force."""
    if party not in PARTIES:
        raise ValidationError(_("Unbekannte Vertragspartei."))
    if agreement.status not in (S.PROPOSAL, S.CHANGE_PROPOSAL):
        raise ValidationError(_("Diese Fassung liegt nicht zur Unterschrift vor."))
    if agreement.signed_by(party):
        raise ValidationError(_("Diese Partei hat bereits unterschrieben."))
    with transaction.atomic():
        setattr(agreement, f"{party}_signed_at", timezone.now())
        if all(agreement.signed_by(p) for p in PARTIES):
            if agreement.status == S.CHANGE_PROPOSAL:
                agreement.status = S.APPROVED
                agreement.stay.agreements.filter(version__lt=agreement.version).exclude(
                    status=S.SUPERSEDED
                ).update(status=S.SUPERSEDED)
            else:
                agreement.status = S.SIGNED
        agreement.save()
        audit.record(agreement, f"mobility.agreement.signed_{party}", user=user)
    return agreement


def change(agreement, user, reason: str, **content) -> LearningAgreement:
    """A new version that copies the one in force, with ``content`` changed."""
    if not agreement.in_force:
        raise ValidationError(_("Nur eine unterschriebene Fassung kann geändert werden."))
    if agreement.stay.agreements.filter(status=S.CHANGE_PROPOSAL).exists():
        raise ValidationError(_("Es liegt schon ein Änderungsvorschlag vor."))
    if not reason.strip():
        raise ValidationError(_("Bitte den Grund der Änderung angeben."))
    values = {name: getattr(agreement, name) for name in CONTENT_FIELDS}
    values.update(content)
    new = LearningAgreement(
        stay=agreement.stay,
        version=agreement.version + 1,
        status=S.CHANGE_PROPOSAL,
        change_reason=reason,
        **values,
    )
    new.full_clean()
    new.save()
    audit.record(
        new, "mobility.agreement.change_proposed", user=user, data={"replaces": agreement.version}
    )
    return new


def in_force(stay) -> LearningAgreement | None:
    return stay.agreements.filter(status__in=(S.SIGNED, S.APPROVED)).order_by("-version").first()
