"""Background jobs of the needs surveys: PDF reports (WeasyPrint takes seconds) and mass mail."""

from django.utils.translation import gettext as _

from verbund.core.services import jobs
from verbund.needs.models import Wave
from verbund.needs.services import analysis, exports, gaps, waves

PDF = "application/pdf"


@jobs.register("needs.analysis_pdf")
def analysis_pdf(job, progress):
    wave = Wave.objects.get(pk=job.params["wave"])
    progress(0.1, _("Der Bericht wird erstellt …"))
    content = exports.analysis_pdf(wave, analysis.Filters.from_mapping(job.params["filters"]))
    jobs.save_output(job, content, f"bedarfsanalyse-{wave.pk}.pdf", PDF)


@jobs.register("needs.gaps_pdf")
def gaps_pdf(job, progress):
    wave = Wave.objects.get(pk=job.params["wave"])
    progress(0.1, _("Der Bericht wird erstellt …"))
    rows = gaps.gap_report(wave, by_target_group=job.params["by_target_group"])
    content = exports.gaps_pdf(wave, rows, job.params["horizon"])
    jobs.save_output(job, content, f"luecken-{wave.pk}.pdf", PDF)


@jobs.register("needs.send_invitations")
def send_invitations(job, progress):
    wave = Wave.objects.get(pk=job.params["wave"])
    progress(0.1, _("Die Einladungen werden versandt …"))
    count = waves.send_invitations(wave, job.created_by)
    progress(1.0, _("%(count)s Einladungen versandt.") % {"count": count})
    return {"sent": count}


@jobs.register("needs.send_reminders")
def send_reminders(job, progress):
    wave = Wave.objects.get(pk=job.params["wave"])
    progress(0.1, _("Die Erinnerungen werden versandt …"))
    count = waves.send_reminders(wave, job.created_by, force=True)
    progress(1.0, _("%(count)s Erinnerungen versandt.") % {"count": count})
    return {"sent": count}
