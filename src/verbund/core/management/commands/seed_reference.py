from django.core.management.base import BaseCommand

from verbund.core.services.regions import seed_regions
from verbund.core.services.topics import seed_topics


class Command(BaseCommand):
    help = "Create or update the reference data: topic catalogue and regions (idempotent)."

    def handle(self, *args, **options):
        topics = seed_topics()
        regions = seed_regions()
        from verbund.apprenticeship.services.plans import seed_plans

        seed_plans()  # the shipped framework plans of Verbundausbildung
        self.stdout.write(self.style.SUCCESS(f"{topics} topics and {regions} regions up to date."))
