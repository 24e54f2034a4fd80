"""``verbund mobility match|check``: the placement-matching batch interface.

Only argument parsing lives here; verbund.mobility.solver.cli does the work without
Django. Instances without ``rates`` use the platform's rate table of their call year.
"""

from django.core.management.base import BaseCommand

from verbund.mobility.services.rates import rates_or_none
from verbund.mobility.solver import cli


class Command(BaseCommand):
    help = "Match participants to placements abroad (match) or check a plan (check)."

    def add_arguments(self, parser):
        cli.add_arguments(parser)

    def handle(self, *args, **options):
        code = cli.dispatch(
            options, stdout=self.stdout, stderr=self.stderr, rates_for_year=rates_or_none
        )
        if code:
            raise SystemExit(code)
