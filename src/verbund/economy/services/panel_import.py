"""Import panel firms from CSV or XLSX: all or nothing.

Columns (header names case-insensitive): Betrieb, Kammer (name or short name of a chamber
of the network), Landkreis (name or official code), WZ (WZ 2008 code or section),
Beschäftigte, E-Mail, Ansprechperson. Every problem is reported with line, column and
reason; nothing is written unless every row is valid. The file is read by the one reading
layer of every importer (``verbund.core.services.tabular``).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from verbund.core.models import Region
from verbund.core.services import audit, tabular
from verbund.core.services.geo import normalize_place_name
from verbund.core.services.tabular import RowError
from verbund.economy import method
from verbund.economy.forms import chambers_of
from verbund.economy.models import PanelFirm
from verbund.economy.services import rights

COLUMNS = {
    "name": ("betrieb", "firma", "unternehmen"),
    "chamber": ("kammer", "ihk"),
    "district": ("landkreis", "kreis", "region"),
    "wz": ("wz", "wirtschaftszweig"),
    "employees": ("beschäftigte", "beschaeftigte", "mitarbeiter"),
    "email": ("e-mail", "email"),
    "contact_name": ("ansprechperson", "kontakt"),
}
REQUIRED = ("name", "chamber", "wz", "employees")
MAX_ROWS = 50_000


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0


def _lookup_regions(network) -> dict:
    regions = list(network.regions.all()) or list(Region.objects.all())
    found = {}
    for region in regions:
        found[normalize_place_name(region.name)] = region
        found[normalize_place_name(region.name.replace("Landkreis ", ""))] = region
        if region.code:
            found[region.code] = region
    return found


def _lookup_chambers(network, user=None) -> dict:
    """The chambers a row may name: those the importing user acts for (all without user)."""
    chambers = chambers_of(network)
    if user is not None:
        chambers = chambers.filter(pk__in=rights.chambers_for(user, network))
    found = {}
    for chamber in chambers:
        for name in (chamber.name, chamber.short_name):
            if name:
                found[normalize_place_name(name)] = chamber
    return found


def validate(network, table: tabular.Table, user=None) -> ImportResult:
    result = ImportResult()
    if not table.header or len(table.rows) > MAX_ROWS:
        result.errors.append(RowError(1, "", _("Die Datei ist leer oder hat zu viele Zeilen.")))
        return result
    header = [cell.strip().lower() for cell in table.header]
    positions = {}
    for name, spellings in COLUMNS.items():
        found = [header.index(spelling) for spelling in spellings if spelling in header]
        if found:
            positions[name] = found[0]
    for name in REQUIRED:
        if name not in positions:
            result.errors.append(RowError(1, COLUMNS[name][0], _("Pflichtspalte fehlt.")))
    if result.errors:
        return result
    regions, chambers = _lookup_regions(network), _lookup_chambers(network, user)
    for line, raw_cells in table.rows:
        cells = [tabular.cell_text(cell) for cell in raw_cells]
        if not any(cells):
            continue
        value = {name: (cells[i] if i < len(cells) else "") for name, i in positions.items()}
        errors = []
        if not value["name"]:
            errors.append((_("Betrieb"), _("Der Name des Betriebs fehlt.")))
        chamber = chambers.get(normalize_place_name(value["chamber"]))
        if chamber is None:
            errors.append(
                (_("Kammer"), _("Keine Ihrer Kammern in diesem Netzwerk: %s") % value["chamber"])
            )
        district = None
        if value.get("district"):
            district = regions.get(value["district"]) or regions.get(
                normalize_place_name(value["district"])
            )
            if district is None:
                errors.append((_("Landkreis"), _("Unbekannter Landkreis: %s") % value["district"]))
        if method.wz_section(value["wz"]) is None:
            errors.append((_("WZ"), _("Kein WZ-2008-Code: %s") % value["wz"]))
        if not value["employees"].isdigit() or int(value["employees"]) < 1:
            errors.append((_("Beschäftigte"), _("Bitte eine ganze Zahl ab 1 angeben.")))
        if value.get("email"):
            try:
                validate_email(value["email"])
            except ValidationError:
                errors.append((_("E-Mail"), _("Keine gültige E-Mail-Adresse.")))
        result.errors.extend(RowError(line, column, reason) for column, reason in errors)
        if not errors:
            result.rows.append(
                {
                    "name": value["name"],
                    "chamber": chamber,
                    "district": district,
                    "wz": value["wz"].upper(),
                    "employees": int(value["employees"]),
                    "email": value.get("email", ""),
                    "contact_name": value.get("contact_name", ""),
                }
            )
    return result


@transaction.atomic
def import_panel(network, filename: str, content: bytes, user) -> ImportResult:
    try:
        table = tabular.read_table(filename, content)
    except tabular.FileError as error:
        return ImportResult(errors=[RowError(1, "", str(error))])
    result = validate(network, table, user)
    if result.errors:
        return result
    PanelFirm.objects.bulk_create(PanelFirm(network=network, **row) for row in result.rows)
    result.created = len(result.rows)
    audit.record(network, "economy.panel.imported", user=user, data={"count": result.created})
    return result
