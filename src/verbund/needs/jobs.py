"""Background jobs of the needs surveys: gap reports, PDF reports (WeasyPrint takes seconds),
mass mail and large invitation imports."""

from django.utils.translation import gettext_noop as noop

from verbund.core.services import import_jobs, jobs, stored_text, surveys
from verbund.needs.models import Wave
from verbund.needs.services import analysis, exports, gap_store, gaps, imports, waves

PDF = "application/pdf"


@jobs.register(gap_store.KIND)
def gap_report(job, progress):
    """A gap report for the pages (seconds at a million offers); kept as the job's result."""
    return gap_store.compute(job, progress)


@jobs.register("needs.analysis_pdf")
def analysis_pdf(job, progress):
    wave = Wave.objects.get(pk=job.params["wave"])
    progress(0.1, noop("Der Bericht wird erstellt …"))
    content = exports.analysis_pdf(wave, analysis.Filters.from_mapping(job.params["filters"]))
    jobs.save_output(job, content, f"bedarfsanalyse-{wave.pk}.pdf", PDF)
    # The last message stays on the finished job's page ("Fertig – Bericht erstellt.").
    progress(1.0, noop("Bericht erstellt."))


@jobs.register("needs.gaps_pdf")
def gaps_pdf(job, progress):
    wave = Wave.objects.get(pk=job.params["wave"])
    progress(0.1, noop("Der Bericht wird erstellt …"))
    rows = gaps.gap_report(wave, by_target_group=job.params["by_target_group"])
    content = exports.gaps_pdf(wave, rows, job.params["horizon"])
    jobs.save_output(job, content, f"luecken-{wave.pk}.pdf", PDF)
    progress(1.0, noop("Bericht erstellt."))


# Invitations and reminders: the one mail job of every survey (core.services.surveys).
surveys.register_mail_jobs(
    "needs",
    Wave,
    waves.send_invitations,
    lambda wave, user: waves.send_reminders(wave, user, force=True),
)


@jobs.register("needs.import_invitations")
def import_invitations(job, progress):
    """A large invitation list: the same all-or-nothing import as the page's."""
    wave = Wave.objects.get(pk=job.params["wave"])
    progress(0.1, noop("Die Datei wird geprüft …"))
    result = imports.import_invitations(
        wave,
        job.params["filename"],
        bytes(job.payload),
        job.created_by,
        job.params.get("skip_invalid", False),
    )
    progress(
        1.0,
        stored_text.plural(
            "%(count)s Einladung angelegt.", "%(count)s Einladungen angelegt.", result.created
        )
        if result.created
        else noop("Geprüft, nichts gespeichert."),
    )
    return import_jobs.report_as_json(result)
