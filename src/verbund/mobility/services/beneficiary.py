"""What the Erasmus+ Beneficiary Module needs of a project before its stays are exported.

The Commission's import template for KA121-VET/KA122-VET and its data dictionary were not
available when this was written (docs/mobility.md); what is checked here is what the
Commission's wiki names as mandatory for every mobility import — the grant agreement
number (verbund: the project number) and a mobility activity id (verbund: ``S<id>``) — and
the organisation ids (OIDs) of the sending and receiving organisations with the receiving
country and town, which every mobility activity of the template refers to.
"""

from django.utils.translation import gettext as _

from verbund.core.services import editing
from verbund.mobility.models import OrganisationOid
from verbund.mobility.services.reporting import active_stays


def oid_of(organization) -> str:
    found = OrganisationOid.objects.filter(organization=organization).first()
    return found.oid if found is not None else ""


def set_oid(organization, oid: str, user=None) -> OrganisationOid:
    """Store an organisation's OID (validated: "E" and eight digits; audited)."""
    record = OrganisationOid.objects.filter(organization=organization).first() or (
        OrganisationOid(organization=organization)
    )
    return editing.save_changes(
        record, {"oid": oid.strip().upper()}, user, "mobility.organisation_oid"
    )


def problems(project) -> list[str]:
    """Every missing mandatory value, named per stay ("Aufenthalt S12 (…): OID fehlt")."""
    found = []
    if not project.reference.strip():
        found.append(_("Projekt: Projektnummer (Grant Agreement No.) fehlt."))
    if not oid_of(project.beneficiary):
        found.append(
            _("Entsendende Einrichtung „%(name)s“: OID fehlt.") % {"name": project.beneficiary}
        )
    oids = dict(OrganisationOid.objects.values_list("organization_id", "oid"))
    for stay in active_stays(project).select_related("person", "host", "placement"):
        label = _("Aufenthalt S%(id)s (%(name)s)") % {
            "id": stay.pk,
            "name": f"{stay.person.first_name} {stay.person.last_name}".strip(),
        }
        country = stay.placement.country if stay.placement_id else stay.host.country
        city = stay.placement.city if stay.placement_id else stay.host.city
        if not oids.get(stay.host_id):
            found.append(
                _("%(stay)s: OID der aufnehmenden Einrichtung „%(host)s“ fehlt.")
                % {"stay": label, "host": stay.host}
            )
        if not country:
            found.append(_("%(stay)s: Empfangsland fehlt.") % {"stay": label})
        if not city:
            found.append(_("%(stay)s: Empfangsort fehlt.") % {"stay": label})
    return found
