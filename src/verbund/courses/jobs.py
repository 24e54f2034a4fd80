"""Background jobs of the course database: large imports and rebuilding the search index."""

import socket

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as noop

from verbund.core.models import Organization
from verbund.core.services import jobs, stored_text
from verbund.courses.models import Offer
from verbund.courses.services import catalog, indexing, kursnet

REINDEX = "courses.reindex"

# Show at most this many errors of a background import (the count says how many there were).
MAX_STORED_ERRORS = 500


def report_as_json(report) -> dict:
    """What the import page shows of a report, as JSON for ``Job.result``."""
    return {
        "rows": report.rows,
        "offers": len(report.offers),
        "bad_rows": report.bad_rows,
        "created": report.created,
        "updated": report.updated,
        "deleted": report.deleted,
        "written": report.written,
        "ok": report.ok,
        "errors": [
            {"where": str(error.where), "column": str(error.column), "message": str(error.message)}
            for error in report.errors[:MAX_STORED_ERRORS]
        ],
        "more_errors": max(0, len(report.errors) - MAX_STORED_ERRORS),
    }


@jobs.register("courses.import")
def import_offers(job, progress):
    params = job.params
    provider = Organization.objects.filter(pk=params.get("provider")).first()
    data = bytes(job.payload)
    # Rows are counted as they are validated; the line count is a good enough estimate.
    expected = max(1, data.count(b"\n"))
    checked = [0]

    def rows_checked(count: int) -> None:
        checked[0] += count
        progress(
            min(0.9, checked[0] / expected),
            stored_text.plural("%(count)s Zeile geprüft", "%(count)s Zeilen geprüft", checked[0]),
        )

    report = catalog.import_file(
        data,
        params["filename"],
        user=job.created_by,
        provider=provider,
        dry_run=params.get("dry_run", False),
        skip_invalid=params.get("skip_invalid", False),
        progress=rows_checked,
    )
    progress(
        1.0, noop("Import gespeichert.") if report.written else noop("Geprüft, nichts gespeichert.")
    )
    return report_as_json(report)


@jobs.register(REINDEX)
def reindex(job, progress):
    """A fresh index generation, swapped in at the end; searches go on meanwhile.

    It rebuilds the replica of the machine whose worker runs it (docs/deployment.md).
    """
    expected = max(1, Offer.objects.searchable(timezone.localdate()).count())
    written = [0]

    def offers_written(count: int) -> None:
        written[0] += count
        progress(
            min(0.95, written[0] / expected),
            stored_text.text(
                "%(done)s von %(total)s Angeboten indiziert", done=written[0], total=expected
            ),
        )

    progress(0.0, noop("Der neue Index wird geschrieben …"))
    count = indexing.rebuild(progress=offers_written)
    progress(
        1.0,
        stored_text.plural(
            "%(count)s Angebot indiziert; der neue Index ist in Gebrauch.",
            "%(count)s Angebote indiziert; der neue Index ist in Gebrauch.",
            count,
        ),
    )
    return {
        "offers": count,
        "host": socket.gethostname(),
        "generation": indexing.current_dir().name,
    }


@jobs.register("courses.export")
def export_offers(job, progress):
    """A provider's large catalog as CSV, XLSX, openQ-cat or JSON-LD (the page's formats)."""
    provider = Organization.objects.filter(pk=job.params["provider"]).first()
    if provider is None:
        raise jobs.JobError(_("Den Bildungsanbieter gibt es nicht mehr."))
    kind = job.params["kind"]
    content_type, suffix = catalog.EXPORT_TYPES[kind]
    progress(0.1, noop("Die Datei wird geschrieben …"))
    try:
        content = catalog.export(kind, provider)
    except kursnet.Incomplete as error:
        raise _incomplete(error) from error
    jobs.save_output(job, content, f"angebote-{provider.pk}.{suffix}", content_type)
    progress(1.0, noop("Die Datei ist fertig."))
    return {"bytes": len(content)}


def _incomplete(error) -> jobs.JobError:
    shown = "\n".join(error.problems[:50])
    more = len(error.problems) - 50
    suffix = "\n" + _("… und %(count)s weitere.") % {"count": more} if more > 0 else ""
    return jobs.JobError(_("Keine Datei erstellt, es fehlen Angaben:\n") + shown + suffix)


@jobs.register("courses.kursnet_delivery")
def kursnet_delivery(job, progress):
    """A provider's next KURSNET delivery (full, then differential) when it is large."""
    provider = Organization.objects.filter(pk=job.params["provider"]).first()
    if provider is None:
        raise jobs.JobError(_("Den Bildungsanbieter gibt es nicht mehr."))
    progress(0.1, noop("Die Datei wird geschrieben …"))
    try:
        delivery = kursnet.deliver(provider)
    except kursnet.Incomplete as error:
        raise _incomplete(error) from error
    jobs.save_output(job, delivery.content, delivery.filename, "application/xml")
    progress(1.0, noop("Die Datei ist fertig."))
    return {"bytes": len(delivery.content), "seq_number": delivery.seq_number}


@jobs.register("courses.kursnet_zip")
def kursnet_zip(job, progress):
    """One full openQ-cat file per provider, as a ZIP (a chamber's export)."""
    providers = Organization.objects.filter(pk__in=job.params["providers"]).order_by("pk")
    progress(0.1, noop("Die Dateien werden geschrieben …"))
    try:
        content = kursnet.zip_for(providers)
    except kursnet.Incomplete as error:
        raise _incomplete(error) from error
    jobs.save_output(job, content, "kursnet-anbieter.zip", "application/zip")
    progress(1.0, noop("Die Datei ist fertig."))
    return {"bytes": len(content)}
