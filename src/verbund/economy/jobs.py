"""Background jobs of the business-climate survey: mass mail and large panel imports."""

from django.utils.translation import gettext_noop as noop

from verbund.core.services import import_jobs, jobs, stored_text, surveys
from verbund.economy.models import Wave
from verbund.economy.services import panel_import, waves
from verbund.networks.models import Network

# Invitations and reminders: the one mail job of every survey (core.services.surveys).
# Reminders keep the weekly interval, so a second run mails nobody twice.
surveys.register_mail_jobs("economy", Wave, waves.send_invitations, waves.send_reminders)


@jobs.register("economy.import_panel")
def import_panel(job, progress):
    """A large panel file: the same all-or-nothing import as the page's."""
    network = Network.objects.get(pk=job.params["network"])
    progress(0.1, noop("Die Datei wird geprüft …"))
    result = panel_import.import_panel(
        network, job.params["filename"], bytes(job.payload), job.created_by
    )
    progress(
        1.0,
        stored_text.plural(
            "%(count)s Betrieb importiert.", "%(count)s Betriebe importiert.", result.created
        )
        if result.created
        else noop("Geprüft, nichts gespeichert."),
    )
    return import_jobs.report_as_json(result)
