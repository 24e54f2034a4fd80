"""``verbund economy index ANSWERS.csv [--by ...] [--format json|csv]`` (domain/economy.md)
and ``verbund economy remind`` (daily, e.g. by cron).

Only argument parsing lives here; verbund.economy.batch computes the indices without Django.
"""

from django.core.management.base import BaseCommand

from verbund.economy import batch


class Command(BaseCommand):
    help = "Business-climate indices of one wave from an answers CSV (DIHK method)."

    def add_arguments(self, parser):
        batch.add_arguments(parser)

    def handle(self, *args, **options):
        if options["command"] == "remind":
            from verbund.economy.models import Wave
            from verbund.economy.services import waves

            total = sum(
                waves.send_reminders(wave) for wave in Wave.objects.filter(status=Wave.Status.OPEN)
            )
            self.stdout.write(f"{total} reminders sent\n")
            return
        code = batch.dispatch(options, stdout=self.stdout, stderr=self.stderr)
        if code:
            raise SystemExit(code)
