"""Background jobs of Verbundausbildung: the framework-plan import; rotation runs are core
solver runs, registered by importing the rotation service.

Every upload is parsed here, never in the web request: an XLSX is a zip archive, and even
with the unpacked-size check of the reading layer a large workbook takes seconds.
"""

from django.utils.translation import gettext_noop as noop

from verbund.apprenticeship.services import imports, rotation  # noqa: F401 - rotation runs
from verbund.core.services import jobs, stored_text
from verbund.core.services.import_jobs import MAX_STORED_ERRORS

IMPORT_PLANS = "apprenticeship.import_plans"


@jobs.register(IMPORT_PLANS)
def import_plans(job, progress):
    progress(0.1, noop("Die Datei wird geprüft …"))
    report = imports.import_plans(
        job.params["filename"],
        bytes(job.payload),
        write=job.params.get("write", False),
        user=job.created_by,
    )
    progress(
        1.0,
        stored_text.plural(
            "%(count)s Ausbildungsberuf gespeichert.",
            "%(count)s Ausbildungsberufe gespeichert.",
            report.written,
        )
        if report.written
        else noop("Geprüft, nichts gespeichert."),
    )
    return {
        "errors": [str(error) for error in report.errors[:MAX_STORED_ERRORS]],
        "more_errors": max(0, len(report.errors) - MAX_STORED_ERRORS),
        "occupations": report.occupations,
        "positions": report.positions,
        "written": report.written,
    }
