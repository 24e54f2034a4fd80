"""``verbund events schedule|check|generate|expire-offers``.

The batch commands live in verbund.events.solver.cli (no Django); ``expire-offers`` is the
periodic job that passes unanswered waiting-list offers on (run it from cron or the
worker every few minutes).
"""

import sys

from django.core.management.base import BaseCommand

from verbund.events.solver import cli


class Command(BaseCommand):
    help = "B2B schedules (schedule, check, generate) and the waiting-list job (expire-offers)."

    def add_arguments(self, parser):
        cli.add_arguments(parser)
        actions = next(a for a in parser._actions if a.dest == "action")
        actions.add_parser(
            "expire-offers",
            help="expire unanswered waiting-list offers (the lists move up) and meeting requests",
        )

    def handle(self, *args, **options):
        if options["action"] == "expire-offers":
            from verbund.events.services.matchmaking import expire_requests
            from verbund.events.services.registration import expire_offers

            offers, requests = expire_offers(), expire_requests()
            self.stdout.write(
                f"{offers} waiting-list offers and {requests} meeting requests expired"
            )
            return
        # The progress line rewrites itself with "\r": the raw stream, not Django's wrapper
        # (which would end every write with a newline).
        code = cli.dispatch(options, stdout=self.stdout, stderr=sys.stderr)
        if code:
            raise SystemExit(code)
