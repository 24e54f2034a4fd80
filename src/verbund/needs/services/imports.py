"""Import companies to invite from CSV or XLSX: all or nothing.

Every row is validated first; every problem is reported with its line, column and reason;
nothing is written unless every row is valid (or the caller asks to skip invalid rows).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from verbund.core.models import Organization, Region
from verbund.core.services import audit, tabular
from verbund.core.services.geo import normalize_place_name
from verbund.needs.models import Invitation, Wave
from verbund.needs.services.waves import new_token

# The shared report format of every import: line, column, reason.
RowError = tabular.RowError

# Column -> accepted header spellings (compared case-insensitively).
COLUMNS = {
    "company_name": ("betrieb", "firma", "unternehmen", "company"),
    "email": ("e-mail", "email", "mail"),
    "contact_name": ("ansprechperson", "kontakt", "contact"),
    "district": ("landkreis", "kreis", "district"),
    "sector": ("wz", "wirtschaftszweig", "sector"),
    "size_class": ("größenklasse", "groessenklasse", "size"),
    "language": ("sprache", "language"),
}
REQUIRED = ("company_name",)
MAX_ROWS = 50_000


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _header_map(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    positions, errors = {}, []
    lowered = [cell.strip().lower() for cell in header]
    for name, spellings in COLUMNS.items():
        for index, cell in enumerate(lowered):
            if cell in spellings:
                positions[name] = index
                break
    for name in REQUIRED:
        if name not in positions:
            errors.append(RowError(1, COLUMNS[name][0], _("Pflichtspalte fehlt.")))
    return positions, errors


def _regions_by_name(wave: Wave) -> dict[str, Region]:
    regions = list(wave.network.regions.all()) or list(
        Region.objects.filter(kind__in=[Region.Kind.LANDKREIS, Region.Kind.KREISFREIE_STADT])
    )
    found = {}
    for region in regions:
        found[normalize_place_name(region.name)] = region
        found[normalize_place_name(region.name.replace("Landkreis ", ""))] = region
        if region.code:
            found[region.code] = region
    return found


def validate(wave: Wave, table: tabular.Table) -> ImportResult:
    result = ImportResult()
    if len(table.rows) > MAX_ROWS:
        result.errors.append(RowError(1, "", _("Zu viele Zeilen.")))
        return result
    positions, header_errors = _header_map(table.header)
    result.errors.extend(header_errors)
    if header_errors:
        return result
    regions = _regions_by_name(wave)
    sizes = {value for value, _label in Organization.SizeClass.choices}
    sectors = {value for value, _label in Organization.WzSection.choices}
    seen_emails: dict[str, int] = {}
    for line, raw in table.rows:
        cells = [tabular.cell_text(cell) for cell in raw]
        value = {name: (cells[i] if i < len(cells) else "") for name, i in positions.items()}
        row = {"line": line, **{name: value.get(name, "") for name in COLUMNS}}
        errors = []
        if not row["company_name"]:
            errors.append(("Betrieb", _("Der Name des Betriebs fehlt.")))
        if row["email"]:
            try:
                validate_email(row["email"])
            except ValidationError:
                errors.append(("E-Mail", _("Keine gültige E-Mail-Adresse.")))
            else:
                previous = seen_emails.setdefault(row["email"].lower(), line)
                if previous != line:
                    errors.append(
                        ("E-Mail", _("Doppelt (schon in Zeile %(line)s).") % {"line": previous})
                    )
        if row["district"]:
            region = regions.get(row["district"]) or regions.get(
                normalize_place_name(row["district"])
            )
            if region is None:
                errors.append(("Landkreis", _("Unbekannter Landkreis.")))
            row["district"] = region
        else:
            row["district"] = None
        if row["sector"] and row["sector"].upper() not in sectors:
            errors.append(("WZ", _("Unbekannter WZ-Abschnitt (A bis U).")))
        row["sector"] = row["sector"].upper()
        if row["size_class"] and row["size_class"] not in sizes:
            errors.append(("Größenklasse", _("Erlaubt: 1-9, 10-49, 50-249, 250+.")))
        row["language"] = (row["language"] or "de").lower()[:2]
        if row["language"] not in ("de", "en", "fr"):
            errors.append(("Sprache", _("Erlaubt: de, en, fr.")))
        result.errors.extend(RowError(line, column, reason) for column, reason in errors)
        if not errors:
            result.rows.append(row)
    return result


def import_invitations(
    wave: Wave, filename: str, content: bytes, user, skip_invalid: bool = False
) -> ImportResult:
    """Validate the file; create invitations only if all rows are valid (or ``skip_invalid``)."""
    if wave.status == Wave.Status.CLOSED:
        return ImportResult(
            errors=[RowError(1, "", _("Die Welle ist abgeschlossen: keine neuen Einladungen."))]
        )
    try:
        table = tabular.read_table(filename, content)
    except tabular.FileError as error:
        result = ImportResult()
        result.errors.append(RowError(1, "", str(error)))
        return result
    result = validate(wave, table)
    if result.errors and not skip_invalid:
        return result
    with transaction.atomic():
        # lock, recheck: the wave may have been closed while the file was validated
        if Wave.objects.select_for_update().get(pk=wave.pk).status == Wave.Status.CLOSED:
            return ImportResult(
                errors=[RowError(1, "", _("Die Welle ist abgeschlossen: keine neuen Einladungen."))]
            )
        for row in result.rows:
            Invitation.objects.create(
                wave=wave,
                company_name=row["company_name"],
                email=row["email"],
                contact_name=row["contact_name"],
                district=row["district"],
                sector=row["sector"],
                size_class=row["size_class"],
                language=row["language"],
                token=new_token(),
            )
        result.created = len(result.rows)
        if result.created:
            audit.record(
                wave,
                "needs.wave.imported",
                user=user,
                data={"count": result.created, "file": filename},
            )
    return result
