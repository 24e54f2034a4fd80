"""Background jobs of the needs analysis: the PDF reports (WeasyPrint takes seconds)."""

from django.utils.translation import gettext as _

from verbund.core.services import jobs
from verbund.needs.models import Wave
from verbund.needs.services import analysis, exports, gaps

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
