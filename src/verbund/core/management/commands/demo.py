"""``verbund demo``: one command from an empty directory to a running demo.

Migrates, seeds the reference data, loads the demo, collects static files and serves
with gunicorn (a production server; static files through whitenoise) over plain HTTP on
127.0.0.1:8000, and beside it the background worker (``verbund worker``) that runs long
jobs and the search-index follower (``verbund courses follow``); Ctrl+C or SIGTERM stops both, and both write to this console. The server process gets VERBUND_HTTPS=0 and VERBUND_DEBUG=0 so that
cookies work without TLS while everything else behaves as in production.
"""

import hashlib
import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from verbund.core.demo import load_demo
from verbund.core.demo.logins import format_logins_table
from verbund.core.supervise import run_together


class Command(BaseCommand):
    help = "Set up and serve the demo: migrate, seed, load demo data, collectstatic, gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-serve", action="store_true", help="Prepare everything, but do not serve."
        )

    def handle(self, *args, host, port, workers, no_serve, **options):
        verbosity = max(0, options["verbosity"] - 1)
        self.stdout.write("Migrating the database …")
        call_command("migrate", interactive=False, verbosity=verbosity)
        call_command("seed_reference", verbosity=verbosity, stdout=self.stdout)
        load_demo(self.stdout)
        self._collectstatic(verbosity)

        url = f"http://{host}:{port}/"
        self.stdout.write("")
        self.stdout.write(format_logins_table(url))
        self.stdout.write("")
        self.stdout.write(f"Data directory: {settings.VAR_DIR}")
        self.stdout.write("Password-reset mails are printed to this console.")
        if no_serve:
            self.stdout.write(
                self.style.SUCCESS(f"Demo ready; serve it with: verbund demo ({url})")
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Serving the demo at {url} with the background worker (Ctrl+C stops both)"
            )
        )
        self.stdout.flush()
        self._serve(host, port, workers)

    def _collectstatic(self, verbosity: int) -> None:
        """Collect (and compress) static files, skipped when the sources are unchanged.

        Compressing the API docs' bundles takes a minute; a second ``verbund demo`` with
        the same sources starts in seconds.
        """
        stamp = Path(settings.STATIC_ROOT) / ".verbund-collected"
        fingerprint = _static_fingerprint()
        if stamp.exists() and stamp.read_text() == fingerprint:
            self.stdout.write("Static files are up to date.")
            return
        self.stdout.write("Collecting and compressing static files (takes a minute) …")
        call_command("collectstatic", interactive=False, verbosity=verbosity)
        stamp.write_text(fingerprint)

    def _serve(self, host: str, port: int, workers: int) -> None:
        if not _module_available("gunicorn"):
            raise CommandError("gunicorn is not installed (pip install gunicorn)")
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": os.environ.get(
                    "DJANGO_SETTINGS_MODULE", "verbund.settings"
                ),
                "VERBUND_VAR_DIR": str(settings.VAR_DIR),
                "VERBUND_HTTPS": "0",
                "VERBUND_DEBUG": "0",
                "VERBUND_SITE_URL": env.get("VERBUND_SITE_URL", f"http://{host}:{port}"),
            }
        )
        if "VERBUND_ALLOWED_HOSTS" not in env:
            env["VERBUND_ALLOWED_HOSTS"] = demo_allowed_hosts(host, settings.ALLOWED_HOSTS)
        # Long work (solves, imports, reports) goes to the database worker, never into a
        # request: gunicorn would kill a worker that takes longer than its timeout.
        env["VERBUND_TASKS_BACKEND"] = "database"
        server = [
            sys.executable,
            "-m",
            "gunicorn",
            "verbund.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--logger-class",  # masks personal links (tokens) in the access log
            "verbund.core.gunicorn_logging.GunicornLogger",
        ]
        worker = [sys.executable, "-m", "verbund", "worker", "--sole"]
        # Keeps this server's search index current with commits from any process.
        follower = [sys.executable, "-m", "verbund", "courses", "follow"]
        code = run_together([server, worker, follower], env=env)
        if code:
            raise CommandError(f"The demo stopped with exit code {code}.")


def demo_allowed_hosts(host: str, configured: list[str]) -> str:
    """Host names the demo answers to: on all interfaces (``HOST=0.0.0.0``) any name the
    other machines use for this one, else the configured ones plus ``host``."""
    if host in ("0.0.0.0", "::"):
        return "*"
    return ",".join(dict.fromkeys([*configured, host]))


def _static_fingerprint() -> str:
    """A hash over every source static file's path, size and mtime, and the storage."""
    from django.contrib.staticfiles import finders

    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for finder in finders.get_finders():
        for path, storage in finder.list(ignore_patterns=[]):
            stat = os.stat(storage.path(path))
            digest.update(f"{storage.location}|{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _module_available(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None
