"""An application's way to a stay: the participant consents, the training company
approves, the vocational school is informed by mail."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from verbund.core.services import access, audit
from verbund.mobility.models import Application
from verbund.mobility.permissions import MOBILITY_APPROVE, MOBILITY_PLAN
from verbund.mobility.services import rules


def problems(application: Application) -> list[str]:
    """Rules the wished stay breaks before any matching (length, BBiG quarter)."""
    found = []
    error = rules.length_error(application.participant_type, application.days)
    if error:
        found.append(error)
    if application.participant_type in rules.LEARNER_TYPES:
        error = rules.quarter_error(
            rules.quarter_check(
                application.person,
                application.training_start,
                application.training_end,
                application.days,
            )
        )
        if error:
            found.append(error)
    return found


def record_consent(application: Application, user) -> Application:
    """The participant agrees to the stay and to passing their data to the host."""
    application.consent_at = timezone.now()
    if application.status == Application.Status.DRAFT:
        application.status = Application.Status.SUBMITTED
    application.save(update_fields=["consent_at", "status"])
    audit.record(application, "mobility.application.consented", user=user)
    return application


class NotApprovable(ValidationError):
    """The application is not (or no longer) waiting for the company's approval."""


def approve(application: Application, user) -> Application:
    """The training company releases its apprentice for the stay (the rules must hold).

    Only a submitted application moves to approved, under a row lock: ten parallel clicks
    approve once and mail the school once, and approving an application that already has
    its placement (matched) no longer puts it back (issue 24); the others get
    ``NotApprovable`` with the reason."""
    if not (
        access.has_perm(user, MOBILITY_APPROVE, application)
        or access.has_perm(user, MOBILITY_PLAN, application)
    ):
        raise PermissionError
    if application.consent_at is None:
        raise ValidationError(_("Die Einwilligung der/des Teilnehmenden fehlt noch."))
    found = problems(application)
    if found:
        raise ValidationError(found)
    with transaction.atomic():
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status != Application.Status.SUBMITTED:
            application.refresh_from_db()
            raise NotApprovable(_not_approvable_reason(current))
        current.company_approved_at = timezone.now()
        current.company_approved_by = user
        current.status = Application.Status.APPROVED
        current.save(update_fields=["company_approved_at", "company_approved_by", "status"])
        audit.record(current, "mobility.application.approved", user=user)
    inform_school(current, user)
    application.refresh_from_db()
    return application


def _not_approvable_reason(application: Application) -> str:
    status = Application.Status
    if application.status == status.APPROVED:
        return _("Die Bewerbung ist bereits freigegeben.")
    if application.status == status.MATCHED:
        return _("Die Bewerbung ist bereits freigegeben und hat einen Platz.")
    if application.status == status.WITHDRAWN:
        return _("Die Bewerbung wurde zurückgezogen.")
    return _("Die Bewerbung ist noch nicht eingereicht.")


def inform_school(application: Application, user) -> bool:
    """Mail the vocational school (False when it has no address)."""
    school = application.school
    if school is None or not school.email:
        return False
    with override("de"):
        subject = _("Auslandsaufenthalt von %(name)s") % {"name": application.person.full_name}
        body = _(
            "Guten Tag,\n\n%(name)s (%(occupation)s) plant einen Auslandsaufenthalt von "
            "%(days)s Tagen zwischen dem %(earliest)s und dem %(latest)s. Der "
            "Ausbildungsbetrieb %(company)s hat zugestimmt. Bitte berücksichtigen Sie die "
            "Abwesenheit im Berufsschulunterricht.\n\nMit freundlichen Grüßen\n%(sender)s"
        ) % {
            "name": application.person.full_name,
            "occupation": application.occupation.name,
            "days": application.days,
            "earliest": application.earliest.strftime("%d.%m.%Y"),
            "latest": application.latest.strftime("%d.%m.%Y"),
            "company": application.training_company.name,
            "sender": application.project.beneficiary.name,
        }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [school.email])
    application.school_informed_at = timezone.now()
    application.save(update_fields=["school_informed_at"])
    audit.record(
        application, "mobility.application.school_informed", user=user, data={"school": school.pk}
    )
    return True
