"""Import and export of whole catalogues: the one entry point for the CLI and the upload page.

``import_file`` reads (by file type), validates every row, and writes in one transaction
only when every row is valid, or when ``skip_invalid`` is set (then the valid offers).
Writing uses bulk statements, one audit entry per offer and one index change per offer.
"""

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from verbund.core.models import AuditEntry, Organization
from verbund.core.services.params import parse_id
from verbund.courses.models import IndexChange, KursnetSupplier, Offer, Run
from verbund.courses.services import importing, indexing, openqcat, tabular
from verbund.courses.services.importing import ImportReport, RowError
from verbund.courses.services.offers import district_regions, locate

FORMATS = ("csv", "xlsx", "openqcat", "jsonld")
BATCH = 1000


def kind_of(filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx", ".xml": "openqcat"}.get(suffix, "")


def read(data: bytes, kind: str):
    if kind == "csv":
        return tabular.read_csv(data), [], None
    if kind == "xlsx":
        return tabular.read_xlsx(data), [], None
    if kind == "openqcat":
        parsed = openqcat.read(data)
        return parsed.rows, parsed.deletes, parsed.seq_number
    raise tabular.FileError(_("Unbekanntes Dateiformat. Erlaubt sind CSV, XLSX und openQ-cat-XML."))


def import_file(
    data: bytes,
    filename: str,
    *,
    user=None,
    provider: Organization | None = None,
    allowed_providers=None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate, then write unless ``dry_run`` or an invalid row (without ``skip_invalid``)."""
    try:
        rows, deletes, seq_number = read(data, kind_of(filename))
        report = importing.validate(rows, provider, allowed_providers, progress)
        report.seq_number = seq_number
    except tabular.FileError as error:
        report = ImportReport()
        report.errors.append(RowError(_("Datei"), "–", str(error)))
        report.bad_rows = 1
        return report
    report.deletes = [
        (provider or _provider_by_ref(ref, report), external_id) for ref, external_id in deletes
    ]
    _check_sequence(report, provider)
    if dry_run or (report.errors and not skip_invalid):
        return report
    if report.deletes and any(owner is None for owner, _id in report.deletes):
        return report
    write(report, user)
    return report


def plan(report: ImportReport) -> list[tuple[str, str]]:
    """What an import would do, per offer: (offer id, "neu" | "ändern" | "löschen" | "abgelehnt").

    Refused rows are named as the report names them (line or SERVICE with PRODUCT_ID).
    """
    steps = []
    for owner, external_id in report.deletes:
        steps.append((external_id, _("löschen") if owner is not None else _("abgelehnt")))
    existing = set()
    for data in report.offers:
        if Offer.objects.filter(provider=data.provider, external_id=data.external_id).exists():
            existing.add((data.provider.pk, data.external_id))
    for data in report.offers:
        known = (data.provider.pk, data.external_id) in existing
        steps.append((data.external_id, _("ändern") if known else _("neu")))
    for where in dict.fromkeys(str(error.where) for error in report.errors):
        steps.append((where, _("abgelehnt")))
    return steps


def _delivery_owner(report, provider):
    owners = {owner for owner, _id in report.deletes if owner is not None}
    owners |= {offer.provider for offer in report.offers}
    return provider or (owners.pop() if len(owners) == 1 else None)


def _check_sequence(report: ImportReport, provider) -> None:
    """A differential delivery is applied once and in order (its seq_number after the last)."""
    if report.seq_number is None:
        return
    owner = _delivery_owner(report, provider)
    supplier = KursnetSupplier.objects.filter(provider=owner).first() if owner else None
    if supplier is not None and report.seq_number <= supplier.imported_seq_number:
        report.errors.append(
            RowError(
                "UPDATE_CATALOG",
                "seq_number",
                _(
                    "Die Differenzlieferung Nr. %(seq)s ist schon eingespielt oder zu alt "
                    "(zuletzt eingespielt: Nr. %(last)s)."
                )
                % {"seq": report.seq_number, "last": supplier.imported_seq_number},
            )
        )


def _provider_by_ref(ref: str, report: ImportReport):
    providers = Organization.objects.filter(kind=Organization.Kind.PROVIDER)
    pk = parse_id(ref.removeprefix("verbund-"))
    found = providers.filter(kursnet_supplier__supplier_id=ref).first() or (
        providers.filter(pk=pk).first() if pk else providers.filter(name__iexact=ref).first()
    )
    if found is None:
        report.errors.append(
            RowError("DELETE", "SUPPLIER_ID_REF", _("Unbekannter Anbieter „%(v)s“.") % {"v": ref})
        )
    return found


def write(report: ImportReport, user=None) -> ImportReport:
    regions = district_regions()
    content_type = ContentType.objects.get_for_model(Offer)
    with transaction.atomic():
        audits, changes = [], []
        # A differential delivery removes first, then adds (DELETE before NEW).
        _delete(report, user, content_type, audits)
        for start in range(0, len(report.offers), BATCH):
            batch = report.offers[start : start + BATCH]
            touched = _write_batch(batch, regions, report)
            for offer, action in touched:
                audits.append(
                    AuditEntry(
                        user=user if user is not None and user.is_authenticated else None,
                        action=action,
                        content_type=content_type,
                        object_id=str(offer.pk),
                        object_repr=str(offer)[:255],
                        data={"via": "import"},
                    )
                )
                changes.append((offer.pk, offer.version))
        if report.seq_number is not None:
            owner = _delivery_owner(report, None)
            if owner is not None:
                from verbund.courses.services import kursnet

                supplier = kursnet.supplier_of(owner)
                supplier.imported_seq_number = report.seq_number
                supplier.save(update_fields=["imported_seq_number", "updated_at"])
        AuditEntry.objects.bulk_create(audits, batch_size=BATCH)
        indexing.log_bulk(changes)
    report.written = True
    return report


def _delete(report, user, content_type, audits) -> None:
    """DELETE by PRODUCT_ID: an offer (with its runs) or a single run."""
    for owner, external_id in report.deletes:
        offer = Offer.objects.filter(provider=owner, external_id=external_id).first()
        if offer is None:
            run = Run.objects.filter(offer__provider=owner, external_id=external_id).first()
            if run is not None:
                run.delete()
                Offer.objects.filter(pk=run.offer_id).update(version=F("version") + 1)
                report.deleted_runs += 1
            continue
        audits.append(
            AuditEntry(
                user=user if user is not None and user.is_authenticated else None,
                action="courses.offer.deleted",
                content_type=content_type,
                object_id=str(offer.pk),
                object_repr=str(offer)[:255],
                data={"via": "import"},
            )
        )
        IndexChange.objects.create(
            offer_id=offer.pk, version=offer.version, op=IndexChange.Op.DELETE
        )
        offer.delete()
        report.deleted += 1


def _write_batch(batch, regions, report) -> list[tuple[Offer, str]]:
    existing = {}
    for data in batch:
        existing.setdefault(data.provider.pk, set()).add(data.external_id)
    found = {}
    for provider_id, ids in existing.items():
        for offer in Offer.objects.filter(provider_id=provider_id, external_id__in=ids):
            found[(provider_id, offer.external_id)] = offer
    new, changed = [], []
    for data in batch:
        offer = found.get((data.provider.pk, data.external_id))
        fields = {**data.fields, **data.extra}
        if offer is None:
            offer = Offer(provider=data.provider, external_id=data.external_id, **fields)
            new.append((offer, data))
        else:
            for name, value in fields.items():
                setattr(offer, name, value)
            offer.version += 1
            offer.status = Offer.Status.ACTIVE
            changed.append((offer, data))
    Offer.objects.bulk_create([offer for offer, _data in new])
    if changed:
        names = sorted(
            {"version", "status", *[n for _o, d in changed for n in {**d.fields, **d.extra}]}
        )
        Offer.objects.bulk_update([offer for offer, _data in changed], names)
    pairs = new + changed
    offer_ids = [offer.pk for offer, _data in pairs]
    Run.objects.filter(offer_id__in=offer_ids).delete()
    through = Offer.topics.through
    through.objects.filter(offer_id__in=offer_ids).delete()
    through.objects.bulk_create(
        [
            through(offer_id=offer.pk, topic_id=topic.pk)
            for offer, data in pairs
            for topic in {t.pk: t for t in data.topics}.values()
        ]
    )
    runs = []
    for offer, data in pairs:
        for item in data.runs:
            run = Run(
                offer=offer,
                external_id=item.external_id,
                start_date=item.start_date,
                end_date=item.end_date,
                flexible_start=item.flexible_start,
                street=item.street,
                postcode=item.postcode,
                city=item.city,
                lat=item.lat,
                lon=item.lon,
                format=item.format,
                barrier_free=item.barrier_free,
            )
            if offer.format not in ("online", "fernlernen"):
                locate(run, regions)
            runs.append(run)
    Run.objects.bulk_create(runs, batch_size=BATCH)
    report.created += len(new)
    report.updated += len(changed)
    return [(o, "courses.offer.imported") for o, _d in new] + [
        (o, "courses.offer.reimported") for o, _d in changed
    ]


# -- export -----------------------------------------------------------------------------


EXPORT_TYPES = {  # kind -> (content type, file suffix)
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "openqcat": ("application/xml", "xml"),
    "jsonld": ("application/ld+json", "jsonld"),
}


def export_queryset(provider: Organization | None = None):
    offers = Offer.objects.all()
    if provider is not None:
        offers = offers.filter(provider=provider)
    return offers.order_by("provider_id", "pk")


def offer_rows(offers) -> Iterator[dict]:
    """One dict per run (offers without runs: one row with empty dates), CSV columns."""
    for start, chunk in _chunks(offers):
        for offer in indexing.for_index(offers.filter(pk__in=chunk)).order_by("pk"):
            base = {
                "offer_id": offer.external_id,
                "provider": offer.provider.name,
                "title": offer.title,
                "description": offer.description,
                "format": offer.format,
                "price_eur": offer.price,
                "topics": [t.code for t in offer.topics.all()],
                "target_groups": offer.target_groups,
                "language": offer.language,
                "hours": offer.hours,
                "time_of_day": offer.time_of_day,
                "funding": offer.funding,
                "certificate": offer.certificate,
                "url": offer.url,
                "min_participants": offer.min_participants,
                "max_participants": offer.max_participants,
            }
            runs = list(offer.runs.all()) or [None]
            for run in runs:
                yield base | (
                    {
                        "run_id": run.external_id,
                        "start_date": run.start_date,
                        "end_date": run.end_date,
                        "street": run.street,
                        "postcode": run.postcode,
                        "city": run.city,
                    }
                    if run
                    else {}
                )
        del start


def _chunks(offers) -> Iterable[tuple[int, list[int]]]:
    ids = list(offers.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        yield start, ids[start : start + BATCH]


def export(kind: str, provider: Organization | None = None, today=None) -> bytes:
    from verbund.courses.services import jsonld

    offers = export_queryset(provider)
    if kind == "csv":
        return tabular.write_csv(offer_rows(offers))
    if kind == "xlsx":
        return tabular.write_xlsx(offer_rows(offers))
    if kind == "openqcat":
        from verbund.courses.services import kursnet

        if provider is None:
            providers = Organization.objects.filter(pk__in=offers.values("provider_id"))
            return kursnet.zip_for(providers.order_by("pk"))
        return kursnet.full_file(provider)
    if kind == "jsonld":
        return jsonld.dumps_catalog(offers)
    raise ValueError(kind)
