"""Contracts from a rotation plan: versions, approvals of every party, the PDF.

Version 1 of a contract lists the parties and stations of the plan; a change (a new
station, a new partner) is a new version, which counts as agreed once every party of the
contract has approved it. Nothing is deleted: earlier versions and approvals stay.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from verbund.apprenticeship.models import (
    Apprentice,
    Contract,
    ContractApproval,
    ContractVersion,
    RotationRun,
)
from verbund.apprenticeship.permissions import MANAGE_TRAINING
from verbund.core.models import Organization
from verbund.core.services import access, audit
from verbund.core.services import pdf as pdf_documents


def _organization_id(solver_id: str) -> int:
    return int(solver_id[1:])  # "C12" (company) or "O12" (partner) -> organization 12


def content_of(run: RotationRun, apprentice_id: str | None = None) -> dict:
    """What a contract says, taken from a plan: partners, stations and (addendum) stays."""
    labels = run.labels or {}
    stations = {s["id"]: s for s in run.instance.get("stations", [])}
    home_of = {a["id"]: a["company"] for a in run.instance.get("apprentices", [])}
    titles = {p["id"]: p["title"] for p in run.instance.get("occupation", {}).get("positions", [])}
    stays = [
        s
        for s in run.plan.get("stays", [])
        if apprentice_id is None or s["apprentice"] == apprentice_id
    ]
    rows = []
    for stay in stays:
        station = stations.get(stay["station"], {})
        rows.append(
            {
                "apprentice": labels.get("apprentices", {}).get(
                    stay["apprentice"], stay["apprentice"]
                ),
                "company": labels.get("companies", {}).get(home_of.get(stay["apprentice"], ""), ""),
                "partner": labels.get("partners", {}).get(station.get("partner", ""), ""),
                "station": labels.get("stations", {}).get(stay["station"], stay["station"]),
                "position": f"{stay['position']} {titles.get(stay['position'], '')}".strip(),
                "start_week": stay["start_week"],
                "weeks": stay["weeks"],
            }
        )
    party_ids = sorted(
        {_organization_id(home_of[s["apprentice"]]) for s in stays if s["apprentice"] in home_of}
        | {
            _organization_id(stations[s["station"]]["partner"])
            for s in stays
            if s["station"] in stations
        }
    )
    return {
        "occupation": str(run.occupation),
        "cohort": run.cohort,
        "stays": rows,
        "parties": party_ids,
    }


@transaction.atomic
def create_from_run(run: RotationRun, user) -> list[Contract]:
    """The Kooperationsvertrag of the Verbund and one addendum per apprentice with stays."""
    made = []
    cooperation = Contract.objects.create(
        network=run.network, kind=Contract.Kind.COOPERATION, run=run
    )
    made.append(cooperation)
    new_version(cooperation, content_of(run), _("Erstfassung"), user)
    for apprentice_id in sorted({s["apprentice"] for s in run.plan.get("stays", [])}):
        apprentice = Apprentice.objects.filter(pk=int(apprentice_id[1:])).first()
        contract = Contract.objects.create(
            network=run.network, kind=Contract.Kind.ADDENDUM, apprentice=apprentice, run=run
        )
        new_version(contract, content_of(run, apprentice_id), _("Erstfassung"), user)
        made.append(contract)
    return made


@transaction.atomic
def new_version(contract: Contract, content: dict, reason: str, user) -> ContractVersion:
    """A new version; parties of the first version stay parties (new ones are added)."""
    current = contract.current
    number = current.number + 1 if current else 1
    version = ContractVersion.objects.create(
        contract=contract, number=number, reason=reason, content=content, created_by=user
    )
    contract.parties.add(*Organization.objects.filter(pk__in=content.get("parties", [])))
    audit.record(
        contract,
        "apprenticeship.contract.version_created",
        user=user,
        data={"version": number, "reason": reason},
    )
    return version


def status(version: ContractVersion) -> dict:
    parties = list(version.contract.parties.all())
    approved = {a.organization_id: a for a in version.approvals.select_related("approved_by")}
    return {
        "parties": [(p, approved.get(p.pk)) for p in parties],
        "complete": bool(parties) and all(p.pk in approved for p in parties),
        "missing": [p for p in parties if p.pk not in approved],
    }


@transaction.atomic
def approve(version: ContractVersion, organization: Organization, user) -> ContractApproval:
    """A party approves; the user needs apprenticeship.manage_training for that party."""
    if not access.has_perm(user, MANAGE_TRAINING, organization):
        raise PermissionDenied(MANAGE_TRAINING)
    if not version.contract.parties.filter(pk=organization.pk).exists():
        raise ValidationError(
            _("%(organization)s ist keine Vertragspartei.") % {"organization": organization}
        )
    if version.contract.current != version:
        raise ValidationError(_("Zugestimmt werden kann nur der aktuellen Version."))
    approval, created = ContractApproval.objects.get_or_create(
        version=version, organization=organization, defaults={"approved_by": user}
    )
    if not created:
        raise ValidationError(
            _("%(organization)s hat dieser Version bereits zugestimmt.")
            % {"organization": organization}
        )
    audit.record(
        version.contract,
        "apprenticeship.contract.approved",
        user=user,
        data={"version": version.number, "organization": organization.pk},
    )
    return approval


def pdf(version: ContractVersion) -> bytes:
    html = render_to_string(
        "apprenticeship/contract_pdf.html",
        {
            "contract": version.contract,
            "version": version,
            "state": status(version),
            "today": timezone.localdate(),
        },
    )
    return pdf_documents.render(html)
