"""Dashboard tasks of Verbundausbildung: missing AEVO qualifications, open requests, approvals."""

from django.utils.translation import gettext as _

from verbund.apprenticeship.models import Contract, PartnerRequest, Station, Trainer
from verbund.apprenticeship.permissions import MANAGE_TRAINING
from verbund.core.services import access
from verbund.core.services.dashboard import Task, task_provider


@task_provider
def apprenticeship_tasks(user):
    if not user.is_authenticated or user.is_superuser:
        return []
    organizations = access.organizations_with(user, MANAGE_TRAINING)
    if not organizations:
        return []
    tasks = []
    for trainer in Trainer.objects.filter(
        organization__in=organizations, aevo_date__isnull=True
    ).select_related("person"):
        tasks.append(
            Task(
                _("AEVO-Nachweis fehlt: %(name)s") % {"name": trainer.person},
                trainer.get_absolute_url(),
                context=_(
                    "Ohne Nachweis darf die Person keine Ausbildungsabschnitte verantworten."
                ),
            )
        )
    for station in Station.objects.filter(
        organization__in=organizations, active=True
    ).select_related("position"):
        if not Trainer.objects.filter(
            organization=station.organization_id,
            positions=station.position,
            aevo_date__isnull=False,
        ).exists():
            tasks.append(
                Task(
                    _("Station ohne verantwortliche/n Ausbilder/in: %(name)s")
                    % {"name": station.name},
                    station.get_absolute_url(),
                )
            )
    for request in PartnerRequest.objects.filter(
        partner__in=organizations, status=PartnerRequest.Status.PENDING
    ).select_related("requester"):
        tasks.append(
            Task(
                _("Partneranfrage von %(org)s beantworten") % {"org": request.requester},
                request.get_absolute_url(),
            )
        )
    for contract in Contract.objects.filter(parties__in=organizations).distinct():
        version = contract.current
        if (
            version
            and version.approvals.filter(organization__in=organizations).count()
            < contract.parties.filter(pk__in=organizations).count()
        ):
            tasks.append(
                Task(
                    _("Vertragsversion %(n)s zustimmen: %(contract)s")
                    % {"n": version.number, "contract": contract},
                    contract.get_absolute_url(),
                )
            )
    return tasks
