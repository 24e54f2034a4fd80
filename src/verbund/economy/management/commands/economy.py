"""``verbund economy index ANSWERS.csv [--by ...] [--format json|csv]`` (domain/economy.md).

Only argument parsing lives here; verbund.economy.batch does the work without Django.
"""

from django.core.management.base import BaseCommand

from verbund.economy import batch


class Command(BaseCommand):
    help = "Business-climate indices of one wave from an answers CSV (DIHK method)."

    def add_arguments(self, parser):
        batch.add_arguments(parser)

    def handle(self, *args, **options):
        code = batch.dispatch(options, stdout=self.stdout, stderr=self.stderr)
        if code:
            raise SystemExit(code)
