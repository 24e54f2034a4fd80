"""``verbund worker``: the background worker (django-tasks' database worker).

Before it takes the first task it marks jobs whose worker died as failed (see
``verbund.core.services.jobs.fail_abandoned``); ``--sole`` says that no other worker runs,
so every job still "running" is abandoned (the demo starts exactly one). A thread
enqueues the registered periodic tasks when due (``verbund.core.services.periodic``), so
nothing needs cron; ``--no-periodic`` leaves that to other workers.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from verbund.core.services import jobs, periodic


class Command(BaseCommand):
    help = "Run the background worker (marks abandoned jobs failed first)."

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
        abandoned = jobs.fail_abandoned(sole_worker=sole)
        if abandoned:
            self.stdout.write(f"{abandoned} abandoned job(s) marked as failed.")
        heartbeat = None
        if batch and not no_periodic:
            periodic.enqueue_due()
        elif not no_periodic:
            heartbeat = periodic.Heartbeat()
            heartbeat.start()
        self.stdout.write("Background worker started.")
        self.stdout.flush()
        try:
            self._work(interval, batch, options)
        finally:
            if heartbeat is not None:
                heartbeat.stop()

    def _work(self, interval, batch, options):
        call_command(
            "db_worker",
            interval=interval,
            batch=batch,
            reload=False,
            startup_delay=False,
            verbosity=options["verbosity"],
            stdout=self.stdout,
        )
