"""``verbund apprenticeship plan|check|generate``: the rotation batch interface.

Only argument parsing lives here; verbund.apprenticeship.solver.cli does the work.
"""

from django.core.management.base import BaseCommand

from verbund.apprenticeship.solver import cli


class Command(BaseCommand):
    help = (
        "Plan a Verbund rotation (plan), check a plan (check) or write a test instance (generate)."
    )

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        code = cli.dispatch(options, stdout=self.stdout, stderr=self.stderr)
        if code:
            raise SystemExit(code)
