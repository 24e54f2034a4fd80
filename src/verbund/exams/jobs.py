"""Background work of exams: large sittings imports, poll links, plan mails, the API's
solve; plan runs are core solver runs (registered by importing services.planning)."""

from django.utils.translation import gettext_noop as noop

from verbund.core.services import import_jobs, jobs, stored_text
from verbund.exams.models import ExamPeriod
from verbund.exams.services import imports, planning, polls, publishing  # noqa: F401


@jobs.register("exams.import_sittings")
def import_sittings(job, progress):
    """A large sittings file: the same all-or-nothing import as the page's."""
    period = ExamPeriod.objects.get(pk=job.params["period"])
    progress(0.1, noop("Die Datei wird geprüft …"))
    result = imports.import_sittings(
        period, job.params["filename"], bytes(job.payload), job.created_by
    )
    progress(
        1.0,
        stored_text.plural(
            "%(count)s Prüfungstermin importiert.",
            "%(count)s Prüfungstermine importiert.",
            result.created,
        )
        if not result.errors
        else noop("Geprüft, nichts gespeichert."),
    )
    return import_jobs.report_as_json(result)


# API solves queued as jobs before they became plan runs (services/api_solve.py) still run.
@jobs.register("exams.solve_instance")
def solve_instance(job, progress):
    from verbund.exams.services import api_solve

    return api_solve.run(job, progress)


@jobs.register("exams.send_poll_links")
def send_poll_links(job, progress):
    """Opening the availability poll: a personal link to every examiner of the pool."""
    period = ExamPeriod.objects.get(pk=job.params["period"])
    progress(0.05, noop("Die persönlichen Links werden versandt …"))

    def report(fraction, _message):
        progress(0.05 + 0.9 * fraction, noop("Die persönlichen Links werden versandt …"))

    mailed = polls.open_poll(period, job.created_by, progress=report)
    progress(1.0, _notified(mailed))
    return {"mailed": mailed}


@jobs.register(publishing.MAIL_KIND)
def mail_published_plan(job, progress):
    """After publishing: one mail (with ICS) to every examiner with new or cancelled sittings."""
    progress(0.05, noop("Die Prüfenden werden benachrichtigt …"))

    def report(fraction, _message):
        progress(0.05 + 0.9 * fraction, noop("Die Prüfenden werden benachrichtigt …"))

    mailed = publishing.mail_changes(
        job.params["mail"],
        progress=report,
        deliver=lambda key, send: jobs.deliver_once(job, key, send),
    )
    progress(1.0, _notified(mailed))
    return {"mailed": mailed}


def _notified(count):
    """The finished job's message: "1 Prüfer/in benachrichtigt.", "3 Prüfende benachrichtigt."."""
    return stored_text.plural(
        "%(count)s Prüfer/in benachrichtigt.", "%(count)s Prüfende benachrichtigt.", count
    )
