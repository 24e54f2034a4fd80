from django.core.management.base import BaseCommand

from verbund.core.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo data (networks of the seeds, demo logins); does nothing if present."

    def handle(self, *args, **options):
        if load_demo(self.stdout):
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
