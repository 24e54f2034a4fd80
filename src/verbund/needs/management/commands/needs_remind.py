"""Remind invited companies that have not answered yet (run daily, e.g. by cron)."""

from django.core.management.base import BaseCommand

from verbund.needs.models import Wave
from verbund.needs.services import waves


class Command(BaseCommand):
    help = "Erinnert eingeladene Betriebe ohne Antwort (höchstens einmal pro Woche)."

    def handle(self, *args, **options):
        total = 0
        for wave in Wave.objects.filter(status=Wave.Status.OPEN):
            count = waves.send_reminders(wave)
            total += count
            if count:
                self.stdout.write(f"{wave}: {count}")
        self.stdout.write(f"{total} reminders sent")
