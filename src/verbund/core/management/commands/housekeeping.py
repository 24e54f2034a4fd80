"""``verbund housekeeping``: prune sessions, tokens, finished tasks and jobs, change logs."""

from django.core.management.base import BaseCommand, CommandError

from verbund.core.services import housekeeping


class Command(BaseCommand):
    help = "Aufräumen: abgelaufene Sitzungen und Tokens, erledigte Aufträge, Änderungsprotokolle"

    def handle(self, *args, **options):
        deleted = housekeeping.run()
        for label, count in deleted.items():
            self.stdout.write(f"{label}: {'fehlgeschlagen' if count < 0 else count}")
        if any(count < 0 for count in deleted.values()):
            raise CommandError("Mindestens ein Schritt ist fehlgeschlagen (siehe Protokoll).")
