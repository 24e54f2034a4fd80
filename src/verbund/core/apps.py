from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "verbund.core"
    label = "core"
    verbose_name = _("Stammdaten")

    def ready(self):
        # Each app registers its named permissions in its own permissions.py.
        autodiscover_modules("permissions")
        # Key figures, capabilities and tasks: each app registers its own in its dashboard.py.
        # ... and its background job types in jobs.py (verbund.core.services.jobs).
        autodiscover_modules("jobs")
        # A 403 logs one line, not a traceback.
        from verbund.core import forbidden_log

        forbidden_log.install()

        # Daily pruning (verbund housekeeping) as a periodic task of the worker.
        from datetime import timedelta

        from verbund.core import tasks
        from verbund.core.services import periodic

        periodic.register(tasks.housekeeping, every=timedelta(days=1))
