"""``verbund worker``: the background worker (django-tasks' database worker), supervised.

Before it takes the first task it deals with work whose worker died (see
``verbund.core.services.supervision``): ``--sole`` says that no other worker runs, so
every record still "running" is abandoned (the demo starts exactly one). While it runs, a
supervisor thread beats for the work at hand, records the worker as alive and every
``supervision.CHECK_SECONDS`` queues abandoned work of dead workers once more. A thread
enqueues the registered periodic tasks when due (``verbund.core.services.periodic``), so
nothing needs cron; ``--no-periodic`` leaves that to other workers.

A lost database connection never ends the worker: it logs one warning, waits with a
growing pause (``RECONNECT_DELAYS``) until the database answers again and goes on.
"""

import logging
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from verbund.core.services import periodic, supervision

logger = logging.getLogger("verbund.worker")

# Seconds to wait before the next connection attempt; the last one repeats.
RECONNECT_DELAYS = (1, 2, 4, 8, 15, 30)


class Command(BaseCommand):
    help = "Run the background worker (deals with abandoned jobs first)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sole", action="store_true", help="This is the only worker: every running job died."
        )
        parser.add_argument("--interval", type=float, default=1.0)
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument(
            "--no-periodic", action="store_true", help="Do not enqueue the periodic tasks."
        )

    def handle(self, *args, sole, interval, batch, no_periodic=False, **options):
        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError(
                "The task backend is not the database: unset VERBUND_TASKS_BACKEND=immediate "
                "for the web server and the worker."
            )
        self._wait_for_database()
        recovered = supervision.recover_abandoned(sole_worker=sole)
        if any(recovered.values()):
            self.stdout.write(
                "Abandoned jobs: {retried} queued again, {failed} marked as failed.".format(
                    **recovered
                )
            )
        threads = []
        if batch and not no_periodic:
            periodic.enqueue_due()
        elif not no_periodic:
            threads.append(periodic.Heartbeat())
        if not batch:
            threads.append(supervision.SupervisorThread())
        for thread in threads:
            thread.start()
        self.stdout.write("Background worker started.")
        self.stdout.flush()
        try:
            self._work(interval, batch, options)
        finally:
            for thread in threads:
                thread.stop()

    def _work(self, interval, batch, options):
        while True:
            try:
                call_command(
                    "db_worker",
                    interval=interval,
                    batch=batch,
                    reload=False,
                    startup_delay=False,
                    verbosity=options["verbosity"],
                    stdout=self.stdout,
                )
                return
            except DatabaseError as error:
                # A task cut off by the outage is left "running"; the supervisors of the
                # live workers queue it again once its heartbeat is old.
                logger.warning("Database connection lost (%s); the worker waits for it.", error)
                self._wait_for_database(warned=True)

    def _wait_for_database(self, warned=False):
        attempt = 0
        while True:
            try:
                database = connections["default"]
                if database.connection is not None and not database.is_usable():
                    database.close()  # broken by the outage: open a new one
                database.ensure_connection()
                if warned:
                    logger.warning("Database reachable again; the worker goes on.")
                return
            except DatabaseError as error:
                if not warned:
                    logger.warning("Database unreachable (%s); the worker waits for it.", error)
                    warned = True
                time.sleep(RECONNECT_DELAYS[min(attempt, len(RECONNECT_DELAYS) - 1)])
                attempt += 1
