from django.core.management.base import BaseCommand

from verbund.core.services.reference_data import seed_registered
from verbund.core.services.regions import seed_regions
from verbund.core.services.topics import seed_topics


class Command(BaseCommand):
    help = "Create or update the reference data: topic catalogue and regions (idempotent)."

    def handle(self, *args, **options):
        topics = seed_topics()
        regions = seed_regions()
        seed_registered()  # what the apps ship (Verbundausbildung: the framework plans)
        self.stdout.write(self.style.SUCCESS(f"{topics} topics and {regions} regions up to date."))
