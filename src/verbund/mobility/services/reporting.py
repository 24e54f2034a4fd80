"""Budget per project, the export for the Commission's Beneficiary Module, and the yearly
report per partnership."""

import csv
import io
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from verbund.mobility.models import Exchange, Payment, Stay
from verbund.mobility.models.projects import country_name
from verbund.mobility.services.grants import band_label

ZERO = Decimal("0")


@dataclass(frozen=True)
class Budget:
    granted: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def available(self) -> Decimal:
        return self.granted - self.committed

    @property
    def outstanding(self) -> Decimal:
        return self.committed - self.paid


def active_stays(project):
    return project.stays.exclude(status=Stay.Status.CANCELLED)


def budget(project) -> Budget:
    committed = active_stays(project).aggregate(total=Sum("grant_total"))["total"] or ZERO
    paid = (
        Payment.objects.filter(stay__project=project)
        .exclude(stay__status=Stay.Status.CANCELLED)
        .aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    return Budget(project.granted_amount, committed, paid)


# Activity types as the Beneficiary Module names them for VET (KA1).
ACTIVITY_CODES = {
    "learner_short": "VET-LEARN-SHORT",
    "learner_long": "VET-LEARN-LONG (ErasmusPro)",
    "staff_job_shadowing": "VET-STAFF-JOB-SHADOWING",
    "staff_teaching": "VET-STAFF-TEACHING",
    "staff_course": "VET-STAFF-COURSE",
}


def export_rows(project) -> list[list]:
    header = [
        _("Teilnehmer-ID"),
        _("Vorname"),
        _("Nachname"),
        _("Aktivitätsart"),
        _("Entsendende Einrichtung"),
        _("Aufnehmende Einrichtung"),
        _("Empfangsland"),
        _("Empfangsort"),
        _("Abreiseort"),
        _("Beginn"),
        _("Ende"),
        _("Dauer (Tage)"),
        _("Reisetage"),
        _("Entfernung (km)"),
        _("Entfernungsband"),
        _("Umweltfreundlich"),
        _("Geringere Chancen"),
        _("Reisekosten"),
        _("Individuelle Unterstützung"),
        _("Organisatorische Unterstützung"),
        _("Inklusionsunterstützung"),
        _("Summe"),
        _("Projektnummer (Grant Agreement No.)"),
        _("OID entsendende Einrichtung"),
        _("OID aufnehmende Einrichtung"),
    ]
    from verbund.mobility.models import OrganisationOid

    oids = dict(OrganisationOid.objects.values_list("organization_id", "oid"))
    rows = [header]
    yes, no = _("ja"), _("nein")
    for stay in active_stays(project).select_related("person", "host", "placement", "project"):
        rows.append(
            [
                f"S{stay.pk}",
                stay.person.first_name,
                stay.person.last_name,
                ACTIVITY_CODES[stay.participant_type],
                project.beneficiary.name,
                stay.host.name,
                stay.placement.country if stay.placement_id else stay.host.country,
                stay.placement.city if stay.placement_id else stay.host.city,
                stay.home_city,
                stay.start.isoformat(),
                stay.end.isoformat(),
                stay.days,
                stay.travel_days,
                stay.distance_km,
                band_label(stay),
                yes if stay.green_travel else no,
                yes if stay.fewer_opportunities else no,
                stay.grant_travel,
                stay.grant_individual,
                stay.grant_organisational,
                stay.grant_inclusion,
                stay.grant_total,
                project.reference,
                oids.get(project.beneficiary_id, ""),
                oids.get(stay.host_id, ""),
            ]
        )
    return rows


def export_csv(project) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in export_rows(project):
        writer.writerow(
            str(value).replace(".", ",") if isinstance(value, Decimal | float) else value
            for value in row
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(project) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Aufenthalte")[:31]
    for number, row in enumerate(export_rows(project)):
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        if number == 0:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class YearReport:
    year: int
    stays: int
    participants: int
    days: int
    grants: Decimal
    by_type: list
    occupations: list
    countries: list
    exchanges: list


def years_of(network) -> list[int]:
    years = {d.year for d in Stay.objects.filter(project__network=network).dates("start", "year")}
    years |= {d.year for d in Exchange.objects.filter(network=network).dates("start", "year")}
    return sorted(years, reverse=True)


def partnership_report(network, year: int) -> YearReport:
    stays = list(
        Stay.objects.filter(project__network=network, start__year=year)
        .exclude(status=Stay.Status.CANCELLED)
        .select_related("placement", "host", "application__occupation")
    )
    types = Counter(stay.get_participant_type_display() for stay in stays)
    occupations = Counter(stay.application.occupation.name for stay in stays if stay.application_id)
    countries = Counter(
        country_name(stay.placement.country if stay.placement_id else stay.host.country)
        for stay in stays
    )
    exchanges = list(
        Exchange.objects.filter(network=network, start__year=year).prefetch_related("participants")
    )
    return YearReport(
        year=year,
        stays=len(stays),
        participants=len({stay.person_id for stay in stays}),
        days=sum(stay.days for stay in stays),
        grants=sum((stay.grant_total for stay in stays), ZERO),
        by_type=sorted(types.items()),
        occupations=sorted(occupations.items(), key=lambda i: (-i[1], i[0])),
        countries=sorted(countries.items(), key=lambda i: (-i[1], i[0])),
        exchanges=[(e, e.participants.count()) for e in exchanges],
    )
