"""Background jobs of the funding app: large receipt imports (same all-or-nothing import)."""

from django.utils.translation import gettext_noop as noop

from verbund.core.services import import_jobs, jobs, stored_text
from verbund.funding.models import FinancingPlan
from verbund.funding.services import receipts

IMPORT_KIND = "funding.import_receipts"


@jobs.register(IMPORT_KIND)
def import_receipts(job, progress):
    plan = FinancingPlan.objects.get(pk=job.params["plan"])
    progress(0.1, noop("Die Datei wird geprüft …"))
    report = receipts.import_file(
        plan,
        job.params["filename"],
        bytes(job.payload),
        job.created_by,
        dry_run=job.params.get("dry_run", False),
    )
    progress(
        1.0,
        stored_text.plural(
            "%(count)s Beleg importiert.", "%(count)s Belege importiert.", report.created
        )
        if report.created
        else noop("Geprüft, nichts gespeichert."),
    )
    return {**import_jobs.report_as_json(report), "rows": report.rows, "dry_run": report.dry_run}
