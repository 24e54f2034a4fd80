"""``verbund exams solve|check|generate``: the examiner-assignment batch interface.

Only argument parsing lives here; verbund.exams.solver.cli does the work without Django.
"""

from django.core.management.base import BaseCommand

from verbund.exams.solver import cli


class Command(BaseCommand):
    help = "Plan examiners (solve), check a plan (check) or write a test instance (generate)."

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        code = cli.dispatch(options, stdout=self.stdout, stderr=self.stderr)
        if code:
            raise SystemExit(code)
